import { type Hunk, parsePatch } from "../diff/parse-diff.js";
import type { FileChange } from "../engine.js";
import type { Skip } from "../findings/finding.js";
import type { GitHubClient, RepoRef } from "./octokit.js";

/** GitHub lists at most 3,000 files of a pull request. */
export const MAX_PR_FILES = 3_000;
/** Files fetched per GraphQL request: aliases of one query, kept well inside GitHub's node limits. */
export const BLOBS_PER_QUERY = 100;
/** REST content requests in flight at once when GraphQL cannot be used. */
const REST_CONCURRENCY = 8;

export interface PullRequestFiles {
  changes: FileChange[];
  hunksByPath: Map<string, Hunk[]>;
  skipped: Skip[];
  /** True when the pull request has more files than GitHub lists. */
  truncated: boolean;
  total: number;
}

/** The changed files of a pull request with their hunks, from `pulls.listFiles` (100 a page). */
export async function listChangedFiles(
  octokit: GitHubClient,
  ref: RepoRef,
  pullNumber: number,
  changedFiles?: number,
): Promise<PullRequestFiles> {
  const result: PullRequestFiles = {
    changes: [],
    hunksByPath: new Map(),
    skipped: [],
    truncated: false,
    total: 0,
  };
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    ...ref,
    pull_number: pullNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const file of page.data) {
      result.total++;
      if (file.status === "removed") continue;
      const status =
        file.status === "renamed"
          ? "renamed"
          : file.status === "added"
            ? "added"
            : file.status === "copied"
              ? "copied"
              : "modified";
      if (file.patch === undefined && file.changes > 0) {
        result.skipped.push({
          path: file.filename,
          reason: "GitHub sent no diff for this file (binary, or too large a change)",
        });
        continue;
      }
      const hunks = parsePatch(file.patch);
      result.hunksByPath.set(file.filename, hunks);
      result.changes.push({ path: file.filename, oldPath: file.previous_filename ?? null, status, hunks });
    }
    if (result.total >= MAX_PR_FILES) break;
  }
  result.truncated =
    result.total >= MAX_PR_FILES && (changedFiles === undefined || changedFiles > MAX_PR_FILES);
  return result;
}

interface BlobAnswer {
  text: string | null;
  isBinary: boolean | null;
  isTruncated: boolean;
  byteSize: number;
}

type Content = string | { reason: string };

/** One batch of contents through GraphQL: one request for up to BLOBS_PER_QUERY files. */
async function fetchBatchGraphql(
  octokit: GitHubClient,
  ref: RepoRef,
  sha: string,
  batch: readonly string[],
): Promise<Map<string, Content>> {
  const contents = new Map<string, Content>();
  const variables: Record<string, string> = { owner: ref.owner, name: ref.repo };
  const declarations = ["$owner: String!", "$name: String!"];
  const fields = batch.map((path, j) => {
    variables[`e${j}`] = `${sha}:${path}`;
    declarations.push(`$e${j}: String!`);
    return `f${j}: object(expression: $e${j}) { ... on Blob { text isBinary isTruncated byteSize } }`;
  });
  const query = `query (${declarations.join(", ")}) { repository(owner: $owner, name: $name) { ${fields.join(" ")} } }`;
  const answer = await octokit.graphql<{ repository: Record<string, BlobAnswer | null> }>(query, variables);
  batch.forEach((path, j) => {
    const blob = answer.repository[`f${j}`];
    if (!blob) contents.set(path, { reason: "file not found at the head commit" });
    else if (blob.isBinary) contents.set(path, { reason: "binary file" });
    else if (blob.isTruncated || blob.text === null)
      contents.set(path, { reason: `file of ${blob.byteSize} bytes is too large to fetch` });
    else contents.set(path, blob.text);
  });
  return contents;
}

/** The same batch through the REST contents API, a request per file, a few at a time. */
async function fetchBatchRest(
  octokit: GitHubClient,
  ref: RepoRef,
  sha: string,
  batch: readonly string[],
): Promise<Map<string, Content>> {
  const contents = new Map<string, Content>();
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const path = batch[next++] as string;
      try {
        const { data } = await octokit.rest.repos.getContent({
          ...ref,
          path,
          ref: sha,
          mediaType: { format: "raw" },
        });
        const raw: unknown = data;
        const text = typeof raw === "string" ? raw : null;
        if (text === null) contents.set(path, { reason: "not a file at the head commit" });
        else if (text.includes("\u0000")) contents.set(path, { reason: "binary file" });
        else contents.set(path, text);
      } catch (error) {
        const status = (error as { status?: number }).status;
        contents.set(path, {
          reason:
            status === 404
              ? "file not found at the head commit"
              : `could not be fetched (${(error as Error).message})`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(REST_CONCURRENCY, batch.length) }, worker));
  return contents;
}

/**
 * The contents of files at a commit, fetched in batches of BLOBS_PER_QUERY with one GraphQL
 * query each (one request per hundred files instead of one per file). Where GraphQL is not
 * available (some GitHub Enterprise set-ups, proxies), the REST contents API serves instead.
 * Paths whose content cannot be had (binary, too large, missing) map to a reason.
 */
export async function fetchContents(
  octokit: GitHubClient,
  ref: RepoRef,
  sha: string,
  paths: readonly string[],
  log?: { warn: (o: object, m: string) => void },
): Promise<Map<string, Content>> {
  const contents = new Map<string, Content>();
  let graphql = true;
  for (let i = 0; i < paths.length; i += BLOBS_PER_QUERY) {
    const batch = paths.slice(i, i + BLOBS_PER_QUERY);
    let found: Map<string, Content> | null = null;
    if (graphql) {
      try {
        found = await fetchBatchGraphql(octokit, ref, sha, batch);
      } catch (error) {
        graphql = false;
        log?.warn({ err: error }, "GraphQL contents query failed; using the REST contents API");
      }
    }
    found ??= await fetchBatchRest(octokit, ref, sha, batch);
    for (const [path, content] of found) contents.set(path, content);
  }
  return contents;
}
