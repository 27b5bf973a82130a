import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { stringify } from "yaml";
import { compileRule, loadRules, RuleLoadError } from "../../../src/analysis/rules/load-rules.js";

const valid = {
  id: "js-test-rule",
  title: "A test rule",
  languages: ["javascript"],
  severity: "high",
  confidence: "high",
  cwe: ["CWE-95"],
  message: "`{{fn}}` is called",
  query: '((call_expression function: (identifier) @fn) @match (#eq? @fn "danger"))',
  examples: { vulnerable: [{ code: "danger()" }], safe: ["safe()"] },
};

function errorOf(data: unknown, file = "rules/javascript/js-test-rule.yml"): RuleLoadError {
  try {
    compileRule(data, file);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleLoadError);
    return error as RuleLoadError;
  }
  throw new Error("the rule was accepted");
}

describe("compileRule", () => {
  test("a valid rule compiles for its languages", () => {
    const rule = compileRule(valid, "rules/javascript/js-test-rule.yml");
    expect([...rule.queries.keys()]).toEqual(["javascript"]);
    expect(rule.report).toBe("match");
  });

  test.each([
    ["an unknown key", { ...valid, severty: "high" }, "", /severty/],
    ["a bad severity", { ...valid, severity: "urgent" }, "severity", /critical/],
    ["a bad CWE id", { ...valid, cwe: ["CWE95"] }, "cwe[0]", /CWE id/],
    [
      "no examples",
      { ...valid, examples: { vulnerable: [], safe: ["x"] } },
      "examples.vulnerable",
      /at least 1|>=1/,
    ],
    ["an unknown language", { ...valid, languages: ["cobol"] }, "languages[0]", /javascript/],
    [
      "a multi-line example without a line",
      { ...valid, examples: { vulnerable: [{ code: "a\ndanger()" }], safe: ["x"] } },
      "examples.vulnerable[0].line",
      /multi-line/,
    ],
    [
      "a query that does not compile",
      { ...valid, query: "((call_expression) @match" },
      "query",
      /does not compile for javascript/,
    ],
    [
      "a node type the grammar lacks",
      { ...valid, query: "((no_such_node) @match)" },
      "query",
      /does not compile/,
    ],
    ["a message capture the query lacks", { ...valid, message: "{{nope}}" }, "message", /@nope/],
    ["a report capture the query lacks", { ...valid, report: "other" }, "report", /@other/],
    ["a fix capture the query lacks", { ...valid, fix: { capture: "x", replace: "y" } }, "fix.capture", /@x/],
    [
      "a bad regular expression",
      { ...valid, where: [{ capture: "fn", matches: "(" }] },
      "where[0]",
      /regular expression/,
    ],
    [
      "a where on an unknown capture",
      { ...valid, where: [{ capture: "zz", constant: false }] },
      "where[0].capture",
      /@zz/,
    ],
  ])("rejects %s, naming the field", (_name, data, field, problem) => {
    const error = errorOf(data);
    if (field) expect(error.field).toBe(field);
    expect(error.message).toContain("rules/javascript/js-test-rule.yml");
    expect(error.message).toMatch(problem);
  });

  test("the id must equal the file name", () => {
    const error = errorOf(valid, "rules/javascript/other-name.yml");
    expect(error.field).toBe("id");
    expect(error.message).toMatch(/other-name/);
  });
});

describe("loadRules", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "diffguard-rules-"));
    mkdirSync(join(dir, "javascript"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("loads every rule file under the folder, but not secret patterns", () => {
    writeFileSync(join(dir, "javascript", "js-test-rule.yml"), stringify(valid));
    mkdirSync(join(dir, "secrets"));
    writeFileSync(join(dir, "secrets", "github.yml"), "not: a rule\n");
    expect(loadRules(dir).map((r) => r.id)).toEqual(["js-test-rule"]);
  });

  test("duplicate ids are an error naming both files", () => {
    writeFileSync(join(dir, "javascript", "js-test-rule.yml"), stringify(valid));
    mkdirSync(join(dir, "typescript"));
    writeFileSync(join(dir, "typescript", "js-test-rule.yml"), stringify(valid));
    expect(() => loadRules(dir)).toThrow(/also defined in/);
  });

  test("invalid YAML is an error naming the file", () => {
    writeFileSync(join(dir, "javascript", "js-test-rule.yml"), "id: [unclosed\n");
    expect(() => loadRules(dir)).toThrow(/js-test-rule\.yml: is not valid YAML/);
  });
});
