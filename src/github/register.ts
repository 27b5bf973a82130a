import type { Probot } from "probot";
import { loadRules } from "../analysis/rules/load-rules.js";
import { RuleSet } from "../analysis/run-rules.js";
import { SecretPatternSet } from "../secrets/detect.js";
import { loadSecretPatterns } from "../secrets/load-patterns.js";
import { PULL_REQUEST_EVENTS, pullRequestHandler } from "./handlers/pull-request.js";
import { RERUN_EVENTS, rerunHandler } from "./handlers/rerun.js";
import { startReview } from "./handlers/start-review.js";
import type { GitHubClient } from "./octokit.js";
import { InProcessQueue, type ReviewQueue } from "./queue.js";
import { type EngineAssets, type ReviewJobData, runReview } from "./review-job.js";

export interface RegisterOptions {
  /** Reviews run at once (default: the `DIFFGUARD_CONCURRENCY` environment variable, else 2). */
  concurrency?: number;
  assets?: EngineAssets;
}

/**
 * Wires diffguard into a Probot app: webhook handlers answer at once (check run in progress,
 * job queued), and the queue runs the reviews. Rules are loaded here, so a bad rule stops start-up.
 */
export function registerHandlers(app: Probot, options: RegisterOptions = {}): ReviewQueue<ReviewJobData> {
  const assets = options.assets ?? {
    rules: new RuleSet(loadRules()),
    secrets: new SecretPatternSet(loadSecretPatterns()),
  };
  const concurrency = options.concurrency ?? Number(process.env.DIFFGUARD_CONCURRENCY ?? 2);
  const queue = new InProcessQueue<ReviewJobData>(
    async (job, signal) => {
      const octokit = (await app.auth(job.data.installationId)) as unknown as GitHubClient;
      const log = app.log.child({
        delivery: job.data.deliveryId,
        repo: `${job.data.owner}/${job.data.repo}`,
        pr: job.data.pullNumber,
        sha: job.data.headSha,
      });
      await runReview(octokit, job.data, assets, signal, log);
    },
    concurrency,
    (job, error) => app.log.error({ err: error, delivery: job.data.deliveryId }, "review job failed"),
  );
  const start = startReview(queue);
  app.on([...PULL_REQUEST_EVENTS], pullRequestHandler(start));
  app.on([...RERUN_EVENTS], rerunHandler(start));
  return queue;
}
