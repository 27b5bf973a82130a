import type { Logger } from "pino";
import type { RuleSet } from "../analysis/run-rules.js";
import { ConfigError, parseConfig } from "../config/load-config.js";
import { type Config, DEFAULT_CONFIG } from "../config/schema.js";
import { analyze } from "../engine.js";
import type { Finding } from "../findings/finding.js";
import { checkSummary, markersIn } from "../report/markdown.js";
import type { SecretPatternSet } from "../secrets/detect.js";
import {
  annotationOf,
  batches,
  CHECK_NAME,
  type Conclusion,
  conclusionOf,
  fitSummary,
  RERUN_ACTION,
} from "./check-run-reporter.js";
import type { GitHubClient, RepoRef } from "./octokit.js";
import { fetchContents, listChangedFiles } from "./pr-source.js";
import type { JobSignal } from "./queue.js";
import { type PlannedComment, planReview } from "./review-plan.js";

/** A review to do: plain data, so it can be queued anywhere. */
export interface ReviewJobData extends RepoRef {
  installationId: number;
  pullNumber: number;
  headSha: string;
  checkRunId: number;
  deliveryId: string;
}

/** What the job needs besides the GitHub client: the loaded rules and secret patterns. */
export interface EngineAssets {
  rules: RuleSet;
  secrets: SecretPatternSet;
}

/** Where the repository configuration lives. */
export const CONFIG_FILE = "diffguard.yml";

/** Reads `.github/diffguard.yml` of the default branch (organisation defaults through `_extends`). */
export async function loadRepoConfig(
  octokit: GitHubClient,
  ref: RepoRef,
): Promise<{ config: Config; error?: ConfigError }> {
  try {
    const { config } = await octokit.config.get({ ...ref, path: `.github/${CONFIG_FILE}` });
    return { config: parseConfig(config ?? {}, `.github/${CONFIG_FILE}`) };
  } catch (error) {
    if (error instanceof ConfigError) return { config: DEFAULT_CONFIG, error };
    const wrapped = new ConfigError(
      `.github/${CONFIG_FILE}`,
      "",
      `could not be read: ${(error as Error).message}`,
    );
    return { config: DEFAULT_CONFIG, error: wrapped };
  }
}

async function completeCheck(
  octokit: GitHubClient,
  job: ReviewJobData,
  conclusion: Conclusion,
  title: string,
  summary: string,
  annotations: ReturnType<typeof annotationOf>[] = [],
): Promise<void> {
  const [first = [], ...rest] = batches(annotations);
  await octokit.rest.checks.update({
    owner: job.owner,
    repo: job.repo,
    check_run_id: job.checkRunId,
    status: "completed",
    conclusion,
    completed_at: new Date().toISOString(),
    output: { title, summary: fitSummary(summary), annotations: first },
    actions: [RERUN_ACTION],
  });
  for (const batch of rest) {
    await octokit.rest.checks.update({
      owner: job.owner,
      repo: job.repo,
      check_run_id: job.checkRunId,
      output: { title, summary: fitSummary(summary), annotations: batch },
    });
  }
}

/** Completes the check run of a head that a newer push replaced, posting nothing else. */
function completeSuperseded(octokit: GitHubClient, job: ReviewJobData): Promise<void> {
  return completeCheck(
    octokit,
    job,
    "neutral",
    "Superseded",
    "A newer commit was pushed; it is reviewed in its own check run.",
  );
}

/** diffguard's earlier comments on this pull request: fingerprint → comment id. */
async function postedFingerprints(octokit: GitHubClient, job: ReviewJobData): Promise<Map<string, number>> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: job.owner,
    repo: job.repo,
    pull_number: job.pullNumber,
    per_page: 100,
  });
  return new Map(comments.flatMap((c) => markersIn(c.body).map((print) => [print, c.id] as const)));
}

/**
 * Posts the inline comments as one review; if GitHub rejects the review (422: an anchor it does
 * not accept), posts the halves separately so one bad anchor costs only its own comment.
 */
