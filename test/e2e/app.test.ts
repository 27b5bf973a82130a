import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { AppHarness } from "../../src/demo/app-harness.js";
import { GitRepo } from "../../src/demo/git-repo.js";
import { GitHubStandIn } from "../../src/demo/github-stand-in.js";
import { checkRunPayload, checkSuitePayload, pullRequestPayload } from "../../src/demo/payloads.js";
import { type PullRequestModel, pullRequestFrom } from "../../src/demo/pull-request-model.js";

const BASE_JS = "const express = require('express');\nconst app = express();\n\nmodule.exports = app;\n";

let repo: GitRepo;
let github: GitHubStandIn;
let app: AppHarness;

async function boot(pull: PullRequestModel, options: { retry?: false } = {}) {
  github = new GitHubStandIn(pull);
  await github.start();
  app = new AppHarness(github, options);
  await app.start();
}

/** A pull request whose one change adds `eval(input)` to app.js, with the app and stand-in running. */
async function bootWithEval(overrides: Partial<PullRequestModel> = {}): Promise<PullRequestModel> {
  repo.write("app.js", BASE_JS).commit("base");
  repo.write("app.js", `${BASE_JS}\nconst a = eval(input);\n`).commit("feature");
  const pull = pullRequestFrom(repo, "HEAD~1", "HEAD", overrides);
  await boot(pull);
  return pull;
}

async function opened(pull: PullRequestModel, id?: string) {
  github.pull = pull;
  const result = await app.deliver("pull_request", pullRequestPayload("opened", pull), id ? { id } : {});
  await app.queue.idle();
  return result;
}

beforeEach(() => {
  repo = new GitRepo();
});

afterEach(async () => {
  await app?.stop();
  await github?.stop();
  repo.remove();
  expect(github.problems).toEqual([]);
});

describe("a pull request with findings", () => {
  test("inline comments on the right lines, suggestion equal to the fix, failing check with annotations", async () => {
    repo
      .write("app.js", BASE_JS)
      .write("worker/tasks.py", "import yaml\n\n\ndef load(p):\n    return yaml.safe_load(p)\n")
      .commit("base");
    repo
      .write("app.js", `${BASE_JS}\napp.post("/calc", (req, res) => res.json(eval(req.body.expr)));\n`)
      .write(
        "worker/tasks.py",
        "import yaml\n\n\ndef load(p):\n    return yaml.safe_load(p)\n\n\ndef job(body):\n    return yaml.load(body)\n",
      )
      .commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(pull);
    const { status } = await opened(pull);
    expect(status).toBe(200);

    expect(github.checkRuns).toHaveLength(1);
    const run = github.checkRuns[0];
    expect(run).toMatchObject({
      name: "diffguard",
      head_sha: pull.headSha,
      status: "completed",
      conclusion: "failure",
    });
    expect(run?.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ["app.js", 6, "failure"],
      ["worker/tasks.py", 9, "failure"],
    ]);
    expect(run?.actions).toEqual([expect.objectContaining({ identifier: "rerun" })]);

    expect(github.reviews).toEqual([
      expect.objectContaining({ commit_id: pull.headSha, event: "COMMENT", comments: 2 }),
    ]);
    const byPath = Object.fromEntries(github.comments.map((c) => [c.path, c]));
    expect(byPath["app.js"]?.line).toBe(6);
    expect(byPath["app.js"]?.body).toContain("js-eval-non-literal");
    expect(byPath["app.js"]?.body).toContain("[CWE-95](https://cwe.mitre.org/data/definitions/95.html)");
    expect(byPath["worker/tasks.py"]?.line).toBe(9);
    expect(byPath["worker/tasks.py"]?.body).toContain("```suggestion\n    return yaml.safe_load(body)\n```");
    expect(byPath["worker/tasks.py"]?.body).toMatch(/<!-- diffguard:v1:[0-9a-f]{32} -->$/);
  });

  test("a clean pull request: success and no review", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    repo.write("app.js", `${BASE_JS}\nconst port = Number(process.env.PORT ?? 3000);\n`).commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(pull);
    await opened(pull);
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "success" });
    expect(github.reviews).toEqual([]);
  });
});

