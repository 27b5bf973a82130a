import { rmSync } from "node:fs";
import { AppHarness } from "../demo/app-harness.js";
import { GitRepo } from "../demo/git-repo.js";
import { GitHubStandIn } from "../demo/github-stand-in.js";
import { pullRequestPayload } from "../demo/payloads.js";
import { type PullRequestModel, pullRequestFrom } from "../demo/pull-request-model.js";
import { javascriptModule, pythonModule, Random } from "./generate-corpus.js";

const FILES = 50;
const DELIVERIES = 5;

/** A pull request of FILES generated files (a few vulnerable lines among them) in a real repository. */
function generatedPullRequest(seed: number): { repo: GitRepo; pull: PullRequestModel } {
  const repo = new GitRepo();
  const r = new Random(seed);
  repo.write("README.md", "# service\n").commit("base");
  for (let i = 0; i < FILES; i++) {
    repo.write(
      i % 2 ? `app/mod${i}.py` : `src/mod${i}.js`,
      i % 2 ? pythonModule(r, 120, 0.1) : javascriptModule(r, 120, 0.1),
    );
  }
  repo.commit("feature");
  return { repo, pull: pullRequestFrom(repo, "HEAD~1", "HEAD", { number: seed }) };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** The whole app path: signed deliveries into the real server, reviews against the GitHub stand-in. */
export async function appBenchmark(): Promise<void> {
  console.log(
    `\nApp path: signed pull_request.opened for a ${FILES}-file pull request, real server, GitHub stand-in:`,
  );
  const answered: number[] = [];
  const completed: number[] = [];
  let last: { reads: number; writes: number; annotations: number; comments: number } | null = null;
  for (let i = 0; i <= DELIVERIES; i++) {
    const { repo, pull } = generatedPullRequest(100 + i);
    const github = new GitHubStandIn(pull);
    await github.start();
    const app = new AppHarness(github);
    await app.start();
    try {
      // The first delivery of a process pays for loading; it is not counted.
      const warm = i === 0;
      const t0 = performance.now();
      const { ms } = await app.deliver("pull_request", pullRequestPayload("opened", pull));
      await app.queue.idle();
      const total = performance.now() - t0;
      if (!warm) {
        answered.push(ms);
        completed.push(total);
        last = {
          reads: github.count({ kind: "read" }),
          writes: github.count({ kind: "write" }),
          annotations: github.checkRuns[0]?.annotations.length ?? 0,
          comments: github.comments.length,
        };
      }
      if (github.problems.length > 0) console.log(`  stand-in problems: ${github.problems.join("; ")}`);
    } finally {
      await app.stop();
      await github.stop();
      rmSync(repo.dir, { recursive: true, force: true });
    }
  }
  if (!last) return;
  const webhookMs = median(answered);
  const completedMs = median(completed);
  const readBudget = 5 + Math.ceil(FILES / 100);
  const writeBudget = 3 + Math.ceil(last.annotations / 50);
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(
    `  webhook answered in ${webhookMs.toFixed(0)} ms (median of ${DELIVERIES}; target < 100) ${verdict(webhookMs < 100)}`,
  );
  console.log(
    `  delivery to check run completed: ${completedMs.toFixed(0)} ms (target < 2000) ${verdict(completedMs < 2000)}`,
  );
  console.log(
    `  GitHub requests: ${last.reads} reads (budget ${readBudget}) ${verdict(last.reads <= readBudget)}, ${last.writes} writes (budget ${writeBudget} for ${last.annotations} annotations, ${last.comments} comments) ${verdict(last.writes <= writeBudget)}`,
  );
}
