import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { detectSecrets, SecretPatternSet } from "../secrets/detect.js";
import { generateFake, seededRandom } from "../secrets/fake.js";
import { loadSecretPatterns } from "../secrets/load-patterns.js";
import { javascriptModule, pythonModule, Random } from "./generate-corpus.js";
import {
  diffguardDetector,
  f1,
  type LabeledCase,
  loadSecretsCorpus,
  precision,
  recall,
  scoreCorpus,
} from "./secrets-corpus.js";

const SECRETLINT_CONFIG = {
  rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }],
};

async function secretlintMessages(path: string, content: string): Promise<number> {
  const result = await lintSource({
    source: { filePath: `/bench/${path}`, content, contentType: "text" },
    options: { config: SECRETLINT_CONFIG, maskSecrets: true },
  });
  return result.messages.length;
}

/** A repository-like tree: source modules and configuration files, with some planted fake secrets. */
function generatedTree(patterns: ReturnType<typeof loadSecretPatterns>): { path: string; content: string }[] {
  const r = new Random(99);
  const random = seededRandom(99);
  const files: { path: string; content: string }[] = [];
  const fake = () => {
    const pattern = patterns[r.int(patterns.length)] as (typeof patterns)[0];
    const text = generateFake(pattern.fake, random).text;
    return /["'\n\\]/.test(text) ? generateFake("sk_live_{alnum:32}", random).text : text;
  };
  for (let i = 0; i < 1_500; i++) {
    const kind = i % 10;
    const planted = r.chance(0.05);
    let content: string;
    let path: string;
    if (kind < 4) {
      path = `src/mod${i}.js`;
      content = javascriptModule(r, 80 + r.int(200), 0.05);
      if (planted) content += `export const apiToken = "${fake()}";\n`;
    } else if (kind < 7) {
      path = `app/mod${i}.py`;
      content = pythonModule(r, 80 + r.int(200), 0.05);
      if (planted) content += `API_TOKEN = "${fake()}"\n`;
    } else if (kind === 7) {
      path = `deploy/svc${i}.yaml`;
      content = Array.from({ length: 30 }, (_, j) => `  key_${j}: value-${r.int(1e6)}`).join("\n");
      if (planted) content += `\n  token: ${fake()}`;
      content = `service:\n${content}\n`;
    } else if (kind === 8) {
      path = `config/app${i}.json`;
      const entries = Array.from({ length: 25 }, (_, j) => `  "setting${j}": "${r.int(1e9)}"`);
      if (planted) entries.push(`  "apiKey": "${fake()}"`);
      content = `{\n${entries.join(",\n")}\n}\n`;
    } else {
      path = `env/.env.${i}`;
      content = Array.from({ length: 15 }, (_, j) => `SETTING_${j}=${r.int(1e6)}`).join("\n");
      if (planted) content += `\nSERVICE_TOKEN=${fake()}`;
      content += "\n";
    }
    files.push({ path, content });
  }
  return files;
}

function linear(set: SecretPatternSet): void {
  console.log("\n  Adversarial input (time per MB should stay flat as input grows):");
  const inputs: [string, (n: number) => string][] = [
    ["one letter", (n) => "a".repeat(n)],
    ["repeated keywords", (n) => "ghp_sk_live_AKIAxoxb-glpat-eyJ".repeat(Math.ceil(n / 30)).slice(0, n)],
    ["repeated URL prefixes", (n) => "postgres://a:".repeat(Math.ceil(n / 13)).slice(0, n)],
    ["repeated key blocks", (n) => "-----BEGIN RSA PRIVATE KEY-----\n".repeat(Math.ceil(n / 32)).slice(0, n)],
  ];
  for (const [name, make] of inputs) {
    const cells = [512 * 1024, 1024 * 1024, 2 * 1024 * 1024].map((size) => {
      const text = make(size);
      const t0 = performance.now();
      detectSecrets({ path: "blob.txt", source: text, rows: null }, set);
      const ms = performance.now() - t0;
      return `${(size / 1024 / 1024).toFixed(1)} MB ${ms.toFixed(0)} ms (${(ms / (size / 1024 / 1024)).toFixed(1)} ms/MB)`;
    });
    console.log(`    ${name.padEnd(22)} ${cells.join(", ")}`);
  }
}

/** Secret scanning against secretlint: speed on a generated tree, quality on the labeled corpus. */
export async function secretsBenchmark(): Promise<void> {
  const patterns = loadSecretPatterns();
  const set = new SecretPatternSet(patterns);
  const tree = generatedTree(patterns);
  const bytes = tree.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  console.log(`\nSecret scan against secretlint ${"(recommended preset)"}, same files, in process:`);
  console.log(
    `  generated tree: ${tree.length} files, ${(bytes / 1e6).toFixed(2)} MB (code, YAML, JSON, .env)`,
  );

  const runDiffguard = () => {
    let n = 0;
    const t0 = performance.now();
    for (const f of tree)
      n += detectSecrets({ path: f.path, source: f.content, rows: null }, set).findings.length;
    return { ms: performance.now() - t0, n };
  };
  const runSecretlint = async () => {
    let n = 0;
    const t0 = performance.now();
    for (const f of tree) n += await secretlintMessages(f.path, f.content);
    return { ms: performance.now() - t0, n };
  };
  runDiffguard();
  await runSecretlint();
  const ours = [runDiffguard(), runDiffguard(), runDiffguard()].sort((a, b) => a.ms - b.ms)[1] as {
    ms: number;
    n: number;
  };
  const theirs = [await runSecretlint(), await runSecretlint(), await runSecretlint()].sort(
    (a, b) => a.ms - b.ms,
  )[1] as {
    ms: number;
    n: number;
  };
  const mbps = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1);
  console.log(
    `  diffguard   ${ours.ms.toFixed(0).padStart(6)} ms  ${mbps(ours.ms).padStart(6)} MB/s  ${ours.n} findings`,
  );
  console.log(
    `  secretlint  ${theirs.ms.toFixed(0).padStart(6)} ms  ${mbps(theirs.ms).padStart(6)} MB/s  ${theirs.n} findings`,
  );
  const ratio = theirs.ms / ours.ms;
  console.log(`  diffguard is ${ratio.toFixed(1)}× faster (target ≥ 5×) ${ratio >= 5 ? "PASS" : "FAIL"}`);

  const cases = loadSecretsCorpus(patterns);
  const secretlintDetector = async (c: LabeledCase) =>
    (await secretlintMessages(c.path, c.content)) > 0 ? [c.kind] : [];
  const theirFound = new Map<LabeledCase, string[]>();
  for (const c of cases) theirFound.set(c, await secretlintDetector(c));
  const mine = scoreCorpus(cases, diffguardDetector(set)).total;
  const other = scoreCorpus(cases, (c) => theirFound.get(c) ?? []).total;
  console.log(`\n  Labeled corpus (${cases.length} cases, ${cases.filter((c) => !c.secret).length} traps):`);
  console.log("              precision  recall  F1     TP   FP   FN");
  for (const [name, s] of [
    ["diffguard", mine],
    ["secretlint", other],
  ] as const) {
    console.log(
      `  ${name.padEnd(11)} ${precision(s).toFixed(3).padStart(7)}  ${recall(s).toFixed(3).padStart(6)}  ${f1(s).toFixed(3)}  ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`,
    );
  }
  const better = precision(mine) >= precision(other) && recall(mine) > recall(other);
  console.log(`  higher precision and recall than secretlint: ${better ? "PASS" : "FAIL"}`);
  linear(set);
}
