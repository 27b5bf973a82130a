import { describe, expect, test } from "@jest/globals";
import { main } from "../../src/cli/main.js";
import { GitRepo } from "../../src/demo/git-repo.js";
import { generateFake, seededRandom } from "../../src/secrets/fake.js";
import { patterns, scanText } from "../support/secrets.js";

describe("adversarial input stays linear and finds nothing", () => {
  const keywordLine = patterns.flatMap((p) => p.keywords).join("a");
  test.each([
    ["1 MB of one letter", "a".repeat(1024 * 1024)],
    ["every keyword, repeated on one long line", keywordLine.repeat(Math.ceil(200_000 / keywordLine.length))],
    ["a long run of base64", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo+/".repeat(15_000)],
    ["repeated URL prefixes", "postgres://a:".repeat(40_000)],
    ["repeated key = value openers", 'api_key = "'.repeat(40_000)],
    ["repeated PEM headers", "-----BEGIN RSA PRIVATE KEY-----".repeat(10_000)],
  ])("%s", (_name, text) => {
    for (const path of ["blob.txt", "config.yml"]) {
      const { findings } = scanText(path, `${text}\n`);
      expect(findings.filter((f) => f.kind === "secret" && f.confidence !== "low")).toEqual([]);
    }
  });
});

describe("no output writes a secret whole", () => {
  test("text, JSON and SARIF reports and debug logs of a scan with secrets in many formats", async () => {
    const random = seededRandom(7);
    const pick = [
      "github-pat-classic",
      "stripe-live-secret-key",
      "aws-access-key-id",
      "slack-bot-token",
      "private-key-pem",
      "database-url-password",
    ];
    const fakes = pick.map((id) => generateFake(patterns.find((p) => p.id === id)?.fake as string, random));
    const generic = generateFake("{alnum:10}{digits:6}{b64url:12}", random);
    const repo = new GitRepo();
    try {
      repo.write("README.md", "# app\n").commit("base");
      repo.write(
        "src/config.js",
        `const githubToken = "${fakes[0]?.text}";\nconst stripeKey = '${fakes[1]?.text}';\n`,
      );
      repo.write(
        "settings.py",
        `import os\nAWS_ACCESS_KEY_ID = "${fakes[2]?.text}"\nDB_PASSWORD = "${generic.text}"\n`,
      );
      repo.write(".env", `SLACK_TOKEN=${fakes[3]?.text}\nDATABASE_URL=${fakes[5]?.text}\n`);
      repo.write("deploy/key.pem", `${fakes[4]?.text}\n`);
      repo.write("run.js", `const q = "${fakes[1]?.text}"; eval(q + input);\n`);
      const outputs: string[] = [];
      for (const format of ["text", "json", "sarif"]) {
        let out = "";
        let err = "";
        const code = await main(["scan", "--format", format, "--verbose"], {
          cwd: repo.dir,
          stdout: (t) => {
            out += t;
          },
          stderr: (t) => {
            err += t;
          },
          color: false,
        });
        expect(code).toBe(1);
        outputs.push(out, err);
      }
      const report = JSON.parse(outputs[2] as string);
      expect(report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
        "aws-access-key-id",
        "database-url-password",
        "generic-password",
        "github-pat-classic",
        "js-eval-non-literal",
        "private-key-pem",
        "slack-bot-token",
        "stripe-live-secret-key",
        "stripe-live-secret-key",
      ]);
      for (const output of outputs) {
        for (const { parts } of [...fakes, generic])
          for (const part of parts) expect(output).not.toContain(part.slice(4));
      }
    } finally {
      repo.remove();
    }
  });
});
