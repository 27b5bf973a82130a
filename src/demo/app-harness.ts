import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import { pino } from "pino";
import { createNodeMiddleware, Probot } from "probot";
import { diffguardOctokit } from "../github/octokit.js";
import type { ReviewQueue } from "../github/queue.js";
import { registerHandlers } from "../github/register.js";
import type { ReviewJobData } from "../github/review-job.js";
import type { GitHubStandIn } from "./github-stand-in.js";

export const WEBHOOK_SECRET = "stand-in-webhook-secret";

let privateKey: string | null = null;

/** A throwaway RSA key for the app's JWT, made once per test file. */
function appKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}

/** The real Probot server on a loopback port, talking to the GitHub stand-in. */
export class AppHarness {
  queue!: ReviewQueue<ReviewJobData>;
  private server!: Server;

  constructor(
    private readonly github: GitHubStandIn,
    private readonly options: { retry?: false } = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    // The production client (retries, throttling); back-off shortened so scripted errors stay quick.
    const Octokit = diffguardOctokit(this.options.retry === false ? { plain: true } : { retryBaseMs: 10 });
    const probot = new Probot({
      appId: 1,
      privateKey: appKey(),
      secret: WEBHOOK_SECRET,
      baseUrl: this.github.url,
      log: pino({ level: "silent" }),
      Octokit,
    });
    const middleware = await createNodeMiddleware(
      (app) => {
        this.queue = registerHandlers(app, { concurrency: 2 });
      },
      { probot },
    );
    this.server = createServer((req, res) => {
      Promise.resolve(middleware(req, res, () => res.writeHead(404).end())).catch(() =>
        res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await this.queue?.idle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Delivers a webhook over HTTP, signed with the app's secret unless told otherwise. */
  async deliver(
    event: string,
    payload: unknown,
    options: { id?: string; signature?: string | null } = {},
  ): Promise<{ status: number; ms: number }> {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.id ?? randomUUID(),
    };
    const signature = options.signature === undefined ? await sign(WEBHOOK_SECRET, body) : options.signature;
    if (signature !== null) headers["x-hub-signature-256"] = signature;
    const t0 = performance.now();
    const response = await fetch(`${this.url}/api/github/webhooks`, { method: "POST", headers, body });
    await response.text();
    return { status: response.status, ms: performance.now() - t0 };
  }
}