async function postComments(
  octokit: GitHubClient,
  job: ReviewJobData,
  comments: PlannedComment[],
  log: Logger,
): Promise<{ posted: PlannedComment[]; failed: PlannedComment[] }> {
  if (comments.length === 0) return { posted: [], failed: [] };
  try {
    await octokit.rest.pulls.createReview({
      owner: job.owner,
      repo: job.repo,
      pull_number: job.pullNumber,
      commit_id: job.headSha,
      event: "COMMENT",
      body: `diffguard found ${comments.length} issue${comments.length === 1 ? "" : "s"} on the changed lines.`,
      comments: comments.map(({ fingerprint: _f, ...c }) => c),
    });
    return { posted: comments, failed: [] };
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
    if (comments.length === 1) {
      log.warn({ path: comments[0]?.path, line: comments[0]?.line }, "review comment rejected by GitHub");
      return { posted: [], failed: comments };
    }
    const half = Math.ceil(comments.length / 2);
    const a = await postComments(octokit, job, comments.slice(0, half), log);
    const b = await postComments(octokit, job, comments.slice(half), log);
    return { posted: [...a.posted, ...b.posted], failed: [...a.failed, ...b.failed] };
  }
}

/** Resolves the review threads of earlier findings gone after this push; where a thread cannot be resolved, replies that it was fixed. */
async function resolveFixed(
  octokit: GitHubClient,
  job: ReviewJobData,
  fixed: Map<string, number>,
  log: Logger,
): Promise<number> {
  if (fixed.size === 0) return 0;
  const data = await octokit.graphql<{
    repository: {
      pullRequest: {
        reviewThreads: {
          nodes: { id: string; isResolved: boolean; comments: { nodes: { body: string }[] } }[];
        };
      };
    };
  }>(
    `query ($owner: String!, $name: String!, $number: Int!) {
      repository(owner: $owner, name: $name) {
        pullRequest(number: $number) {
          reviewThreads(first: 100) { nodes { id isResolved comments(first: 1) { nodes { body } } } }
        }
      }
    }`,
    { owner: job.owner, name: job.repo, number: job.pullNumber },
  );
  let resolved = 0;
  for (const thread of data.repository.pullRequest.reviewThreads.nodes) {
    const print = markersIn(thread.comments.nodes[0]?.body ?? "")[0];
    if (thread.isResolved || !print || !fixed.has(print)) continue;
    try {
      await octokit.graphql(
        `mutation ($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`,
        { id: thread.id },
      );
      resolved++;
    } catch (error) {
      log.warn({ err: error, thread: thread.id }, "could not resolve a review thread; replying instead");
      await octokit.rest.pulls.createReplyForReviewComment({
        owner: job.owner,
        repo: job.repo,
        pull_number: job.pullNumber,
        comment_id: fixed.get(print) as number,
        body: `Fixed in ${job.headSha.slice(0, 7)}: diffguard no longer finds this.`,
      });
    }
  }
  return resolved;
}

/**
 * Reviews one head commit of a pull request: reads the changed files and their contents, runs
 * the engine, posts one review with inline comments, and completes the check run. Any failure
 * completes the check run with an explanation before it is rethrown: a check is never left hanging.
 */