describe("pushes to the same pull request", () => {
  test("a push that fixes a finding resolves its thread and adds no comment; a new finding is commented alone", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    repo.write("app.js", `${BASE_JS}\nconst a = eval(input);\n`).commit("first");
    const first = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(first);
    await opened(first);
    expect(github.comments).toHaveLength(1);

    repo
      .write("app.js", `${BASE_JS}\nconst a = JSON.parse(input);\nconst b = new Function(code);\n`)
      .commit("second");
    const second = pullRequestFrom(repo, "HEAD~2", "HEAD");
    github.pull = second;
    await app.deliver("pull_request", pullRequestPayload("synchronize", second));
    await app.queue.idle();

    expect(github.comments).toHaveLength(2);
    expect(github.comments[0]?.resolved).toBe(true);
    expect(github.comments[1]).toMatchObject({ line: 7, resolved: false });
    expect(github.comments[1]?.body).toContain("new Function");
    expect(github.checkRuns.map((r) => r.conclusion)).toEqual(["failure", "failure"]);
  });

  test("where a thread cannot be resolved, a reply says the finding was fixed", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    repo.write("app.js", `${BASE_JS}\nconst a = eval(input);\n`).commit("first");
    const first = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(first);
    await opened(first);
    github.refuseResolve = true;
    repo.write("app.js", `${BASE_JS}\nconst a = JSON.parse(input);\n`).commit("second");
    const second = pullRequestFrom(repo, "HEAD~2", "HEAD");
    github.pull = second;
    await app.deliver("pull_request", pullRequestPayload("synchronize", second));
    await app.queue.idle();
    expect(github.replies).toEqual([
      { commentId: github.comments[0]?.id, body: expect.stringMatching(/^Fixed in [0-9a-f]{7}/) },
    ]);
    expect(github.checkRuns[1]).toMatchObject({ conclusion: "success" });
  });

  test("a finding already commented on is not commented again", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    repo.write("app.js", `${BASE_JS}\nconst a = eval(input);\n`).commit("first");
    const first = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(first);
    await opened(first);
    repo.write("README.md", "# service\n").commit("docs");
    const second = pullRequestFrom(repo, "HEAD~2", "HEAD");
    github.pull = second;
    await app.deliver("pull_request", pullRequestPayload("synchronize", second));
    await app.queue.idle();
    expect(github.comments).toHaveLength(1);
    expect(github.reviews).toHaveLength(1);
    expect(github.checkRuns[1]?.output?.summary).toContain("1 already posted earlier");
  });

  test("results for a head that is no longer the pull request's head are not posted", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    repo.write("app.js", `${BASE_JS}\nconst a = eval(input);\n`).commit("first");
    const stale = pullRequestFrom(repo, "HEAD~1", "HEAD");
    repo.write("app.js", `${BASE_JS}\nconst a = JSON.parse(input);\n`).commit("second");
    const current = pullRequestFrom(repo, "HEAD~2", "HEAD");
    await boot(current);
    github.pull = current;
    await app.deliver("pull_request", pullRequestPayload("opened", stale));
    await app.queue.idle();
    expect(github.reviews).toEqual([]);
    expect(github.checkRuns[0]).toMatchObject({
      head_sha: stale.headSha,
      status: "completed",
      conclusion: "neutral",
    });
    expect(github.checkRuns[0]?.output?.title).toBe("Superseded");
  });
});

describe("deliveries", () => {
  test("a redelivered webhook posts nothing twice", async () => {
    const pull = await bootWithEval();
    await opened(pull, "delivery-1");
    await opened(pull, "delivery-1");
    expect(github.reviews).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
  });

  test.each([
    ["forged", "sha256=0000000000000000000000000000000000000000000000000000000000000000"],
    ["missing", null],
  ])("a %s signature is rejected and does nothing", async (_name, signature) => {
    const pull = await bootWithEval();
    const { status } = await app.deliver("pull_request", pullRequestPayload("opened", pull), { signature });
    await app.queue.idle();
    expect(status).toBe(400);
    expect(github.requests).toEqual([]);
  });

  test("a rejected review is posted in parts, and refused comments go to the check run", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    repo
      .write("app.js", `${BASE_JS}\nconst a = eval(input);\nconst b = new Function(code);\n`)
      .commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(pull);
    github.faults.push({
      method: "POST",
      route: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
      status: 422,
      times: 2,
    });
    await opened(pull);
    expect(github.count({ route: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews" })).toBe(3);
    expect(github.reviews).toEqual([expect.objectContaining({ comments: 1 })]);
    expect(github.checkRuns[0]?.output?.summary).toMatch(/GitHub refused 1 inline comment/);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: "failure" });
  });

  test("drafts are skipped unless configured; ready for review starts the review", async () => {
    const pull = await bootWithEval();
    await app.deliver("pull_request", pullRequestPayload("opened", pull, true));
    await app.queue.idle();
    expect(github.checkRuns).toEqual([]);
    await app.deliver("pull_request", pullRequestPayload("ready_for_review", pull));
    await app.queue.idle();
    expect(github.checkRuns).toHaveLength(1);
    github.pull = { ...pull, config: "draft_prs: true\n" };
    await app.deliver("pull_request", pullRequestPayload("opened", github.pull, true));
    await app.queue.idle();
    expect(github.checkRuns).toHaveLength(2);
  });

  test("a re-requested check suite reviews its pull requests again", async () => {
    const pull = await bootWithEval();
    await app.deliver("check_suite", checkSuitePayload(pull));
    await app.queue.idle();
    expect(github.checkRuns).toEqual([
      expect.objectContaining({ head_sha: pull.headSha, conclusion: "failure" }),
    ]);
  });

  test("the Re-run button reviews the head again", async () => {
    const pull = await bootWithEval();
    await app.deliver("check_run", checkRunPayload("requested_action", pull));
    await app.queue.idle();
    expect(github.checkRuns).toEqual([
      expect.objectContaining({ status: "completed", conclusion: "failure" }),
    ]);
  });
});

