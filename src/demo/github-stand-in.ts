import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { ValidateFunction } from "ajv";
import { LineIndex } from "../diff/line-index.js";
import { parsePatch } from "../diff/parse-diff.js";
import type { PullRequestModel } from "./pull-request-model.js";

const require = createRequire(import.meta.url);
const Ajv = require("ajv") as typeof import("ajv").default;

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  /** The request body's schema, compiled on first use. */
  schema?: unknown;
  required: boolean;
  validate?: ValidateFunction;
}

/** OpenAPI 3.0's `nullable` beside no `type` is not JSON Schema: drop it (it allows null anyway). */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable" && !("type" in node)) continue;
    out[key] =
      key === "$ref" && typeof value === "string"
        ? value.replace(/^#\/components\//, "gh#/components/")
        : normalize(value);
  }
  return out;
}

let ajv: InstanceType<typeof Ajv> | null = null;

function validatorOf(op: Operation): ValidateFunction | undefined {
  if (op.validate || op.schema === undefined) return op.validate;
  op.validate = (ajv as InstanceType<typeof Ajv>).compile(normalize(op.schema) as object);
  return op.validate;
}

let operations: Operation[] | null = null;

/** GitHub's REST operations from its OpenAPI description, with validators of their request bodies. */
function loadOperations(): Operation[] {
  if (operations) return operations;
  const spec = JSON.parse(
    readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8"),
  );
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "gh", components: normalize(spec.components) });
  const list: Operation[] = [];
  for (const [template, item] of Object.entries<
    Record<string, { requestBody?: { required?: boolean; content?: Record<string, { schema: unknown }> } }>
  >(spec.paths)) {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, n: string) => {
        names.push(n);
        return n === "path" ? "(.+)" : "([^/]+)";
      })}$`,
    );
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      const required = !!op.requestBody?.required;
      list.push({
        method: method.toUpperCase(),
        template,
        pattern,
        names,
        required,
        ...(schema ? { schema } : {}),
      });
    }
  }
  operations = list;
  return list;
}

/** One request the app made. */
export interface RecordedRequest {
  method: string;
  /** The operation's path template, e.g. `/repos/{owner}/{repo}/check-runs`, or `/graphql`. */
  route: string;
  path: string;
  body: unknown;
  /** Reads fetch, writes change something on GitHub. */
  kind: "read" | "write" | "auth";
  /** When the request arrived (performance.now()). */
  at: number;
}

export interface CheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion?: string;
  output?: { title?: string; summary?: string; annotations?: unknown[] };
  annotations: { path: string; start_line: number; annotation_level: string; message: string }[];
  actions?: unknown[];
  updates: number;
}

export interface ReviewComment {
  id: number;
  path: string;
  line: number;
  start_line?: number;
  body: string;
  commit_id: string;
  threadId: string;
  resolved: boolean;
}

/** A scripted failure: the next `times` requests to `route` answer with this status. */
export interface Fault {
  method: string;
  route: string;
  status: number;
  times: number;
  headers?: Record<string, string>;
  /** The error message GitHub would send. */
  message?: string;
}

/**
 * A stand-in for GitHub's API on loopback. Every request must match an operation of GitHub's
 * OpenAPI description and carry a body valid against it, or the test fails (`problems`). It keeps
 * the state a review changes: check runs, reviews, comments and their threads.
 */
export class GitHubStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly problems: string[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly reviews: { id: number; commit_id: string; event: string; body?: string; comments: number }[] = [];
  readonly comments: ReviewComment[] = [];
  readonly faults: Fault[] = [];
  /** Answer every GraphQL request with 404, as a server without GraphQL would. */
  noGraphql = false;
  /** Answer resolveReviewThread with an error, as GitHub does when the app may not resolve threads. */
  refuseResolve = false;
  readonly replies: { commentId: number; body: string }[] = [];
  pull: PullRequestModel;
  private server: Server | null = null;
  private nextId = 1000;

  constructor(pull: PullRequestModel) {
    this.pull = pull;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    loadOperations();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        this.problems.push(`stand-in crashed: ${(error as Error).stack}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Requests of one kind, or to one route. */
  count(filter: { kind?: RecordedRequest["kind"]; route?: string; method?: string }): number {
    return this.requests.filter(
      (r) =>
        (!filter.kind || r.kind === filter.kind) &&
        (!filter.route || r.route === filter.route) &&
        (!filter.method || r.method === filter.method),
    ).length;
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): true {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "GET";
    if (url.pathname === "/graphql" && method === "POST" && this.noGraphql) {
      this.requests.push({
        method,
        route: "/graphql",
        path: url.pathname,
        body,
        kind: "read",
        at: performance.now(),
      });
      return this.send(res, 404, { message: "Not Found" });
    }
    if (url.pathname === "/graphql" && method === "POST") {
      this.requests.push({
        method,
        route: "/graphql",
        path: url.pathname,
        body,
        kind: /^\s*mutation/.test(body?.query) ? "write" : "read",
        at: performance.now(),
      });
      return this.graphql(res, body);
    }
    const op = loadOperations().find((o) => o.method === method && o.pattern.test(url.pathname));
    if (!op) {
      this.problems.push(`unknown endpoint ${method} ${url.pathname}`);
      return this.send(res, 404, { message: "Not Found" });
    }
    const params: Record<string, string> = {};
    const m = op.pattern.exec(url.pathname) as RegExpExecArray;
    op.names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1] as string);
    });
    const kind = op.template.startsWith("/app/") ? "auth" : method === "GET" ? "read" : "write";
    this.requests.push({ method, route: op.template, path: url.pathname, body, kind, at: performance.now() });
    const validate = validatorOf(op);
    if (body === undefined && op.required) this.problems.push(`missing body for ${method} ${op.template}`);
    if (validate && body !== undefined && !validate(body)) {
      this.problems.push(`invalid body for ${method} ${op.template}: ${JSON.stringify(validate.errors)}`);
      return this.send(res, 422, { message: "Validation Failed", errors: validate.errors });
    }
    const fault = this.faults.find((f) => f.method === method && f.route === op.template && f.times > 0);
    if (fault) {
      fault.times--;
      return this.send(
        res,
        fault.status,
        { message: fault.message ?? `scripted ${fault.status}` },
        fault.headers,
      );
    }
    return this.route(res, method, op.template, params, url, body);
  }

  private route(
    res: ServerResponse,
    method: string,
    route: string,
    params: Record<string, string>,
    url: URL,
    // biome-ignore lint/suspicious/noExplicitAny: request bodies were validated against GitHub's schema above
    body: any,
  ): true {
    const pull = this.pull;
    switch (`${method} ${route}`) {
      case "POST /app/installations/{installation_id}/access_tokens":
        return this.send(res, 201, {
          token: "ghs_standin",
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          permissions: {},
        });
      case "GET /repos/{owner}/{repo}/contents/{path}": {
        const ref = url.searchParams.get("ref");
        if (ref) {
          const blob = ref === pull.headSha ? pull.blobs.get(params.path as string) : undefined;
          if (blob === undefined) return this.send(res, 404, { message: "Not Found" });
          res.writeHead(200, { "content-type": "application/vnd.github.raw; charset=utf-8" });
          res.end(blob);
          return true;
        }
        if (params.path !== ".github/diffguard.yml" || pull.config === undefined)
          return this.send(res, 404, { message: "Not Found" });
        res.writeHead(200, { "content-type": "application/vnd.github.raw; charset=utf-8" });
        res.end(pull.config);
        return true;
      }
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}":
        return this.send(res, 200, {
          number: pull.number,
          draft: false,
          changed_files: pull.files.length,
          head: { sha: pull.headSha, ref: "feature", repo: { full_name: pull.headRepo } },
          base: { sha: pull.baseSha, ref: "main", repo: { full_name: `${pull.owner}/${pull.repo}` } },
        });
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/files":
        return this.page(res, url, pull.files.slice(0, 3_000));
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments":
        return this.page(
          res,
          url,
          this.comments.map((c) => ({
            id: c.id,
            path: c.path,
            line: c.line,
            body: c.body,
            commit_id: c.commit_id,
          })),
        );
      case "POST /repos/{owner}/{repo}/check-runs": {
        const run: CheckRun = {
          id: this.nextId++,
          head_sha: body.head_sha,
          name: body.name,
          status: body.status,
          annotations: [],
          updates: 0,
        };
        this.checkRuns.push(run);
        return this.send(res, 201, {
          id: run.id,
          head_sha: run.head_sha,
          name: run.name,
          status: run.status,
        });
      }
      case "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": {
        const run = this.checkRuns.find((r) => r.id === Number(params.check_run_id));
        if (!run) return this.send(res, 404, { message: "Not Found" });
        run.updates++;
        if (body.status) run.status = body.status;
        if (body.conclusion) run.conclusion = body.conclusion;
        if (body.actions) run.actions = body.actions;
        if (body.output) {
          run.output = body.output;
          run.annotations.push(...(body.output.annotations ?? []));
        }
        return this.send(res, 200, { id: run.id, status: run.status, conclusion: run.conclusion });
      }
      case "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": {
        // As GitHub does: one comment whose lines are not in the diff fails the whole review.
        for (const c of body.comments ?? []) {
          const file = pull.files.find((f) => f.filename === c.path);
          const index = new LineIndex(parsePatch(file?.patch));
          const ok =
            file &&
            index.inOneHunk(c.start_line ?? c.line, c.line) &&
            (c.start_line === undefined || c.start_line < c.line);
          if (!ok || c.position !== undefined) {
            return this.send(res, 422, {
              message: "Unprocessable Entity",
              errors: [`pull_request_review_thread.line must be part of the diff`],
            });
          }
        }
        const id = this.nextId++;
        this.reviews.push({
          id,
          commit_id: body.commit_id,
          event: body.event,
          body: body.body,
          comments: body.comments?.length ?? 0,
        });
        for (const c of body.comments ?? []) {
          const commentId = this.nextId++;
          this.comments.push({
            id: commentId,
            path: c.path,
            line: c.line,
            start_line: c.start_line,
            body: c.body,
            commit_id: body.commit_id,
            threadId: `T_${commentId}`,
            resolved: false,
          });
        }
        return this.send(res, 200, { id, commit_id: body.commit_id, state: "COMMENTED" });
      }
      case "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies": {
        this.replies.push({ commentId: Number(params.comment_id), body: body.body });
        return this.send(res, 201, { id: this.nextId++, body: body.body });
      }
      default:
        this.problems.push(`stand-in has no behaviour for ${method} ${route}`);
        return this.send(res, 501, { message: "not implemented in the stand-in" });
    }
  }

  private page(res: ServerResponse, url: URL, items: unknown[]): true {
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`;
    }
    return this.send(res, 200, slice, headers);
  }

  private graphql(res: ServerResponse, body: { query: string; variables: Record<string, unknown> }): true {
    const { query, variables } = body;
    if (typeof query !== "string") {
      this.problems.push("GraphQL request without a query");
      return this.send(res, 400, { message: "query required" });
    }
    if (query.includes("resolveReviewThread")) {
      if (this.refuseResolve)
        return this.send(res, 200, {
          data: null,
          errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }],
        });
      const comment = this.comments.find((c) => c.threadId === variables.id);
      if (comment) comment.resolved = true;
      return this.send(res, 200, { data: { resolveReviewThread: { thread: { id: variables.id } } } });
    }
    if (query.includes("reviewThreads")) {
      const nodes = this.comments.map((c) => ({
        id: c.threadId,
        isResolved: c.resolved,
        comments: { nodes: [{ body: c.body }] },
      }));
      return this.send(res, 200, { data: { repository: { pullRequest: { reviewThreads: { nodes } } } } });
    }
    if (query.includes("object(expression:")) {
      const repository: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(variables)) {
        if (!/^e\d+$/.test(key)) continue;
        const [sha, ...rest] = String(value).split(":");
        const blob = sha === this.pull.headSha ? this.pull.blobs.get(rest.join(":")) : undefined;
        repository[`f${key.slice(1)}`] =
          blob === undefined
            ? null
            : typeof blob === "string"
              ? { text: blob, isBinary: false, isTruncated: false, byteSize: Buffer.byteLength(blob) }
              : { text: null, isBinary: true, isTruncated: false, byteSize: blob.length };
      }
      return this.send(res, 200, { data: { repository } });
    }
    this.problems.push(`unexpected GraphQL query: ${query.slice(0, 80)}`);
    return this.send(res, 200, { errors: [{ message: "unsupported by the stand-in" }] });
  }
}
