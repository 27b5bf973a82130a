import type { ApplicationFunctionOptions, Probot } from "probot";
import { registerHandlers } from "./github/register.js";

/** The secret Probot falls back to when none is set; never acceptable in production. */
const DEVELOPMENT_SECRET = "development";

/** The Probot app: `probot run ./dist/index.js`. */
export default function diffguard(app: Probot, options?: ApplicationFunctionOptions): void {
  const secret = process.env.WEBHOOK_SECRET;
  if (process.env.NODE_ENV === "production" && (!secret || secret === DEVELOPMENT_SECRET)) {
    throw new Error("WEBHOOK_SECRET must be set to a real secret in production (see .env.example)");
  }
  options?.addHandler((req, res) => {
    if (req.method !== "GET" || req.url !== "/healthz") return false;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok" }));
    return true;
  });
  registerHandlers(app);
}
