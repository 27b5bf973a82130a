import { rmSync } from "node:fs";
import { main } from "../cli/main.js";
import { createSampleRepo } from "./sample-repo.js";

/**
 * Offline demo: builds the bundled sample pull request as a real git repository and runs
 * `diffguard scan` on it, as a developer would on their branch.
 */
async function demo(): Promise<void> {
  const repo = createSampleRepo();
  process.stdout.write(`Sample pull request in ${repo} (branch "feature" against "main")\n`);
  process.stdout.write("$ diffguard scan\n\n");
  try {
    const code = await main(["scan"], {
      cwd: repo,
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      color: !!process.stdout.isTTY && !("NO_COLOR" in process.env),
    });
    process.stdout.write(`\nexit code ${code} (1: findings at or above the fail-on threshold)\n`);
    if (code === 2) process.exitCode = 1;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

await demo();
