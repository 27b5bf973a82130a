import { describe, expect, test } from "@jest/globals";
import { pino } from "pino";
import { loadRules } from "../../src/analysis/rules/load-rules.js";
import { RuleSet } from "../../src/analysis/run-rules.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { parsePatch } from "../../src/diff/parse-diff.js";
import { analyze, type FileChange } from "../../src/engine.js";

const rules = new RuleSet(loadRules());
const log = pino({ level: "silent" });

function run(
  changes: FileChange[],
  files: Record<string, string | Uint8Array | Error>,
  config = DEFAULT_CONFIG,
) {
  return analyze(changes, {
    rules,
    config,
    log,
    readFile: async (path) => {
      const content = files[path];
      if (content instanceof Error) throw content;
      return content ?? null;
    },
  });
}

describe("analyze", () => {
  test("reports findings on added lines only, and counts what it did", async () => {
    const source = "eval(a);\neval(b);\n";
    const result = await run(
      [{ path: "a.js", status: "modified", hunks: parsePatch("@@ -1 +1,2 @@\n eval(a);\n+eval(b);") }],
      { "a.js": source },
    );
    expect(result.findings.map((f) => f.range.start.line)).toEqual([2]);
    expect(result.stats).toMatchObject({ filesChanged: 1, filesAnalysed: 1, bytes: source.length, lines: 3 });
    expect(result.skipped).toEqual([]);
  });

  test("a failure in one file is a recorded skip and the run goes on", async () => {
    const result = await run(
      [
        { path: "broken.js", status: "added", hunks: null },
        { path: "missing.js", status: "added", hunks: null },
        { path: "ok.js", status: "added", hunks: null },
      ],
      { "broken.js": new Error("disk on fire"), "ok.js": "eval(x);" },
    );
    expect(result.findings.map((f) => f.path)).toEqual(["ok.js"]);
    expect(result.skipped).toEqual([
      { path: "broken.js", reason: "analysis failed: disk on fire" },
      { path: "missing.js", reason: "file not found in the head revision" },
    ]);
  });

  test("a parse over the time budget is a recorded skip", async () => {
    const slow = "const a = [1, 2, 3].map((x) => x * 2);\n".repeat(50_000);
    const result = await run(
      [{ path: "slow.js", status: "added", hunks: null }],
      { "slow.js": slow },
      { ...DEFAULT_CONFIG, parse_timeout_ms: 1, max_file_size: 10_000_000, skip_generated: false },
    );
    expect(result.skipped).toEqual([
      { path: "slow.js", reason: expect.stringMatching(/^analysis failed: parsing took longer than 1 ms/) },
    ]);
  });

  test("files with syntax errors are still analysed", async () => {
    const result = await run([{ path: "e.js", status: "added", hunks: null }], {
      "e.js": "if (x {\n  eval(y);\n}\n",
    });
    expect(result.findings).toHaveLength(1);
  });

  test("binary content, deleted files, unsupported types and unchanged renames", async () => {
    const result = await run(
      [
        { path: "blob.js", status: "added", hunks: null },
        { path: "gone.js", status: "deleted", hunks: [] },
        { path: "notes.md", status: "added", hunks: null },
        { path: "moved.js", oldPath: "old.js", status: "renamed", hunks: [] },
      ],
      { "blob.js": new Uint8Array([0x65, 0x76, 0, 0x61]), "notes.md": "eval(x)", "moved.js": "eval(x)" },
    );
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ path: "blob.js", reason: "binary file" }]);
    expect(result.stats).toMatchObject({ filesAnalysed: 0, filesUnsupported: 1 });
  });

  test("languages and skip_generated from the configuration", async () => {
    const changes: FileChange[] = [
      { path: "a.py", status: "added", hunks: null },
      { path: "vendor/b.js", status: "added", hunks: null },
    ];
    const files = { "a.py": "os.system(cmd)", "vendor/b.js": "eval(x)" };
    const onlyJs = await run(changes, files, {
      ...DEFAULT_CONFIG,
      languages: ["javascript"],
      skip_generated: false,
    });
    expect(onlyJs.findings.map((f) => f.path)).toEqual(["vendor/b.js"]);
    const all = await run(changes, files);
    expect(all.findings.map((f) => f.path)).toEqual(["a.py"]);
    expect(all.skipped).toEqual([{ path: "vendor/b.js", reason: "vendored or built code (vendor/)" }]);
  });
});

describe("suppression markers", () => {
  test("a marker on the line or the line above silences a code finding", async () => {
    const source = "eval(a); // diffguard:ignore\n// nosec\neval(b);\neval(c);\n";
    const result = await run([{ path: "a.js", status: "added", hunks: null }], { "a.js": source });
    expect(result.findings.map((f) => f.range.start.line)).toEqual([4]);
  });

  test("markers come from the configuration", async () => {
    const source = "eval(a); // reviewed-safe\n";
    const result = await run(
      [{ path: "a.js", status: "added", hunks: null }],
      { "a.js": source },
      {
        ...DEFAULT_CONFIG,
        suppression_markers: ["reviewed-safe"],
      },
    );
    expect(result.findings).toEqual([]);
  });
});
