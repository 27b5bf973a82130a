import type { Context } from "probot";
import { RERUN_ACTION } from "../check-run-reporter.js";
import type { StartReview } from "./start-review.js";

/** Events that ask for a check to run again. */
export const RERUN_EVENTS = [
  "check_run.rerequested",
  "check_suite.rerequested",
  "check_run.requested_action",
] as const;

/** Re-reviews the pull requests of a check run or suite that a user asked to run again. */
export function rerunHandler(start: StartReview) {
  return async (context: Context<"check_run" | "check_suite">): Promise<void> => {
    const payload = context.payload as {
      action: string;
      repository: { name: string; owner: { login: string } };
      check_run?: { head_sha: string; pull_requests: { number: number }[]; app?: { id: number } | null };
      check_suite?: { head_sha: string; pull_requests: { number: number }[] };
      requested_action?: { identifier: string };
    };
    if (
      payload.action === "requested_action" &&
      payload.requested_action?.identifier !== RERUN_ACTION.identifier
    )
      return;
    const subject = payload.check_run ?? payload.check_suite;
    if (!subject) return;
    const ref = { owner: payload.repository.owner.login, repo: payload.repository.name };
    for (const pr of subject.pull_requests) {
      await start(context as unknown as Context, {
        ...ref,
        pullNumber: pr.number,
        headSha: subject.head_sha,
      });
    }
  };
}
