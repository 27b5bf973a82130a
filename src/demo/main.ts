import { rmSync } from "node:fs";
import { AppHarness } from "./app-harness.js";
import { GitRepo } from "./git-repo.js";
import { GitHubStandIn } from "./github-stand-in.js";
import { pullRequestPayload } from "./payloads.js";
import { pullRequestFrom } from "./pull-request-model.js";
import { createSampleRepo } from "./sample-repo.js";

const RULE = "─".repeat(78);

/**
 * Offline demo of the whole app path: the real Probot server on a loopback port, a stand-in for
 * GitHub's API, and a signed `pull_request.opened` delivery for the bundled sample pull request.
 * Prints the review and the check run as GitHub would show them.
 */
async function demo(): Promise<void> {
  const repo = new GitRepo(createSampleRepo());
  const pull = pullRequestFrom(repo, "main", "feature");
  const github = new GitHubStandIn(pull);
  await github.start();
  const app = new AppHarness(github);
  await app.start();
  try {
    const started = performance.now();
    const delivery = await app.deliver("pull_request", pullRequestPayload("opened", pull));
    await app.queue.idle();
    const completedMs = performance.now() - started;
    const out = (line = "") => process.stdout.write(`${line}\n`);

    out(
      `Pull request #${pull.number} in ${pull.owner}/${pull.repo}: ${pull.files.length} changed files (${pull.files.map((f) => f.filename).join(", ")})`,
    );
    out(
      `Webhook answered ${delivery.status} in ${Math.round(delivery.ms)} ms; review completed ${Math.round(completedMs)} ms after delivery.`,
    );
    for (const review of github.reviews) {
      out();
      out(RULE);
      out(`Review on ${review.commit_id.slice(0, 7)} (${review.event}): ${review.body ?? ""}`);
      for (const comment of github.comments.filter((c) => c.commit_id === review.commit_id)) {
        out(RULE);
        const lines = comment.start_line
          ? `lines ${comment.start_line}-${comment.line}`
          : `line ${comment.line}`;
        out(`${comment.path}, ${lines}`);
        out();
        out(comment.body);
      }
    }
    for (const run of github.checkRuns) {
      out();
      out(RULE);
      out(`Check run "${run.name}": ${run.status}, ${run.conclusion} - ${run.output?.title ?? ""}`);
      out(RULE);
      out(run.output?.summary ?? "");
      out();
      out(`${run.annotations.length} annotation(s):`);
      for (const a of run.annotations)
        out(`  ${a.path}:${a.start_line} [${a.annotation_level}] ${a.message}`);
    }
    out();
    out(
      `GitHub API requests: ${github.count({ kind: "read" })} reads, ${github.count({ kind: "write" })} writes, ${github.count({ kind: "auth" })} token request(s); every one checked against GitHub's OpenAPI description.`,
    );
    if (github.problems.length > 0) {
      out(`Problems: ${github.problems.join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    await app.stop();
    await github.stop();
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

await demo();
