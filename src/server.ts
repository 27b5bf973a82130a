import { run } from "probot";
import { createAppLogger } from "./github/logger.js";
import { diffguardOctokit } from "./github/octokit.js";
import diffguard from "./index.js";

/**
 * `npm start`: Probot's runner (reads `.env`, serves webhooks, or without APP_ID the manifest
 * set-up page) with diffguard's GitHub client settings and its redacting JSON logger.
 */
await run(diffguard, { Octokit: diffguardOctokit(), log: createAppLogger() });