describe("configuration and failures", () => {
  test("an invalid configuration completes the check with a message naming the key", async () => {
    const pull = await bootWithEval({ config: "fail_on: sometimes\n" });
    await opened(pull);
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(github.checkRuns[0]?.output?.summary).toMatch(/configuration is invalid.*fail_on/s);
  });

  test("the configuration's fail_on and comment style apply", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    repo.write("app.js", `${BASE_JS}\nconst a = eval(input);\n`).commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD", {
      config: "fail_on: critical\ncomment: annotations\n",
    });
    await boot(pull);
    await opened(pull);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: "success" });
    expect(github.checkRuns[0]?.annotations).toHaveLength(1);
    expect(github.reviews).toEqual([]);
  });

  test("a server error is retried and the review completes", async () => {
    const pull = await bootWithEval();
    github.faults.push({
      method: "GET",
      route: "/repos/{owner}/{repo}/pulls/{pull_number}/files",
      status: 500,
      times: 1,
    });
    await opened(pull);
    expect(github.count({ route: "/repos/{owner}/{repo}/pulls/{pull_number}/files" })).toBe(2);
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  test("a secondary rate limit is waited out and retried", async () => {
    const pull = await bootWithEval();
    github.faults.push({
      method: "POST",
      route: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
      status: 403,
      times: 1,
      headers: { "retry-after": "1" },
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    });
    await opened(pull);
    expect(github.count({ route: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews" })).toBe(2);
    expect(github.reviews).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  test("a lasting API error ends the check run with an explanation, and the app keeps serving", async () => {
    const pull = await bootWithEval();
    github.faults.push({
      method: "GET",
      route: "/repos/{owner}/{repo}/pulls/{pull_number}/files",
      status: 502,
      times: 4,
    });
    await opened(pull);
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(github.checkRuns[0]?.output?.summary).toMatch(/could not complete this review/);
    await app.deliver("pull_request", pullRequestPayload("reopened", pull));
    await app.queue.idle();
    expect(github.checkRuns[1]).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  test("when earlier comments cannot be read, the review still completes and says so", async () => {
    const pull = await bootWithEval();
    github.faults.push({
      method: "GET",
      route: "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
      status: 404,
      times: 1,
    });
    await opened(pull);
    expect(github.comments).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: "failure" });
    expect(github.checkRuns[0]?.output?.summary).toMatch(/Earlier review comments could not be read/);
  });

  test("without GraphQL, contents come from the REST API and the review completes", async () => {
    const pull = await bootWithEval();
    github.noGraphql = true;
    await opened(pull);
    // The configuration (looked for in the repository, then the organisation) and the one changed file.
    expect(github.count({ route: "/repos/{owner}/{repo}/contents/{path}" })).toBe(3);
    expect(github.comments).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: "failure" });
  });

  test("a pull request from a fork is reviewed with the base repository's installation", async () => {
    const pull = await bootWithEval({ headRepo: "someone/service-fork" });
    await opened(pull);
    expect(github.comments).toHaveLength(1);
    expect(github.requests.filter((r) => r.path.includes("someone"))).toEqual([]);
  });
});

describe("line mapping on real diffs", () => {
  test("multi-hunk, renamed, with removed lines, CRLF and at the end of a file without newline", async () => {
    const long = Array.from({ length: 40 }, (_, i) => `const v${i} = ${i};`);
    const moved = Array.from({ length: 12 }, (_, i) => `export const k${i} = ${i};`);
    repo
      .write("multi.js", `${long.join("\n")}\n`)
      .write("old/name.js", `${moved.join("\n")}\n`)
      .write("removed.py", "import os\n# one\n# two\n# three\n\n\ndef f():\n    return 1\n")
      .write("crlf.js", "const a = 1;\r\nconst b = 2;\r\n")
      .write("end.py", "import os\n")
      .commit("base");
    const changed = [...long];
    changed.splice(1, 0, "// a change near the top");
    changed.splice(35, 0, "const r = eval(userInput);");
    repo.git("mv", "old/name.js", "new-name.js");
    repo
      .write("multi.js", `${changed.join("\n")}\n`)
      .write(
        "new-name.js",
        `${moved.join("\n")}\nexport const run = (c) => require("child_process").exec(c);\n`,
      )
      .write("removed.py", "import os\n\n\ndef f():\n    os.system(cmd)\n    return 1\n")
      .write("crlf.js", "const a = 1;\r\nconst b = 2;\r\nconst c = eval(x);\r\n")
      .write("end.py", "import os\nos.popen(cmd)")
      .commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD");
    expect(pull.files.find((f) => f.filename === "new-name.js")).toMatchObject({
      status: "renamed",
      previous_filename: "old/name.js",
    });
    await boot(pull);
    await opened(pull);
    const where = github.comments.map((c) => `${c.path}:${c.line}`).sort();
    expect(where).toEqual(["crlf.js:3", "end.py:2", "multi.js:36", "new-name.js:13", "removed.py:5"]);
    expect(github.checkRuns[0]?.output?.summary).not.toContain("Findings without an inline comment");
  });

  test("a finding outside the diff goes to the check run, not to a comment GitHub would reject", async () => {
    const filler = "// filler\n".repeat(20);
    repo.write("app.js", `const first = eval(legacy);\n${filler}const q = "a";\n`).commit("base");
    repo.write("app.js", `const first = eval(legacy);\n${filler}const q = eval(input);\n`).commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD", { config: "filter: file\n" });
    await boot(pull);
    await opened(pull);
    expect(github.comments.map((c) => `${c.path}:${c.line}`)).toEqual(["app.js:22"]);
    expect(github.checkRuns[0]?.annotations.map((a) => a.start_line).sort()).toEqual([1, 22]);
    expect(github.checkRuns[0]?.output?.summary).toMatch(
      /Findings without an inline comment[\s\S]*`app.js` \| 1 \|/,
    );
  });
});

describe("large pull requests", () => {
  test("3,000 files: GitHub's listing limit is said, comments are capped, the review completes", async () => {
    repo.commit("empty");
    for (let i = 0; i < 3_005; i++)
      repo.write(`pkg${i % 30}/f${i}.js`, i % 50 === 0 ? `eval(x${i});\n` : `export const f${i} = ${i};\n`);
    repo.commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(pull);
    await opened(pull);
    expect(pull.files.length).toBe(3_005);
    expect(github.comments).toHaveLength(25);
    const run = github.checkRuns[0];
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.output?.summary).toMatch(/more than 3000 files/);
    expect(run?.output?.summary).toContain("Findings without an inline comment");
    expect(github.count({ route: "/graphql", kind: "read" })).toBe(30);
    expect(run?.annotations).toHaveLength(61);
    expect(run?.updates).toBe(2);
  }, 120_000);
});

describe("request budget", () => {
  test("reads and writes of one review stay within budget", async () => {
    repo.write("app.js", BASE_JS).commit("base");
    for (let i = 0; i < 50; i++)
      repo.write(`src/mod${i}.js`, `export const v${i} = ${i};\n${i % 10 === 0 ? "eval(input);\n" : ""}`);
    repo.commit("feature");
    const pull = pullRequestFrom(repo, "HEAD~1", "HEAD");
    await boot(pull);
    await opened(pull);
    const reads = github.count({ kind: "read" });
    const writes = github.count({ kind: "write" });
    expect(github.comments).toHaveLength(5);
    expect(reads).toBeLessThanOrEqual(5 + Math.ceil(50 / 100));
    expect(writes).toBeLessThanOrEqual(3 + Math.ceil(5 / 50));
  });
});
