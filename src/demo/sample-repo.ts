import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSecret, seededRandom } from "../secrets/fake.js";
import { GitRepo } from "./git-repo.js";

/** The bundled sample pull request: `base/` is the default branch, `head/` the pull request's branch. */
export const SAMPLE_PR_DIR = fileURLToPath(new URL("../../test/fixtures/demo-pr", import.meta.url));

/**
 * Builds a real git repository in a temporary folder from a sample pull request: `main` holds
 * `base/`, and the checked-out branch `feature` adds one commit that makes the tree `head/`, plus a
 * file with a freshly generated fake Stripe key. Returns the repository's path.
 */
export function createSampleRepo(sampleDir: string = SAMPLE_PR_DIR): string {
  const repo = new GitRepo();
  cpSync(join(sampleDir, "base"), repo.dir, { recursive: true });
  repo.commit("base");
  repo.git("checkout", "--quiet", "-b", "feature");
  repo.git("rm", "-r", "--quiet", ".");
  cpSync(join(sampleDir, "head"), repo.dir, { recursive: true });
  // The leaked key is made up on the spot, so no real-looking credential is ever committed here.
  const key = fakeSecret("sk_live_{alnum:24}", seededRandom(Date.now()));
  writeFileSync(
    join(repo.dir, "api", "billing.js"),
    `const Stripe = require("stripe");\n\nconst stripe = Stripe("${key}");\n\nmodule.exports = stripe;\n`,
  );
  repo.commit("feature");
  return repo.dir;
}
