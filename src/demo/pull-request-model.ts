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

const STATUS: Record<string, string> = {
  A: "added",
  M: "modified",
  D: "removed",
  R: "renamed",
  C: "copied",
  T: "changed",
};

/** Describes `base..head` of a repository as a pull request. */
export function pullRequestFrom(
  repo: GitRepo,
  base: string,
  head: string,
  overrides: Partial<PullRequestModel> = {},
): PullRequestModel {
  const baseSha = repo.git("rev-parse", base).trim();
  const headSha = repo.git("rev-parse", head).trim();
  const files: PullRequestModel["files"] = [];
  const blobs = new Map<string, string | Buffer>();
  const numstat = new Map(
    repo
      .git("diff", "--numstat", "-M", baseSha, headSha)
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [a, d, ...p] = l.split("\t");
        return [
          p
            .join("\t")
            .replace(/^.*\{.* => (.*)\}$/, "$1")
            .replace(/^.* => /, ""),
          [Number(a) || 0, Number(d) || 0],
        ] as const;
      }),
  );
  for (const line of repo
    .git("diff", "--name-status", "-M", baseSha, headSha)
    .trim()
    .split("\n")
    .filter(Boolean)) {
    const [code, first, second] = line.split("\t") as [string, string, string | undefined];
    const status = STATUS[code[0] as string] ?? "modified";
    const filename = second ?? first;
    const diff = repo.git(
      "diff",
      "-M",
      "--no-color",
      baseSha,
      headSha,
      "--",
      ...(second ? [first, second] : [first]),
    );
    const at = diff.indexOf("\n@@");
    const patch = at >= 0 ? diff.slice(at + 1).replace(/\n$/, "") : undefined;
    const [additions, deletions] = numstat.get(filename) ?? [0, 0];
    files.push({
      filename,
      status,
      ...(second ? { previous_filename: first } : {}),
      ...(patch !== undefined && !diff.includes("Binary files") ? { patch } : {}),
      additions,
      deletions,
      changes: additions + deletions,
      sha: "0".repeat(40),
      blob_url: "https://example.invalid/blob",
      raw_url: "https://example.invalid/raw",
      contents_url: "https://example.invalid/contents",
    });
    if (status !== "removed") {
      const content = Buffer.from(repo.git("show", `${headSha}:${filename}`), "utf8");
      blobs.set(filename, content.includes(0) ? content : content.toString("utf8"));
    }
  }
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
