import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type * as Sarif from "sarif";
import { main } from "../../src/cli/main.js";
import { GitRepo } from "../../src/demo/git-repo.js";
import { sarifValidator } from "../support/sarif-schema.js";

async function run(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    color: false,
  });
  return { code, stdout, stderr };
}

function reported(stdout: string): string[] {
  const report = JSON.parse(stdout) as {
    findings: { path: string; ruleId: string; range: { start: { line: number } } }[];
  };
  return report.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`);
}

const OLD = "import yaml\n\ndef old(d):\n    return yaml.load(d)\n";

describe("diffguard scan", () => {
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
  });
  afterEach(() => repo.remove());

  test("--base HEAD~1 --format sarif reports the added line only, as a valid SARIF log", async () => {
    repo.write("app.py", OLD).commit("base");
    repo.write("app.py", `${OLD}\ndef new(b):\n    return pickle.loads(b)\n`).commit("add");
    const { code, stdout, stderr } = await run(repo.dir, "scan", "--base", "HEAD~1", "--format", "sarif");
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as Sarif.Log;
    expect(sarifValidator()(log)).toBe(true);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.locations?.[0]?.physicalLocation?.region?.startLine])).toEqual([
      ["py-pickle-loads", 7],
    ]);
    expect(results[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("app.py");
  });

  test("default: the branch and uncommitted work against the merge-base with main, untracked files too", async () => {
    repo.write("a.js", "const x = 1;\n").commit("base");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.write("a.js", "const x = 1;\neval(input);\n").commit("feature work");
    repo.git("checkout", "--quiet", "main");
    repo.write("main-only.js", "eval(z);\n").commit("main moves on");
    repo.git("checkout", "--quiet", "feature");
    repo.write("b.js", "const y = eval(other);\n");
    repo.write("c.js", "new Function(body);\n");
    const { code, stdout } = await run(repo.dir, "scan", "--format", "json");
    expect(code).toBe(1);
    expect(reported(stdout)).toEqual([
      "a.js:2 js-eval-non-literal",
      "b.js:1 js-eval-non-literal",
      "c.js:1 js-eval-non-literal",
    ]);
  });

  test("default on the default branch: only uncommitted changes", async () => {
    repo.write("a.js", "eval(one);\n").commit("base");
    repo.write("a.js", "eval(one);\neval(two);\n");
    const { stdout } = await run(repo.dir, "scan", "--format", "json");
    expect(reported(stdout)).toEqual(["a.js:2 js-eval-non-literal"]);
  });

  test("--staged scans the index, not the working tree", async () => {
    repo.write("a.py", "x = 1\n").commit("base");
    repo.write("a.py", "x = 1\nos.system(cmd)\n");
    repo.git("add", "a.py");
    repo.write("a.py", "x = 1\n");
    repo.write("b.py", "os.system(cmd)\n");
    const { code, stdout } = await run(repo.dir, "scan", "--staged", "--format", "json");
    expect(code).toBe(1);
    expect(reported(stdout)).toEqual(["a.py:2 py-os-system-non-literal"]);
  });

  test("--base and --head scan the commits of head, read from git", async () => {
    repo.write("a.js", "const a = 1;\n").commit("base");
    repo.git("checkout", "--quiet", "-b", "topic");
    repo.write("a.js", "const a = 1;\nexec(cmd);\nconst cp = require('child_process');\n").commit("topic");
    repo.git("checkout", "--quiet", "main");
    const { stdout } = await run(repo.dir, "scan", "--base", "main", "--head", "topic", "--format", "json");
    expect(reported(stdout)).toEqual(["a.js:2 js-child-process-exec-non-literal"]);
  });

  test("paths limit the scan", async () => {
    repo.write("a.js", "").write("lib/b.js", "").commit("base");
    repo.write("a.js", "eval(x);\n").write("lib/b.js", "eval(y);\n");
    const { stdout } = await run(repo.dir, "scan", "--format", "json", "lib");
    expect(reported(stdout)).toEqual(["lib/b.js:1 js-eval-non-literal"]);
  });

  test("renamed, deleted and binary files do not break the run; binary is a recorded skip", async () => {
    repo.write("old.js", "eval(legacy);\n").write("gone.py", "x = 1\n").commit("base");
    repo.git("mv", "old.js", "new.js");
    repo.git("rm", "--quiet", "gone.py");
    repo.write("img.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    repo.git("add", "--all");
    const { code, stdout } = await run(repo.dir, "scan", "--staged", "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toEqual([{ path: "img.png", reason: "binary file" }]);
  });

  test("configuration: excluded paths, disabled rules, severity changes and fail_on", async () => {
    repo.write("a.py", "").write("tests/t.py", "").commit("base");
    repo.write("a.py", "pickle.loads(b)\nos.system(cmd)\n").write("tests/t.py", "os.system(cmd)\n");
    repo.write(
      ".github/diffguard.yml",
      "fail_on: critical\npaths:\n  exclude: ['tests/**']\nrules:\n  disable: [py-pickle-loads]\n  severity:\n    py-os-system-non-literal: critical\n",
    );
    const { code, stdout } = await run(repo.dir, "scan", "--format", "json");
    expect(reported(stdout)).toEqual(["a.py:2 py-os-system-non-literal"]);
    expect(JSON.parse(stdout).findings[0].severity).toBe("critical");
    expect(code).toBe(1);
  });

  test("oversized and minified files are skipped with their reason", async () => {
    repo.commit("base");
    repo.write("big.js", `// ${"x".repeat(300)}\neval(a);\n`).write("lib.min.js", "eval(b);\n");
    const config = join(repo.dir, "small.yml");
    writeFileSync(config, "max_file_size: 100\n");
    const { stdout } = await run(repo.dir, "scan", "--format", "json", "--config", config);
    const report = JSON.parse(stdout);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toEqual([
      { path: "big.js", reason: expect.stringMatching(/over the 100-byte limit/) },
      { path: "lib.min.js", reason: "minified file (name)" },
    ]);
  });

  test("exit codes: 0 below --fail-on, 1 at or above it", async () => {
    repo.commit("base");
    repo.write("t.js", "const sessionToken = Math.random();\n");
    expect((await run(repo.dir, "scan")).code).toBe(0);
    expect((await run(repo.dir, "scan", "--fail-on", "medium")).code).toBe(1);
    expect((await run(repo.dir, "scan", "--fail-on", "none")).code).toBe(0);
  });

  test("text output names file, line, column, severity and rule, with the fix", async () => {
    repo.commit("base");
    repo.write("t.js", "const sessionToken = Math.random().toString(36).slice(2);\n");
    const { stdout } = await run(repo.dir, "scan");
    expect(stdout).toContain("t.js:1:22 medium js-insecure-random-token");
    expect(stdout).toContain("+ const sessionToken = crypto.randomUUID();");
  });

  test("--output writes the report to a file", async () => {
    repo.commit("base");
    repo.write("t.js", "eval(x);\n");
    const { stdout, code } = await run(repo.dir, "scan", "--format", "json", "--output", "report.json");
    expect(stdout).toBe("");
    expect(code).toBe(1);
    expect(reported(readFileSync(join(repo.dir, "report.json"), "utf8"))).toEqual([
      "t.js:1 js-eval-non-literal",
    ]);
  });

  test("an invalid configuration exits 2 naming the key", async () => {
    repo.commit("base");
    repo.write(".github/diffguard.yml", "fail_on: sometimes\n");
    const { code, stderr } = await run(repo.dir, "scan");
    expect(code).toBe(2);
    expect(stderr).toMatch(/\.github\/diffguard\.yml: fail_on: /);
  });

  test("usage errors exit 2", async () => {
    expect((await run(repo.dir, "scan", "--staged", "--all")).code).toBe(2);
    expect((await run(repo.dir, "scan", "--format", "xml")).code).toBe(2);
    expect((await run(repo.dir, "scan", "--no-such-flag")).code).toBe(2);
    expect((await run(repo.dir)).code).toBe(2);
  });

  test("a bad ref exits 2 with git's message", async () => {
    repo.commit("base");
    const { code, stderr } = await run(repo.dir, "scan", "--base", "no-such-ref");
    expect(code).toBe(2);
    expect(stderr).toMatch(/diffguard: git merge-base no-such-ref HEAD failed/);
  });
});

describe("diffguard scan --all", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "diffguard-all-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("whole files under a directory, without git, respecting .gitignore", async () => {
    const files: Record<string, string> = {
      ".gitignore": "build/\n*.gen.js\n",
      "src/a.js": "const a = 1;\neval(x);\n",
      "src/b.gen.js": "eval(y);\n",
      "build/c.js": "eval(z);\n",
      "node_modules/d/index.js": "eval(w);\n",
      "py/tool": "#!/usr/bin/env python3\nimport os\nos.system(cmd)\n",
    };
    for (const [path, content] of Object.entries(files)) {
      const full = join(dir, path);
      (await import("node:fs")).mkdirSync(join(full, ".."), { recursive: true });
      writeFileSync(full, content);
    }
    const { code, stdout } = await run(dir, "scan", "--all", "--format", "json", ".");
    expect(code).toBe(1);
    expect(reported(stdout)).toEqual([
      "py/tool:3 py-os-system-non-literal",
      "src/a.js:2 js-eval-non-literal",
    ]);
  });

  test("outside a git repository without --all is a clear error", async () => {
    const { code, stderr } = await run(dir, "scan");
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a git repository/);
  });
});
