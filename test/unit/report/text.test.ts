import { describe, expect, test } from "@jest/globals";
import { parseFile } from "../../../src/analysis/parse-file.js";
import { loadRules } from "../../../src/analysis/rules/load-rules.js";
import { RuleSet, runRules } from "../../../src/analysis/run-rules.js";
import type { Analysis } from "../../../src/engine.js";
import { suggestion } from "../../../src/report/suggestion.js";
import { toText } from "../../../src/report/text.js";

const code = "import yaml\n\ndef load(body):\n    return yaml.load(body)\n";
const findings = runRules(parseFile(code, "python"), code, "python", "w/tasks.py", new RuleSet(loadRules()));
const stats = {
  filesChanged: 1,
  filesAnalysed: 1,
  filesUnsupported: 0,
  bytes: 10,
  lines: 4,
  parseMs: 1,
  rulesMs: 1,
  secretsMs: 0,
  durationMs: 3,
};
const analysis: Analysis = { findings, skipped: [{ path: "min.js", reason: "minified file (name)" }], stats };

describe("toText", () => {
  const text = toText(analysis, { color: false });

  test("a finding line, its code, a caret and the fix as a diff", () => {
    expect(text).toContain(
      "w/tasks.py:4:12 high py-yaml-unsafe-load `yaml.load` without a safe loader can build arbitrary Python objects from `body`.",
    );
    expect(text).toContain("  4 |     return yaml.load(body)");
    expect(text).toContain("    |            ^^^^^^^^^^^^^^^");
    expect(text).toContain("  -     return yaml.load(body)\n  +     return yaml.safe_load(body)");
    expect(text).toContain("skipped min.js: minified file (name)");
    expect(text).toContain("1 finding (1 high)");
  });

  test("no escape codes without colour, escape codes with it", () => {
    const ESC = String.fromCharCode(27);
    expect(text).not.toContain(`${ESC}[`);
    expect(toText(analysis, { color: true })).toContain(`${ESC}[`);
  });

  test("no findings says so", () => {
    expect(toText({ findings: [], skipped: [], stats }, { color: false })).toMatch(
      /^No findings \(1 file analysed/,
    );
  });
});

describe("suggestion", () => {
  test("the finding's whole lines with the fix applied", () => {
    expect(suggestion(findings[0] as never)).toEqual({
      startLine: 4,
      endLine: 4,
      text: "    return yaml.safe_load(body)",
    });
  });

  test("none without a fix, or when the fix changes nothing", () => {
    const finding = findings[0] as (typeof findings)[0];
    const { fix: _unused, ...withoutFix } = finding;
    expect(suggestion(withoutFix)).toBeNull();
    const fix = finding.fix as NonNullable<typeof finding.fix>;
    expect(suggestion({ ...finding, fix: { ...fix, replacement: "yaml.load(body)" } })).toBeNull();
  });
});
