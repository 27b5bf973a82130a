import { rmSync } from "node:fs";
import { pino } from "pino";
import Parser from "tree-sitter";
import { grammarFor, type Language } from "../analysis/languages.js";
import { loadRules } from "../analysis/rules/load-rules.js";
import { RuleSet } from "../analysis/run-rules.js";
import { main } from "../cli/main.js";
import { DEFAULT_CONFIG } from "../config/schema.js";
import { GitRepo } from "../demo/git-repo.js";
import { analyze, type FileChange } from "../engine.js";
import { toSarif } from "../report/sarif.js";
import { SecretPatternSet } from "../secrets/detect.js";
import { loadSecretPatterns } from "../secrets/load-patterns.js";
import { appBenchmark } from "./app-bench.js";
import { javascriptModule, pythonModule, Random } from "./generate-corpus.js";
import { secretsBenchmark } from "./secrets-bench.js";

/** Lines of each language in the throughput corpus (the target is at least 50,000 each). */
const CORPUS_LINES_PER_LANGUAGE = 60_000;
const LINES_PER_FILE = 240;
const RUNS = 3;
const log = pino({ level: "silent" });

interface CorpusFile {
  path: string;
  language: Language;
  source: string;
}

function buildCorpus(): CorpusFile[] {
  const r = new Random(20261127);
  const files: CorpusFile[] = [];
  for (let i = 0; i * LINES_PER_FILE < CORPUS_LINES_PER_LANGUAGE; i++) {
    files.push({
      path: `web/module${i}.js`,
      language: "javascript",
      source: javascriptModule(r, LINES_PER_FILE, 0.08),
    });
    files.push({
      path: `svc/module${i}.py`,
      language: "python",
      source: pythonModule(r, LINES_PER_FILE, 0.08),
    });
  }
  return files;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function rssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function engineRun(files: CorpusFile[], rules: RuleSet, secrets: SecretPatternSet) {
  const byPath = new Map(files.map((f) => [f.path, f.source]));
  const changes: FileChange[] = files.map((f) => ({ path: f.path, status: "added", hunks: null }));
  const t0 = performance.now();
  const analysis = await analyze(changes, {
    rules,
    secrets,
    config: { ...DEFAULT_CONFIG, filter: "file" },
    readFile: async (path) => byPath.get(path) ?? null,
    log,
  });
  const t1 = performance.now();
  const sarif = JSON.stringify(toSarif(analysis.findings, { toolVersion: "bench", rules: rules.rules }));
  const t2 = performance.now();
  return { analysis, totalMs: t2 - t0, reportMs: t2 - t1, sarifBytes: sarif.length };
}

function rawParse(files: CorpusFile[]): number {
  const parsers = new Map<Language, Parser>();
  const t0 = performance.now();
  for (const f of files) {
    let parser = parsers.get(f.language);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(grammarFor(f.language));
      parsers.set(f.language, parser);
    }
    parser.parse(f.source, null, { bufferSize: f.source.length + 1 });
  }
  return performance.now() - t0;
}

