import { describe, expect, test } from "@jest/globals";
import type * as Sarif from "sarif";
import { parseFile } from "../../../src/analysis/parse-file.js";
import { loadRules } from "../../../src/analysis/rules/load-rules.js";
import { RuleSet, runRules } from "../../../src/analysis/run-rules.js";
import { toSarif } from "../../../src/report/sarif.js";
import { sarifValidator } from "../../support/sarif-schema.js";

const rules = loadRules();
const code = "const token = Math.random().toString(36).slice(2);\neval(input);\n";
const findings = runRules(
  parseFile(code, "javascript"),
  code,
  "javascript",
  "web/app.js",
  new RuleSet(rules),
);
const log = toSarif(findings, {
  toolVersion: "1.2.3",
  rules,
  root: "/repo",
  skipped: [{ path: "big.js", reason: "too big" }],
});
const run = log.runs[0] as Sarif.Run;

describe("toSarif", () => {
  test("the log is valid against the SARIF 2.1.0 schema", () => {
    const validate = sarifValidator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test("the schema check catches an invalid log", () => {
    const validate = sarifValidator();
    expect(validate({ version: "2.1.0", runs: [{ tool: {} }] })).toBe(false);
  });

  test("every rule is described, with security tags, CWE tags, severity score and precision", () => {
    expect(run.tool.driver.name).toBe("diffguard");
    expect(run.tool.driver.version).toBe("1.2.3");
    const rule = run.tool.driver.rules?.find((r) => r.id === "js-eval-non-literal");
    expect(rule?.shortDescription?.text).toBeTruthy();
    expect(rule?.fullDescription?.text).toBeTruthy();
    expect(rule?.help?.markdown).toBeTruthy();
    expect(rule?.properties?.tags).toEqual(expect.arrayContaining(["security", "external/cwe/cwe-95"]));
    expect(rule?.properties?.["security-severity"]).toBe("8.0");
    expect(rule?.properties?.precision).toBe("high");
    expect(run.tool.driver.rules).toHaveLength(rules.length);
  });

  test("results carry level, location, region, fingerprint and fixes", () => {
    const [token, evalResult] = run.results ?? [];
    expect(token).toMatchObject({
      ruleId: "js-insecure-random-token",
      level: "warning",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "web/app.js", uriBaseId: "%SRCROOT%" },
            region: { startLine: 1, startColumn: 15, endLine: 1, endColumn: 50 },
          },
        },
      ],
    });
    expect(token?.partialFingerprints?.["diffguard/v1"]).toMatch(/^v1:/);
    expect(token?.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.insertedContent?.text).toBe(
      "crypto.randomUUID()",
    );
    expect(evalResult?.level).toBe("error");
    expect(evalResult?.fixes).toBeUndefined();
    expect(run.tool.driver.rules?.[evalResult?.ruleIndex as number]?.id).toBe(evalResult?.ruleId);
  });

  test("skipped files are tool notifications and the root is the source base", () => {
    expect(run.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toBe("Skipped: too big");
    expect(run.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe("file:///repo/");
    expect(run.columnKind).toBe("utf16CodeUnits");
  });
});
