import { expect, test } from "@jest/globals";
import {
  diffguardDetector,
  loadSecretsCorpus,
  precision,
  recall,
  scoreCorpus,
} from "../../src/bench/secrets-corpus.js";
import { patternSet, patterns } from "../support/secrets.js";

const cases = loadSecretsCorpus(patterns);

test("the labeled corpus has at least 300 cases, at least half of them traps", () => {
  expect(cases.length).toBeGreaterThanOrEqual(300);
  expect(cases.filter((c) => !c.secret).length * 2).toBeGreaterThanOrEqual(cases.length);
  expect(cases.filter((c) => c.origin === "hand-written" && c.secret).length).toBeGreaterThanOrEqual(50);
});

test("precision and recall on the labeled corpus are at least 0.95", () => {
  const { total, misses, falseAlarms } = scoreCorpus(cases, diffguardDetector(patternSet));
  const report = {
    precision: precision(total),
    recall: recall(total),
    misses: misses.map((m) => m.path),
    falseAlarms: falseAlarms.map((f) => f.case.path),
  };
  expect(report.precision).toBeGreaterThanOrEqual(0.95);
  expect(report.recall).toBeGreaterThanOrEqual(0.95);
});
