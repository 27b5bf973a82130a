import { describe, expect, test } from "@jest/globals";
import type { Finding } from "../../../src/findings/finding.js";
import { commentBody, fenced, marker, markersIn } from "../../../src/report/markdown.js";

const finding: Finding = {
  ruleId: "js-insecure-random-token",
  kind: "sast",
  severity: "medium",
  confidence: "medium",
  title: "Math.random() used for a secret value",
  message: "`Math.random()` makes a predictable value.",
  note: "Use `crypto.randomUUID()`.",
  cwe: ["CWE-338"],
  path: "a.js",
  range: { start: { line: 3, column: 15 }, end: { line: 3, column: 50 } },
  snippet: "const token = Math.random().toString(36).slice(2);",
  fix: {
    range: { start: { line: 3, column: 15 }, end: { line: 3, column: 50 } },
    replacement: "crypto.randomUUID()",
  },
  fingerprint: "v1:0123456789abcdef0123456789abcdef",
};

describe("markdown", () => {
  test("a fence is longer than any run of backticks in the code", () => {
    expect(fenced("a")).toBe("```\na\n```");
    expect(fenced("const s = `x`; const t = ````;", "suggestion")).toBe(
      "`````suggestion\nconst s = `x`; const t = ````;\n`````",
    );
  });

  test("a comment has badge, title, message, a suggestion of the whole line, CWE link and the marker last", () => {
    const body = commentBody(finding);
    expect(
      body.startsWith(
        "🟡 **Medium** · **Math.random() used for a secret value** · `js-insecure-random-token`",
      ),
    ).toBe(true);
    expect(body).toContain("```suggestion\nconst token = crypto.randomUUID();\n```");
    expect(body).toContain("[CWE-338](https://cwe.mitre.org/data/definitions/338.html)");
    expect(body.endsWith(marker(finding.fingerprint))).toBe(true);
    expect(markersIn(body)).toEqual([finding.fingerprint]);
  });

  test("no suggestion without a fix, or when the fix would change nothing", () => {
    const { fix: _fix, ...noFix } = finding;
    expect(commentBody(noFix)).not.toContain("```suggestion");
    const same = {
      ...finding,
      fix: {
        ...(finding.fix as NonNullable<Finding["fix"]>),
        replacement: "Math.random().toString(36).slice(2)",
      },
    };
    expect(commentBody(same)).not.toContain("```suggestion");
  });
});
