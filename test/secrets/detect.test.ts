import { crc32 } from "node:zlib";
import { describe, expect, test } from "@jest/globals";
import { applyFixes } from "../../src/analysis/render-fix.js";
import { base62, runCheck } from "../../src/secrets/checks.js";
import { envName } from "../../src/secrets/detect.js";
import { fakeSecret, seededRandom } from "../../src/secrets/fake.js";
import { isPlaceholder } from "../../src/secrets/placeholder.js";
import { redact } from "../../src/secrets/redact.js";
import { scanText } from "../support/secrets.js";

const random = seededRandom(42);
const stripe = () => fakeSecret("sk_live_{alnum:32}", random);
const token = () => fakeSecret("{alnum:12}{digits:4}{b64url:16}", random);
const ids = (path: string, source: string) => scanText(path, source).findings.map((f) => f.ruleId);

describe("placeholders are not secrets", () => {
  test.each([
    "YOUR_API_KEY",
    "your-token-here",
    "<token>",
    "xxxxxxxxxxxxxxxx",
    "changeme",
    "${API_KEY}",
    "{{ secret }}",
    "{{ .Values.password }}",
    "%(password)s",
    "$API_KEY",
    "***",
    "********",
    "REDACTED",
    "abcdefghijklmnop",
    "1234567890",
    "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
    "AKIAIOSFODNN7EXAMPLE",
    "password",
    "dummy-secret-value",
    "<insert-key>",
  ])("%s", (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  test("random values are not placeholders", () => {
    for (let i = 0; i < 50; i++) expect(isPlaceholder(token())).toBe(false);
  });
});

describe("generic secrets by name", () => {
  test.each([
    ["app.js", (v: string) => `const dbPassword = "${v}";`, "generic-password"],
    ["app.ts", (v: string) => `this.apiSecret = '${v}';`, "generic-secret"],
    ["app.js", (v: string) => `const config = { clientSecret: "${v}" };`, "generic-secret"],
    ["settings.py", (v: string) => `SECRET_KEY = "${v}"`, "generic-secret"],
    ["settings.py", (v: string) => `connect(host="db", password="${v}")`, "generic-password"],
    ["settings.py", (v: string) => `config["auth_token"] = "${v}"`, "generic-secret"],
    [".env", (v: string) => `API_TOKEN=${v}`, "generic-secret"],
    ["config.yml", (v: string) => `  db_password: ${v}`, "generic-password"],
    ["config.yaml", (v: string) => `  secret: "${v}"`, "generic-secret"],
    ["app.json", (v: string) => `  "apiKey": "${v}",`, "generic-secret"],
    ["app.toml", (v: string) => `secret_key = "${v}"`, "generic-secret"],
    ["app.properties", (v: string) => `spring.datasource.password=${v}`, "generic-password"],
    ["web.config", (v: string) => `  <password>${v}</password>`, "generic-password"],
    ["Dockerfile", (v: string) => `ENV API_TOKEN ${v}`, "generic-secret"],
    ["deploy.sh", (v: string) => `export DEPLOY_TOKEN="${v}"`, "generic-secret"],
    ["main.tf", (v: string) => `  master_password = "${v}"`, "generic-password"],
    ["k8s/secret.yaml", (v: string) => `  access_key: ${v}`, "generic-secret"],
    ["Main.java", (v: string) => `String apiKey = "${v}";`, "generic-secret"],
  ])("%s: %s", (path, line, id) => {
    expect(ids(path, `${line(token())}\n`)).toEqual([id]);
  });

  test.each([
    ["app.js", "const password = process.env.DB_PASSWORD;"],
    ["app.js", 'const apiKey = getKey("prod");'],
    ["app.js", "const token = `Bearer ${jwt}`;"],
    ["settings.py", 'password = os.environ["DB_PASSWORD"]'],
    ["settings.py", 'token = os.getenv("TOKEN")'],
    ["app.js", 'const passwordHash = "$2b$10$abcdefghijklmnopqrstuv";'],
    ["app.js", 'const tokenUrl = "https://auth.example.com/oauth/token";'],
    ["app.js", 'const passwordField = "user-password-input";'],
    ["settings.py", 'SECRET_KEY_NAME = "django-secret-key-name"'],
    ["app.js", 'const secret = "refresh_token";'],
    ["config.yml", "  password: ${DB_PASSWORD}"],
    ["config.yml", "  password: '{{ vault_db_password }}'"],
    [".env", "API_TOKEN="],
    ["app.json", '  "token": "b1e7c6a2-8e3f-4a5b-9c0d-1e2f3a4b5c6d",'],
    [
      "package-lock.json",
      '      "integrity": "sha512-abcDEF0123456789abcDEF0123456789abcDEF0123456789abcDEF0123==",',
    ],
    ["app.js", 'const publicKey = "pk_live_51H8abcDEFghiJKLmnoPQRstu";'],
    ["app.js", 'const tokenLength = "32";'],
    ["app.py", 'def check(password="not set"): pass'],
    ["notes.md", "Set the password in the settings page."],
  ])("not in %s: %s", (path, line) => {
    expect(ids(path, `${line}\n`)).toEqual([]);
  });
});

describe("provider formats", () => {
  test("a GitHub token with a wrong checksum is still reported, with low confidence", () => {
    const good = fakeSecret("ghp_{alnum:30}{crc32b62}", random);
    const bad = `${good.slice(0, -6)}${good.slice(-6) === "Zq9Xw2" ? "Zq9Xw3" : "Zq9Xw2"}`;
    const [ok] = scanText("a.txt", good).findings;
    const [low] = scanText("a.txt", bad).findings;
    expect(ok).toMatchObject({ ruleId: "github-pat-classic", confidence: "high", severity: "critical" });
    expect(low).toMatchObject({ ruleId: "github-pat-classic", confidence: "low" });
  });

  test("the GitHub checksum is CRC32 in base 62", () => {
    const body = "abcdefghijklmnopqrstuvwxyz0123";
    expect(runCheck("github-crc32", `ghp_${body}${base62(crc32(body), 6)}`)).toBe(true);
    expect(base62(0, 6)).toBe("000000");
    expect(base62(61, 2)).toBe("0z");
  });

  test("a JWT needs a JSON header with alg and a JSON payload", () => {
    const jwt = fakeSecret("{jwt}", random);
    expect(ids("a.txt", `token: ${jwt}\n`)).toEqual(["jwt-token"]);
    const notJwt = "eyJub3QiOiJqd3QifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl";
    expect(ids("a.txt", `token: ${notJwt}\n`)).toEqual([]);
  });

  test("a private key spanning many lines is one finding over the whole block", () => {
    const pem = fakeSecret("{pem:EC}", random);
    const { findings } = scanText("keys/server.key", `# key\n${pem}\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "private-key-pem",
      cwe: ["CWE-798", "CWE-321"],
      range: { start: { line: 2 }, end: { line: 11 } },
    });
    expect(findings[0]?.message).toContain("-----BEGIN EC PRIVATE KEY-----");
  });

  test("a private key inside a string with \\n escapes", () => {
    const pem = fakeSecret("{pem:}", random).replace(/\n/g, "\\n");
    expect(ids("config.js", `const key = "${pem}";\n`)).toEqual(["private-key-pem"]);
  });

  test("a private key whose body was elided is not reported", () => {
    expect(ids("README.md", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n")).toEqual(
      [],
    );
  });

  test("only the lines in scope are looked at, but a key touching them counts", async () => {
    const { detectSecrets } = await import("../../src/secrets/detect.js");
    const { patternSet } = await import("../support/secrets.js");
    const key = stripe();
    const source = `a = "${key}"\nb = 1\n`;
    expect(detectSecrets({ path: "x.txt", source, rows: [2] }, patternSet).findings).toEqual([]);
    expect(detectSecrets({ path: "x.txt", source, rows: [1] }, patternSet).findings).toHaveLength(1);
    const pem = fakeSecret("{pem:RSA}", random);
    const block = `${pem}\n`;
    expect(detectSecrets({ path: "k.pem", source: block, rows: [5] }, patternSet).findings).toHaveLength(1);
  });
});

describe("suppression", () => {
  test.each(["// diffguard:allow-secret", "# gitleaks:allow", "# pragma: allowlist secret"])(
    "inline marker %s",
    (marker) => {
      expect(ids("a.py", `KEY = "${stripe()}"  ${marker}\n`)).toEqual([]);
    },
  );

  test("config allowlist by regex and by fingerprint", () => {
    const key = stripe();
    const source = `KEY = "${key}"\n`;
    const [finding] = scanText("a.py", source).findings;
    expect(finding).toBeDefined();
    const byRegex = scanText("a.py", source, {
      allowRegexes: [/^sk_live_/],
      allowFingerprints: new Set(),
      testPaths: "lower",
    });
    expect(byRegex.findings).toEqual([]);
    const byPrint = scanText("a.py", source, {
      allowRegexes: [],
      allowFingerprints: new Set([finding?.fingerprint as string]),
      testPaths: "lower",
    });
    expect(byPrint.findings).toEqual([]);
  });

  test("test paths lower severity and confidence, or are skipped", () => {
    const source = `KEY = "${stripe()}"\n`;
    expect(scanText("tests/test_payments.py", source).findings[0]).toMatchObject({
      severity: "high",
      confidence: "low",
    });
    const skipped = scanText("src/__fixtures__/keys.js", source, {
      allowRegexes: [],
      allowFingerprints: new Set(),
      testPaths: "skip",
    });
    expect(skipped.findings).toEqual([]);
  });
});

describe("reporting", () => {
  test("the message names provider, kind and variable, shows the value redacted, and says to rotate", () => {
    const key = stripe();
    const [finding] = scanText("billing.js", `const stripeKey = "${key}";\n`).findings;
    expect(finding?.message).toBe(
      `Stripe live secret key in \`stripeKey\`: \`${key.slice(0, 4)}…\`. It is already in this branch's history: revoke it at https://dashboard.stripe.com/apikeys and use a new one; deleting the line does not undo the leak.`,
    );
    // Masked in place, so columns and fixes line up with the original line.
    expect(finding?.snippet).toBe(`const stripeKey = "${key.slice(0, 4)}…${"•".repeat(key.length - 5)}";`);
    expect(finding).toMatchObject({ kind: "secret", severity: "critical", cwe: ["CWE-798"] });
  });

  test("redaction shows at most a quarter of a short value", () => {
    expect(redact("abcdefghijklmnop")).toBe("abcd…");
    expect(redact("abcdefgh")).toBe("ab…");
  });

  test.each([
    ["stripeSecretKey", "STRIPE_SECRET_KEY"],
    ["this.apiKey", "API_KEY"],
    ['config["db_password"]', "DB_PASSWORD"],
    ["x", "FALLBACK"],
    [undefined, "FALLBACK"],
  ])("environment name from %s", (name, env) => {
    expect(envName(name, "FALLBACK")).toBe(env);
  });
});

describe("fixes read the secret from the environment", () => {
  function fixed(path: string, source: string): string | undefined {
    const [finding] = scanText(path, source).findings;
    return finding?.fix ? applyFixes(source, [finding.fix]) : undefined;
  }

  test("JavaScript and TypeScript: process.env", () => {
    expect(fixed("a.js", `const stripeKey = "${stripe()}";\n`)).toBe(
      "const stripeKey = process.env.STRIPE_KEY;\n",
    );
    expect(fixed("a.ts", `const client = new Stripe('${stripe()}');\n`)).toBe(
      "const client = new Stripe(process.env.STRIPE_SECRET_KEY);\n",
    );
  });

  test("Python: os.environ when os is imported, no fix otherwise", () => {
    expect(fixed("a.py", `import os\nAPI_SECRET = "${token()}"\n`)).toBe(
      'import os\nAPI_SECRET = os.environ["API_SECRET"]\n',
    );
    expect(fixed("a.py", `API_SECRET = "${token()}"\n`)).toBeUndefined();
  });

  test("YAML: a variable, or a repository secret in a workflow", () => {
    expect(fixed("docker-compose.yml", `    api_token: ${token()}\n`)).toBe("    api_token: ${API_TOKEN}\n");
    expect(fixed(".github/workflows/ci.yml", `        api_token: "${token()}"\n`)).toBe(
      '        api_token: "${{ secrets.API_TOKEN }}"\n',
    );
  });

  test("no fix where none is safe (.env files hold secrets by design)", () => {
    expect(fixed(".env", `API_TOKEN=${token()}\n`)).toBeUndefined();
  });
});

describe("real-world look-alikes from package documentation", () => {
  test.each([
    ["README.md", 'clientSecret: "1234567890abcdef1234567890abcdef12345678",'],
    ["README.md", 'const auth = createTokenAuth("ghp_PersonalAccessToken01245678900000000");'],
    ["README.md", 'access_token: "existingToken123",'],
    ["README.md", '"token": "usertoken123",'],
  ])("%s: %s", (path, line) => {
    expect(ids(path, `${line}\n`)).toEqual([]);
  });
});
