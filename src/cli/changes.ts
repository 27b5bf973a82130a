import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { parseDiff } from "../diff/parse-diff.js";
import type { FileChange, ReadFile } from "../engine.js";
import { BlobReader, git, tryGit } from "./git.js";
import { walkFiles } from "./walk.js";

/** What to scan, as chosen on the command line. */
export interface ScanTarget {
  base?: string;
  head?: string;
  staged?: boolean;
  all?: boolean;
  paths: string[];
}

/** The files to analyse, how to read them, and the directory their paths are relative to. */
export interface ScanInput {
  root: string;
  changes: FileChange[];
  readFile: ReadFile;
  /** What was compared, for messages (`main...HEAD`, `the index`, ...). */
  description: string;
  close(): void;
}

const DIFF_FLAGS = ["diff", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", "-M"];

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** The default branch to compare with: origin/HEAD, else main or master (local or on origin). */
async function defaultBranch(root: string): Promise<string | null> {
  const originHead = await tryGit(root, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  if (originHead?.trim()) return originHead.trim();
  for (const ref of ["main", "master", "origin/main", "origin/master"]) {
    if (await tryGit(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])) return ref;
  }
  return null;
}

async function untrackedFiles(root: string, paths: string[]): Promise<FileChange[]> {
  const out = await git(root, ["ls-files", "--others", "--exclude-standard", "-z", "--", ...paths]);
  return out
    .split("\0")
    .filter(Boolean)
    .map((path) => ({ path, status: "added" as const, hunks: null }));
}

function fromDiff(diffText: string): FileChange[] {
  return parseDiff(diffText).map((d) => ({
    path: (d.newPath ?? d.oldPath) as string,
    oldPath: d.oldPath,
    status: d.status,
    binary: d.binary,
    hunks: d.hunks,
  }));
}

function workingTreeReader(root: string): ReadFile {
  return async (path) => {
    try {
      return await readFile(resolve(root, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  };
}

/**
 * Resolves a scan target to files and contents:
 * - `all`: whole files under the paths, no git needed;
 * - `staged`: the index against HEAD (a pre-commit hook's view);
 * - `base` and `head`: the commits of head since its merge-base with base;
 * - `base`: the merge-base with base against the working tree;
 * - neither: the merge-base with the default branch against the working tree, plus untracked
 *   files; on the default branch itself, the uncommitted changes.
 */
export async function resolveScanInput(cwd: string, target: ScanTarget): Promise<ScanInput> {
  if (target.all) {
    const topLevel = (await tryGit(cwd, ["rev-parse", "--show-toplevel"]))?.trim();
    const root = topLevel || cwd;
    const files = walkFiles(target.paths.length ? target.paths.map((p) => resolve(cwd, p)) : [cwd]);
    const changes = files.map((abs) => {
      const rel = relative(root, abs);
      return {
        path: rel.startsWith("..") || isAbsolute(rel) ? toPosix(abs) : toPosix(rel),
        status: "added" as const,
        hunks: null,
      };
    });
    return { root, changes, readFile: workingTreeReader(root), description: "whole files", close() {} };
  }

  const root = (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
  const pathspec = target.paths.map((p) => toPosix(relative(root, resolve(cwd, p))) || ".");

  if (target.staged) {
    const diff = await git(root, [...DIFF_FLAGS, "--cached", "--", ...pathspec]);
    const blobs = new BlobReader(root);
    return {
      root,
      changes: fromDiff(diff),
      readFile: (path) => blobs.read(`:${path}`),
      description: "staged changes",
      close: () => blobs.close(),
    };
  }

  if (target.head) {
    const base = target.base ?? (await defaultBranch(root));
    if (!base) throw new Error("no --base given and no default branch (origin/HEAD, main or master) found");
    const diff = await git(root, [...DIFF_FLAGS, `${base}...${target.head}`, "--", ...pathspec]);
    const head = (await git(root, ["rev-parse", "--verify", `${target.head}^{commit}`])).trim();
    const blobs = new BlobReader(root);
    return {
      root,
      changes: fromDiff(diff),
      readFile: (path) => blobs.read(`${head}:${path}`),
      description: `${base}...${target.head}`,
      close: () => blobs.close(),
    };
  }

  let base = target.base;
  if (!base) {
    const branch = await defaultBranch(root);
    const onDefault =
      !branch ||
      (await tryGit(root, ["rev-parse", "HEAD"]))?.trim() ===
        (await tryGit(root, ["rev-parse", branch]))?.trim();
    base = onDefault ? "HEAD" : branch;
  }
  const hasHead = (await tryGit(root, ["rev-parse", "--verify", "--quiet", "HEAD"])) !== null;
  let changes: FileChange[];
  if (!hasHead) {
    changes = [];
  } else {
    const mergeBase = (await git(root, ["merge-base", base, "HEAD"])).trim();
    changes = fromDiff(await git(root, [...DIFF_FLAGS, mergeBase, "--", ...pathspec]));
  }
  const tracked = new Set(changes.map((c) => c.path));
  for (const u of await untrackedFiles(root, pathspec)) if (!tracked.has(u.path)) changes.push(u);
  return {
    root,
    changes,
    readFile: workingTreeReader(root),
    description: `${base}...working tree`,
    close() {},
  };
}
