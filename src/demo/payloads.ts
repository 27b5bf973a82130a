import { createRequire } from "node:module";
import type { PullRequestModel } from "./pull-request-model.js";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: example payloads are edited field by field below
type Payload = Record<string, any>;

const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as {
  name: string;
  examples: Payload[];
}[];

function example(event: string, action: string): Payload {
  const found = examples
    .find((e) => e.name === event)
    ?.examples.find((x) => x.action === action && x.installation);
  if (!found) throw new Error(`no ${event}.${action} example with an installation`);
  return structuredClone(found);
}

function pointAt(payload: Payload, pull: PullRequestModel): void {
  payload.repository.name = pull.repo;
  payload.repository.full_name = `${pull.owner}/${pull.repo}`;
  payload.repository.owner.login = pull.owner;
  payload.installation.id = 42;
}

/** A real `pull_request` payload (from @octokit/webhooks-examples) pointed at a modelled pull request. */
export function pullRequestPayload(
  action: "opened" | "synchronize" | "reopened" | "ready_for_review",
  pull: PullRequestModel,
  draft = false,
) {
  const payload = example("pull_request", action === "ready_for_review" ? "opened" : action);
  payload.action = action;
  pointAt(payload, pull);
  payload.number = pull.number;
  Object.assign(payload.pull_request, { number: pull.number, draft });
  payload.pull_request.head.sha = pull.headSha;
  payload.pull_request.base.sha = pull.baseSha;
  payload.pull_request.head.repo.full_name = pull.headRepo;
  return payload;
}

/** A real `check_run.rerequested` or `requested_action` payload for the pull request's head. */
export function checkRunPayload(action: "rerequested" | "requested_action", pull: PullRequestModel) {
  const payload = example("check_run", action);
  pointAt(payload, pull);
  payload.check_run.head_sha = pull.headSha;
  payload.check_run.pull_requests = [
    { number: pull.number, head: { sha: pull.headSha }, base: { sha: pull.baseSha } },
  ];
  if (action === "requested_action") payload.requested_action = { identifier: "rerun" };
  return payload;
}

/** A real `check_suite.rerequested` payload for the pull request's head. */
export function checkSuitePayload(pull: PullRequestModel) {
  const payload = example("check_suite", "rerequested");
  pointAt(payload, pull);
  payload.check_suite.head_sha = pull.headSha;
  payload.check_suite.pull_requests = [
    { number: pull.number, head: { sha: pull.headSha }, base: { sha: pull.baseSha } },
  ];
  return payload;
}
