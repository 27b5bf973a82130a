import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { GitRepo } from "../../../src/demo/git-repo.js";
import { type FileDiff, parseDiff, parsePatch } from "../../../src/diff/parse-diff.js";

function only(files: FileDiff[]): FileDiff {
  expect(files).toHaveLength(1);
  return files[0] as FileDiff;
}

function added(file: FileDiff): number[] {
  return file.hunks.flatMap((h) => h.lines.filter((l) => l.kind === "add").map((l) => l.newLine as number));
}

describe("parseDiff on diffs made by git", () => {
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
  });
  afterEach(() => repo.remove());

  test("modified file with two hunks: added and context lines on the new side", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    repo.write("a.js", `${lines.join("\n")}\n`).commit();
    lines.splice(2, 1, "changed 3");
    lines.splice(25, 0, "inserted");
    repo.write("a.js", `${lines.join("\n")}\n`);
    const file = only(parseDiff(repo.diff()));
    expect(file).toMatchObject({ oldPath: "a.js", newPath: "a.js", status: "modified", binary: false });
    expect(file.hunks).toHaveLength(2);
    expect(added(file)).toEqual([3, 26]);
    const context = file.hunks[0]?.lines.find((l) => l.kind === "context");
    expect(context).toEqual({ kind: "context", oldLine: 1, newLine: 1, text: "line 1" });
  });

  test("new file: every line added, no old path", () => {
    repo.commit("empty");
    repo.write("new.py", "a = 1\nb = 2\n");
    repo.git("add", "new.py");
    const file = only(parseDiff(repo.diff("--cached")));
    expect(file).toMatchObject({ oldPath: null, newPath: "new.py", status: "added", newMode: "100644" });
    expect(added(file)).toEqual([1, 2]);
  });

  test("deleted file: no new path, nothing added", () => {
    repo.write("gone.js", "x\n").commit();
    repo.git("rm", "--quiet", "gone.js");
    const file = only(parseDiff(repo.diff("--cached")));
    expect(file).toMatchObject({ oldPath: "gone.js", newPath: null, status: "deleted" });
    expect(added(file)).toEqual([]);
  });

  test("pure rename: both paths, similarity 100, no hunks", () => {
    repo.write("old/name.js", "const a = 1;\nconst b = 2;\nconst c = 3;\n").commit();
    repo.git("mv", "old/name.js", "name.js");
    const file = only(parseDiff(repo.diff("--cached")));
    expect(file).toMatchObject({
      oldPath: "old/name.js",
      newPath: "name.js",
      status: "renamed",
      similarity: 100,
    });
    expect(file.hunks).toEqual([]);
  });

  test("rename with changes: hunks on the new path", () => {
    const body = Array.from({ length: 10 }, (_, i) => `const v${i} = ${i};`).join("\n");
    repo.write("src/a.js", `${body}\n`).commit();
    repo.git("mv", "src/a.js", "src/b.js");
    repo.write("src/b.js", `${body}\nconst extra = eval(x);\n`);
    repo.git("add", "--all");
    const file = only(parseDiff(repo.diff("--cached")));
    expect(file).toMatchObject({ oldPath: "src/a.js", newPath: "src/b.js", status: "renamed" });
    expect(added(file)).toEqual([11]);
  });

  test("binary file: flagged, no hunks", () => {
    repo.commit("empty");
    repo.write("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    repo.git("add", "logo.png");
    const file = only(parseDiff(repo.diff("--cached")));
    expect(file).toMatchObject({ newPath: "logo.png", status: "added", binary: true, hunks: [] });
  });

  test("mode-only change", () => {
    repo.write("run.sh", "echo hi\n").commit();
    repo.git("update-index", "--chmod=+x", "run.sh");
    const file = only(parseDiff(repo.diff("--cached")));
    expect(file).toMatchObject({
      oldPath: "run.sh",
      newPath: "run.sh",
      status: "modified",
      oldMode: "100644",
      newMode: "100755",
      hunks: [],
    });
  });

  test("no newline at end of file on either side", () => {
    repo.write("a.txt", "one\ntwo").commit();
    repo.write("a.txt", "one\ntwo\nthree");
    const file = only(parseDiff(repo.diff()));
    expect(added(file)).toEqual([2, 3]);
    expect(file.hunks[0]?.lines.map((l) => l.kind)).toEqual(["context", "del", "add", "add"]);
  });

  test("CRLF line endings: text without the carriage return", () => {
    repo.write("win.js", "a\r\nb\r\n").commit();
    repo.write("win.js", "a\r\nb\r\nc = eval(x)\r\n");
    const file = only(parseDiff(repo.diff()));
    expect(file.hunks[0]?.lines.at(-1)).toEqual({ kind: "add", newLine: 3, text: "c = eval(x)" });
  });

  test("several files, paths with spaces and non-ASCII characters", () => {
    repo.write("a b.js", "1\n").write("café.py", "1\n").commit();
    repo.write("a b.js", "2\n").write("café.py", "2\n");
    const files = parseDiff(repo.diff());
    expect(files.map((f) => f.newPath)).toEqual(["a b.js", "café.py"]);
  });

  test("a removed line that starts with '-- ' is not mistaken for a file header", () => {
    repo.write("q.sql", "-- comment\nSELECT 1;\n").commit();
    repo.write("q.sql", "SELECT 1;\n").write("z.js", "x\n");
    repo.git("add", "--all");
    const files = parseDiff(repo.diff("--cached"));
    expect(files.map((f) => f.newPath)).toEqual(["q.sql", "z.js"]);
    expect(files[0]?.hunks[0]?.lines[0]).toEqual({ kind: "del", oldLine: 1, text: "-- comment" });
  });
});

