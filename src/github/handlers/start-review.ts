import type { Context } from "probot";
import type { GitHubClient, RepoRef } from "../octokit.js";
import type { ReviewQueue } from "../queue.js";
import { type ReviewJobData, startCheck } from "../review-job.js";

/** Starts the review of one pull request head: the check run now, the analysis in the queue. */
export type StartReview = (
  context: Context,
  target: RepoRef & { pullNumber: number; headSha: string },
) => Promise<void>;

export function startReview(queue: ReviewQueue<ReviewJobData>): StartReview {
  return async (context, target) => {
    const installationId = (context.payload as { installation?: { id: number } }).installation?.id;
    if (installationId === undefined) {
      context.log.warn("delivery without an installation; nothing to do");
      return;
    }
    const checkRunId = await startCheck(context.octokit as unknown as GitHubClient, target, target.headSha);
    const data: ReviewJobData = { ...target, installationId, checkRunId, deliveryId: context.id };
    queue.enqueue({
      key: `${target.owner}/${target.repo}#${target.pullNumber}`,
      id: `${context.id}:${target.pullNumber}`,
      data,
    });
    context.log.info({ pr: target.pullNumber, sha: target.headSha, checkRunId }, "review queued");
  };
}
