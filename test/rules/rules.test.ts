import { describe, expect, test } from "@jest/globals";
import type { Language } from "../../src/analysis/languages.js";
import { parseFile } from "../../src/analysis/parse-file.js";
import { applyFixes } from "../../src/analysis/render-fix.js";
import { loadRules, type Rule } from "../../src/analysis/rules/load-rules.js";
import { RuleSet, runRules } from "../../src/analysis/run-rules.js";

const rules = loadRules();

function scan(rule: Rule, code: string, language: Language) {
  const tree = parseFile(code, language);
  return { tree, findings: runRules(tree, code, language, `example.${language}`, new RuleSet([rule])) };
}

test("the rule pack is loaded", () => {
  expect(rules.length).toBeGreaterThanOrEqual(8);
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
});

describe.each(rules.map((rule) => [rule.id, rule] as const))("%s", (_id, rule) => {
  test("has a message, a title and CWE ids", () => {
    expect(rule.message.trim()).not.toBe("");
    expect(rule.title.trim()).not.toBe("");
    for (const cwe of rule.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
  });

  const cases = rule.languages.flatMap((language) => [
    ...rule.examples.vulnerable.map((example, i) => ({
      language,
      example,
      name: `vulnerable #${i + 1} (${language})`,
    })),
  ]);

  test.each(cases)("$name is reported", ({ language, example }) => {
    const { tree, findings } = scan(rule, example.code, language);
    expect(tree.rootNode.hasError).toBe(false);
    const line = example.line ?? 1;
    const finding = findings.find((f) => f.range.start.line === line);
    expect(findings.map((f) => f.range.start.line)).toContain(line);
    if (!finding) return;
    expect(finding.fingerprint).toMatch(/^v1:[0-9a-f]{32}$/);
    if (example.fixed !== undefined) expect(finding.fix).toBeDefined();
    if (!finding.fix) return;
    const fixed = applyFixes(example.code, [finding.fix]);
    if (example.fixed !== undefined) expect(fixed).toBe(example.fixed);
    const after = scan(rule, fixed, language);
    expect(after.tree.rootNode.hasError).toBe(false);
    expect(after.findings).toEqual([]);
  });

  const safe = rule.languages.flatMap((language) =>
    rule.examples.safe.map((code, i) => ({ language, code, name: `safe #${i + 1} (${language})` })),
  );
  test.each(safe)("$name is not reported", ({ language, code }) => {
    const { tree, findings } = scan(rule, code, language);
    expect(tree.rootNode.hasError).toBe(false);
    expect(findings).toEqual([]);
  });
});