async function throughput(): Promise<void> {
  const files = buildCorpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.source), 0);
  const lines = files.reduce((n, f) => n + f.source.split("\n").length - 1, 0);
  const jsLines = files
    .filter((f) => f.language === "javascript")
    .reduce((n, f) => n + f.source.split("\n").length - 1, 0);
  const rules = new RuleSet(loadRules());
  const secrets = new SecretPatternSet(loadSecretPatterns());
  console.log(
    `Corpus: ${files.length} files, ${lines.toLocaleString("en-US")} lines (${jsLines.toLocaleString("en-US")} JavaScript, ${(lines - jsLines).toLocaleString("en-US")} Python), ${fmt(bytes / 1e6, 2)} MB; ${rules.rules.length} rules`,
  );

  await engineRun(files.slice(0, 4), rules, secrets);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await engineRun(files, rules, secrets));
  const engineRss = rssMb();
  const best = runs.sort((a, b) => a.totalMs - b.totalMs)[Math.floor(RUNS / 2)] as (typeof runs)[0];
  const engineMs = best.totalMs;
  const { stats, findings } = best.analysis;

  rawParse(files.slice(0, 4));
  const rawRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    rawRuns.push(rawParse(files));
    // Let the trees of this run go before the next (see analysis/native-memory.ts).
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rawMs = median(rawRuns);

  const row = (label: string, ms: number) =>
    `  ${label.padEnd(36)} ${fmt(ms, 0).padStart(7)} ms  ${fmt(files.length / (ms / 1000), 0).padStart(7)} files/s  ${fmt(lines / (ms / 1000), 0).padStart(9)} lines/s  ${fmt(bytes / 1e6 / (ms / 1000), 2).padStart(6)} MB/s`;
  console.log(`\nEngine throughput (median of ${RUNS} runs, whole files, SAST and secrets):`);
  console.log(row("engine (parse+rules+secrets+report)", engineMs));
  console.log(row("raw tree-sitter parse", rawMs));
  console.log(
    `  split: parse ${fmt(stats.parseMs, 0)} ms, rules ${fmt(stats.rulesMs, 0)} ms, secrets ${fmt(stats.secretsMs, 0)} ms, report ${fmt(best.reportMs, 0)} ms, other ${fmt(engineMs - stats.parseMs - stats.rulesMs - stats.secretsMs - best.reportMs, 0)} ms`,
  );
  console.log(`  findings: ${findings.length}; SARIF ${fmt(best.sarifBytes / 1e3, 0)} kB`);
  const ratio = rawMs / engineMs;
  console.log(
    `  engine / raw parse throughput: ${fmt(ratio, 2)} (target ≥ 0.50) ${ratio >= 0.5 ? "PASS" : "FAIL"}`,
  );
  console.log(`  peak RSS: ${fmt(engineRss, 0)} MB (target < 400) ${engineRss < 400 ? "PASS" : "FAIL"}`);
}

/** A repository of `count` files on `main`, with a branch that changes one line of one file. */
function repoWithOneLineChange(count: number): string {
  const repo = new GitRepo();
  const r = new Random(count);
  for (let i = 0; i < count; i++) {
    const py = i % 2 === 1;
    repo.write(
      `pkg${i % 50}/mod${i}.${py ? "py" : "js"}`,
      py ? pythonModule(r, 60, 0.05) : javascriptModule(r, 60, 0.05),
    );
  }
  repo.commit("base");
  repo.git("checkout", "--quiet", "-b", "change");
  const source = javascriptModule(new Random(0), 60, 0);
  repo
    .write("pkg0/mod0.js", source.replace("\n\n", "\nconst result = eval(req.query.expr);\n\n"))
    .commit("one line");
  return repo.dir;
}

async function scanMs(dir: string): Promise<{ ms: number; findings: number }> {
  let out = "";
  const t0 = performance.now();
  await main(["scan", "--format", "json", "--fail-on", "none"], {
    cwd: dir,
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    color: false,
  });
  const ms = performance.now() - t0;
  return { ms, findings: (JSON.parse(out) as { findings: unknown[] }).findings.length };
}

async function scaling(): Promise<void> {
  console.log(
    "\nCost follows the change, not the repository (`diffguard scan` of one added line, median of 5):",
  );
  const results: number[] = [];
  for (const count of [1_000, 10_000]) {
    const dir = repoWithOneLineChange(count);
    try {
      await scanMs(dir);
      const runs = [];
      let findings = 0;
      for (let i = 0; i < 5; i++) {
        const run = await scanMs(dir);
        runs.push(run.ms);
        findings = run.findings;
      }
      const ms = median(runs);
      results.push(ms);
      console.log(
        `  ${count.toLocaleString("en-US").padStart(6)} files: ${fmt(ms, 0).padStart(5)} ms, ${findings} finding`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [small, large] = results as [number, number];
  console.log(
    `  10× the files costs ${fmt(large / small, 2)}× the time (the scan itself reads and parses one file)`,
  );
}

await throughput();
await secretsBenchmark();
await scaling();
await appBenchmark();
