import { describe, expect, test } from "@jest/globals";
import { filterMode } from "../../../src/diff/filter-mode.js";
import { LineIndex } from "../../../src/diff/line-index.js";
import { parsePatch } from "../../../src/diff/parse-diff.js";
import type { Finding } from "../../../src/findings/finding.js";

const patch = "@@ -1,4 +1,5 @@\n a\n-b\n+B\n+B2\n c\n d\n@@ -20,2 +21,3 @@\n x\n+y\n z\n";
const index = new LineIndex(parsePatch(patch));

function finding(start: number, end = start): Finding {
  return {
    ruleId: "r",
    kind: "sast",
    severity: "high",
    confidence: "high",
    title: "t",
    message: "m",
    cwe: ["CWE-1"],
    path: "f.js",
    range: { start: { line: start, column: 1 }, end: { line: end, column: 2 } },
    snippet: "",
    fingerprint: `v1:${start}`,
  };
}

describe("LineIndex", () => {
  test.each([
    [1, "context"],
    [2, "added"],
    [3, "added"],
    [4, "context"],
    [5, "context"],
    [6, undefined],
    [21, "context"],
    [22, "added"],
    [23, "context"],
  ])("line %d is %s", (line, state) => {
    expect(index.stateOf(line)).toBe(state);
  });

  test("added lines", () => {
    expect(index.addedLines()).toEqual([2, 3, 22]);
  });

  test("a range touches an added line when any line of it was added", () => {
    expect(index.touchesAdded(1, 2)).toBe(true);
    expect(index.touchesAdded(4, 21)).toBe(false);
  });

  test("a range is in one hunk only when every line is shown by the same hunk", () => {
    expect(index.inOneHunk(1, 5)).toBe(true);
    expect(index.inOneHunk(5, 21)).toBe(false);
    expect(index.inOneHunk(6, 6)).toBe(false);
  });
});

describe("filterMode", () => {
  const findings = [finding(1), finding(3), finding(4, 6), finding(10), finding(21, 22)];

  test("added: only findings that touch an added line", () => {
    expect(filterMode(findings, index, "added").map((f) => f.range.start.line)).toEqual([3, 21]);
  });

  test("file: everything in the changed file", () => {
    expect(filterMode(findings, index, "file")).toHaveLength(5);
  });

  test("no index (whole-file scan): everything", () => {
    expect(filterMode(findings, null, "added")).toHaveLength(5);
  });
});