describe("parseDiff on text", () => {
  test("empty input gives no files", () => {
    expect(parseDiff("")).toEqual([]);
  });

  test("a plain diff -u without git headers", () => {
    const file = only(parseDiff("--- a/x.js\t2024-01-01\n+++ b/x.js\t2024-01-02\n@@ -1 +1,2 @@\n a\n+b\n"));
    expect(file).toMatchObject({ oldPath: "x.js", newPath: "x.js", status: "modified" });
    expect(added(file)).toEqual([2]);
  });

  test("quoted paths with octal escapes", () => {
    const text =
      'diff --git "a/caf\\303\\251.js" "b/caf\\303\\251.js"\nindex 1..2 100644\n--- "a/caf\\303\\251.js"\n+++ "b/caf\\303\\251.js"\n@@ -1 +1 @@\n-a\n+b\n';
    expect(only(parseDiff(text)).newPath).toBe("café.js");
  });

  test("a diff cut short stops at the last whole line", () => {
    const file = only(parseDiff("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n"));
    expect(file.hunks[0]?.lines).toHaveLength(2);
  });
});

describe("parsePatch (GitHub's per-file patch)", () => {
  test("hunks without file headers", () => {
    const hunks = parsePatch("@@ -10,3 +10,4 @@ function f() {\n a\n+b\n c\n d\n@@ -50 +51 @@\n-x\n+y");
    expect(hunks.map((h) => [h.oldStart, h.newStart, h.newLines])).toEqual([
      [10, 10, 4],
      [50, 51, 1],
    ]);
    expect(hunks[1]?.lines).toEqual([
      { kind: "del", oldLine: 50, text: "x" },
      { kind: "add", newLine: 51, text: "y" },
    ]);
  });

  test("missing or empty patch (binary, too large) gives no hunks", () => {
    expect(parsePatch(undefined)).toEqual([]);
    expect(parsePatch("")).toEqual([]);
  });

  test("CRLF and no-newline markers", () => {
    const hunks = parsePatch("@@ -1 +1,2 @@\r\n-a\r\n\\ No newline at end of file\r\n+a\r\n+b\r\n");
    expect(hunks[0]?.lines).toEqual([
      { kind: "del", oldLine: 1, text: "a" },
      { kind: "add", newLine: 1, text: "a" },
      { kind: "add", newLine: 2, text: "b" },
    ]);
  });
});