export async function runReview(
  octokit: GitHubClient,
  job: ReviewJobData,
  assets: EngineAssets,
  signal: JobSignal,
  log: Logger,
): Promise<void> {
  const started = performance.now();
  const ref = { owner: job.owner, repo: job.repo };
  try {
    const { config, error: configError } = await loadRepoConfig(octokit, ref);
    const notices: string[] = [];
    if (configError)
      notices.push(`The configuration is invalid and was ignored (defaults apply): ${configError.message}`);

    const { data: pr } = await octokit.rest.pulls.get({ ...ref, pull_number: job.pullNumber });
    if (pr.head.sha !== job.headSha || signal.superseded) {
      await completeSuperseded(octokit, job);
      return;
    }
    const files = await listChangedFiles(octokit, ref, job.pullNumber, pr.changed_files);
    if (files.truncated) {
      notices.push(
        `This pull request changes more than ${files.total} files; GitHub lists only the first ${files.total}, which were reviewed.`,
      );
    }
    const contents = await fetchContents(
      octokit,
      ref,
      job.headSha,
      files.changes.filter((c) => c.status !== "deleted" && (c.hunks?.length ?? 1) > 0).map((c) => c.path),
      log,
    );
    const analysis = await analyze(files.changes, {
      ...assets,
      config,
      log,
      readFile: async (path) => {
        const content = contents.get(path);
        if (content === undefined) return null;
        if (typeof content !== "string") throw new Error(content.reason);
        return content;
      },
    });
    const skipped = [
      ...files.skipped,
      ...analysis.skipped.map((s) => ({ ...s, reason: s.reason.replace(/^analysis failed: /, "") })),
    ];
    const findings = analysis.findings;

    let posted = new Map<string, number>();
    if (config.comment === "review") {
      try {
        posted = await postedFingerprints(octokit, job);
      } catch (error) {
        // Without the earlier comments a finding may be commented twice; the review still goes on.
        log.warn({ err: error }, "could not read earlier review comments");
        notices.push(
          `Earlier review comments could not be read (${(error as Error).message}); some findings may be commented again.`,
        );
      }
    }
    const plan =
      config.comment === "review"
        ? planReview(findings, files.hunksByPath, new Set(posted.keys()), config.max_comments)
        : null;
    if (signal.superseded) {
      await completeSuperseded(octokit, job);
      return;
    }
    let commented = 0;
    const notCommented: Finding[] = plan ? [...plan.notCommented] : [...findings];
    if (plan) {
      try {
        const { posted: ok, failed } = await postComments(octokit, job, plan.comments, log);
        commented = ok.length;
        if (failed.length > 0) {
          notices.push(`GitHub refused ${failed.length} inline comment(s); they are listed below instead.`);
          const failedPrints = new Set(failed.map((c) => c.fingerprint));
          notCommented.push(...findings.filter((f) => failedPrints.has(f.fingerprint)));
        }
        const current = new Set(findings.map((f) => f.fingerprint));
        const fixed = new Map([...posted].filter(([print]) => !current.has(print)));
        await resolveFixed(octokit, job, fixed, log);
      } catch (error) {
        // Commenting trouble never decides the check by itself: the findings are in the check run.
        log.warn({ err: error }, "posting the review failed");
        notices.push(
          `The review could not be posted (${(error as Error).message}); the findings are listed here.`,
        );
        notCommented.push(
          ...plan.comments.map((c) => findings.find((f) => f.fingerprint === c.fingerprint) as Finding),
        );
      }
    }
    const conclusion = conclusionOf(
      findings,
      config,
      analysis.stats.filesAnalysed > 0 || analysis.stats.filesUnsupported > 0,
    );
    const summary = checkSummary({
      findings,
      commented,
      notCommented,
      alreadyCommented: plan?.alreadyCommented ?? 0,
      skipped,
      filesChanged: files.total,
      filesAnalysed: analysis.stats.filesAnalysed,
      durationMs: performance.now() - started,
      notices,
    });
    const title =
      findings.length === 0
        ? "No security findings"
        : `${findings.length} security finding${findings.length === 1 ? "" : "s"}`;
    await completeCheck(octokit, job, conclusion, title, summary, findings.map(annotationOf));
    log.info(
      {
        findings: findings.length,
        reported: commented,
        durationMs: Math.round(performance.now() - started),
        conclusion,
      },
      "review completed",
    );
  } catch (error) {
    log.error({ err: error }, "review failed");
    try {
      await completeCheck(
        octokit,
        job,
        "neutral",
        "Review failed",
        `diffguard could not complete this review: ${(error as Error).message}\n\nUse **Re-run** to try again.`,
      );
    } catch (inner) {
      log.error({ err: inner }, "could not complete the check run");
    }
    throw error;
  }
}

/** Creates the check run `in_progress` on the head commit, at once, before any analysis. */
export async function startCheck(octokit: GitHubClient, ref: RepoRef, headSha: string): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    ...ref,
    name: CHECK_NAME,
    head_sha: headSha,
    status: "in_progress",
    started_at: new Date().toISOString(),
    output: { title: "Reviewing", summary: "diffguard is reviewing the changed lines." },
  });
  return data.id;
}
