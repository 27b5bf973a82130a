import type { Context } from "probot";
import type { GitHubClient } from "../octokit.js";
import { loadRepoConfig } from "../review-job.js";
import type { StartReview } from "./start-review.js";

/** The pull request actions that get a review. */
export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

/** Reviews a pull request on open, push, reopen and ready-for-review; drafts only when configured. */
export function pullRequestHandler(start: StartReview) {
  return async (context: Context<"pull_request">): Promise<void> => {
    const pr = context.payload.pull_request;
    const ref = { owner: context.payload.repository.owner.login, repo: context.payload.repository.name };
    if (pr.draft) {
      const { config } = await loadRepoConfig(context.octokit as unknown as GitHubClient, ref);
      if (!config.draft_prs) {
        context.log.debug({ pr: pr.number }, "draft pull request skipped");
        return;
      }
    }
    await start(context, { ...ref, pullNumber: pr.number, headSha: pr.head.sha });
  };
}
