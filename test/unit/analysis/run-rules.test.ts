import { describe, expect, test } from "@jest/globals";
import type { Language } from "../../../src/analysis/languages.js";
import { parseFile } from "../../../src/analysis/parse-file.js";
import { applyFixes, codeSpan } from "../../../src/analysis/render-fix.js";
import { compileRule, loadRules } from "../../../src/analysis/rules/load-rules.js";
import { RuleSet, runRules } from "../../../src/analysis/run-rules.js";

const rules = new RuleSet(loadRules());

function scan(code: string, language: Language = "javascript", path = "src/app.js") {
  return runRules(parseFile(code, language), code, language, path, rules);
}

describe("runRules", () => {
  test("reports 1-based lines and UTF-16 columns, with the message filled in", () => {
    const [finding] = scan('const é = "ü";\nconst r = eval(input);\n');
    expect(finding).toMatchObject({
      ruleId: "js-eval-non-literal",
      kind: "sast",
      path: "src/app.js",
      range: { start: { line: 2, column: 11 }, end: { line: 2, column: 22 } },
      snippet: "const r = eval(input);",
      cwe: ["CWE-95"],
    });
    expect(finding?.message).toContain("`input`");
    expect(finding?.helpUri).toMatch(/^https:/);
  });

  test("columns count UTF-16 code units after astral characters", () => {
    const [finding] = scan('const s = "😀"; eval(input);\n');
    expect(finding?.range.start.column).toBe('const s = "😀"; '.length + 1);
  });

  test("the merged per-language query reports rules of that language only", () => {
    const ids = scan("import yaml\nyaml.load(x)\neval(x)\n", "python").map((f) => f.ruleId);
    expect(ids).toEqual(["py-yaml-unsafe-load"]);
  });

  test("a match nested in a match of the same rule is reported once, with the fix", () => {
    const findings = scan("const token = Math.random().toString(36).slice(2);\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]?.fix?.replacement).toBe("crypto.randomUUID()");
  });

  test("TypeScript files run the JavaScript rules", () => {
    expect(
      scan("const x: string = eval(input as string);", "typescript", "a.ts").map((f) => f.ruleId),
    ).toEqual(["js-eval-non-literal"]);
  });

  test("fingerprints ignore line moves and count repeated matches", () => {
    const before = scan("eval(input);\neval(input);\n");
    const after = scan("// a new comment\n\n\neval(input);\nfoo();\neval(input);\n");
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(2);
    const otherPath = runRules(
      parseFile("eval(input);", "javascript"),
      "eval(input);",
      "javascript",
      "b.js",
      rules,
    );
    expect(otherPath[0]?.fingerprint).not.toBe(before[0]?.fingerprint);
  });

  test("with rows, a match is found when any of its lines is among them", () => {
    const code = "import yaml\n\nx = yaml.load(\n    data,\n)\ny = yaml.load(other)\n";
    const run = (rows: number[]) =>
      runRules(parseFile(code, "python"), code, "python", "a.py", rules, rows).map((f) => f.range.start.line);
    expect(run([4])).toEqual([3]);
    expect(run([6])).toEqual([6]);
    expect(run([1, 2])).toEqual([]);
    expect(run([])).toEqual([]);
    expect(run([1, 2, 3, 4, 5, 6])).toEqual([3, 6]);
  });

  test("a file without any anchor word of the rules is not queried", () => {
    expect(scan("const a = compute(input);\nrun(a);\n")).toEqual([]);
  });

  test("a capture inserted in a message is shortened and kept on one line", () => {
    const long = `eval(${"a + ".repeat(40)}b);`;
    const [finding] = scan(long);
    expect(finding?.message).toMatch(/…/);
    expect(finding?.message).not.toContain("\n");
  });

  test("where: file_matches, named and matches", () => {
    const rule = compileRule(
      {
        id: "js-where-test",
        title: "where test",
        languages: ["javascript"],
        severity: "low",
        confidence: "low",
        cwe: ["CWE-1"],
        message: "m",
        query: "((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @match)",
        where: [
          { file_matches: "magic" },
          { capture: "match", named: "^tok" },
          { capture: "arg", matches: "(?i)^'HI" },
        ],
        examples: { vulnerable: [{ code: "x" }], safe: ["y"] },
      },
      "rules/javascript/js-where-test.yml",
    );
    const set = new RuleSet([rule]);
    const run = (code: string) =>
      runRules(parseFile(code, "javascript"), code, "javascript", "a.js", set).length;
    expect(run("// magic\nconst token = f('hi there');")).toBe(1);
    expect(run("const token = f('hi there');")).toBe(0);
    expect(run("// magic\nconst other = f('hi there');")).toBe(0);
    expect(run("// magic\nconst token = f('bye');")).toBe(0);
    expect(run("// magic\nconst m = 'hi'; const token = f(m);")).toBe(1);
  });
});

describe("applyFixes", () => {
  const fix = (l1: number, c1: number, l2: number, c2: number, replacement: string) => ({
    range: { start: { line: l1, column: c1 }, end: { line: l2, column: c2 } },
    replacement,
  });

  test("replaces ranges across lines", () => {
    expect(applyFixes("ab\ncd\nef", [fix(1, 2, 2, 2, "X")])).toBe("aXd\nef");
  });

  test("applies several fixes in order and skips one that overlaps", () => {
    expect(applyFixes("abcdef", [fix(1, 5, 1, 6, "E"), fix(1, 1, 1, 3, "AB"), fix(1, 2, 1, 4, "zz")])).toBe(
      "ABcdEf",
    );
  });
});

test("codeSpan fences text that holds backticks", () => {
  expect(codeSpan("a")).toBe("`a`");
  expect(codeSpan("a `b` c")).toBe("``a `b` c``");
  expect(codeSpan("`x`")).toBe("`` `x` ``");
});
