import { parseDiff } from "../diff/parse-diff.js";
import type { GitRepo } from "./git-repo.js";

/** A pull request as GitHub would describe it, built from two commits of a real git repository. */
export interface PullRequestModel {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  headRepo: string;
  /** `pulls.listFiles` entries, with patches made by git itself. */
  files: {
    filename: string;
    status: string;
    previous_filename?: string;
    patch?: string;
    additions: number;
    deletions: number;
    changes: number;
    sha: string;
    blob_url: string;
    raw_url: string;
    contents_url: string;
  }[];
  /** Head contents by path: text, or bytes for binary files. */
  blobs: Map<string, string | Buffer>;
  /** `.github/diffguard.yml` of the default branch, if any. */
  config?: string;
}

/** Reads many blobs with one `git cat-file --batch`. */
function readBlobs(repo: GitRepo, sha: string, paths: string[]): Map<string, string | Buffer> {
  const out = new Map<string, string | Buffer>();
  if (paths.length === 0) return out;
  const data = repo.gitBuffer(["cat-file", "--batch"], `${paths.map((p) => `${sha}:${p}`).join("\n")}\n`);
  let at = 0;
  for (const path of paths) {
    const eol = data.indexOf(10, at);
    const header = data.subarray(at, eol).toString("utf8");
    at = eol + 1;
    if (header.endsWith("missing")) continue;
    const size = Number(header.split(" ")[2]);
    const body = data.subarray(at, at + size);
    at += size + 1;
    out.set(path, body.includes(0) ? Buffer.from(body) : body.toString("utf8"));
  }
  return out;
}

/** Describes `base..head` of a repository as a pull request, with one `git diff` for all files. */
export function pullRequestFrom(
  repo: GitRepo,
  base: string,
  head: string,
  overrides: Partial<PullRequestModel> = {},
): PullRequestModel {
  const baseSha = repo.git("rev-parse", base).trim();
  const headSha = repo.git("rev-parse", head).trim();
  const diff = repo.git(
    "-c",
    "core.quotePath=false",
    "diff",
    "-M",
    "--no-color",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    baseSha,
    headSha,
  );
  const chunks = diff.split(/^(?=diff --git )/m).filter((c) => c.startsWith("diff --git "));
  const files: PullRequestModel["files"] = chunks.map((chunk) => {
    const [parsed] = parseDiff(chunk);
    if (!parsed) throw new Error(`cannot read diff chunk ${chunk.slice(0, 80)}`);
    const filename = (parsed.newPath ?? parsed.oldPath) as string;
    const status = parsed.status === "deleted" ? "removed" : parsed.status;
    const at = chunk.indexOf("\n@@");
    const patch = at >= 0 && !parsed.binary ? chunk.slice(at + 1).replace(/\n$/, "") : undefined;
    const lines = parsed.hunks.flatMap((h) => h.lines);
    const additions = lines.filter((l) => l.kind === "add").length;
    const deletions = lines.filter((l) => l.kind === "del").length;
    return {
      filename,
      status,
      ...(parsed.status === "renamed" && parsed.oldPath ? { previous_filename: parsed.oldPath } : {}),
      ...(patch !== undefined ? { patch } : {}),
      additions,
      deletions,
      changes: additions + deletions,
      sha: "0".repeat(40),
      blob_url: "https://example.invalid/blob",
      raw_url: "https://example.invalid/raw",
      contents_url: "https://example.invalid/contents",
    };
  });
  const blobs = readBlobs(
    repo,
    headSha,
    files.filter((f) => f.status !== "removed").map((f) => f.filename),
  );
  return {
    owner: "octo-org",
    repo: "service",
    number: 7,
    baseSha,
    headSha,
    headRepo: "octo-org/service",
    files,
    blobs,
    ...overrides,
  };
}
