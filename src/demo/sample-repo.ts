import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSecret, seededRandom } from "../secrets/fake.js";

/** The bundled sample pull request: `base/` is the default branch, `head/` the pull request's branch. */
export const SAMPLE_PR_DIR = fileURLToPath(new URL("../../test/fixtures/demo-pr", import.meta.url));

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "diffguard demo",
      GIT_AUTHOR_EMAIL: "demo@example.invalid",
      GIT_COMMITTER_NAME: "diffguard demo",
      GIT_COMMITTER_EMAIL: "demo@example.invalid",
    },
  });
}

/**
 * Builds a real git repository in a temporary folder from a sample pull request: `main` holds
 * `base/`, and the checked-out branch `feature` adds one commit that makes the tree `head/`.
 * Returns the repository's path.
 */
export function createSampleRepo(sampleDir: string = SAMPLE_PR_DIR): string {
  const repo = mkdtempSync(join(tmpdir(), "diffguard-sample-"));
  git(repo, "init", "--quiet", "--initial-branch=main");
  cpSync(join(sampleDir, "base"), repo, { recursive: true });
  git(repo, "add", "--all");
  git(repo, "commit", "--quiet", "--no-gpg-sign", "--message", "base");
  git(repo, "checkout", "--quiet", "-b", "feature");
  git(repo, "rm", "-r", "--quiet", ".");
  cpSync(join(sampleDir, "head"), repo, { recursive: true });
  // The leaked key is made up on the spot, so no real-looking credential is ever committed here.
  const key = fakeSecret("sk_live_{alnum:24}", seededRandom(Date.now()));
  writeFileSync(
    join(repo, "api", "billing.js"),
    `const Stripe = require("stripe");\n\nconst stripe = Stripe("${key}");\n\nmodule.exports = stripe;\n`,
  );
  git(repo, "add", "--all");
  git(repo, "commit", "--quiet", "--no-gpg-sign", "--message", "feature");
  return repo;
}
