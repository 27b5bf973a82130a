import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { detectLanguage } from "../analysis/languages.js";
import { parseFile } from "../analysis/parse-file.js";
import type { Finding } from "../findings/finding.js";
import { detectSecrets, GENERIC_PASSWORD_ID, type SecretPatternSet } from "../secrets/detect.js";
import { generateFake, seededRandom } from "../secrets/fake.js";
import type { SecretPattern } from "../secrets/load-patterns.js";

/** The hand-written labeled cases. */
export const CORPUS_FILE = fileURLToPath(new URL("../../test/corpus/secrets/cases.yml", import.meta.url));

/** One labeled file: its path and content, whether it holds a secret, and which kind. */
export interface LabeledCase {
  path: string;
  content: string;
  secret: boolean;
  /** The kind of secret the case holds (positives) or imitates (traps, when known). */
  kind: string;
  /** Random parts of generated secrets: what must never be printed. */
  parts: string[];
  origin: "hand-written" | "generated";
}

interface RawCase {
  path: string;
  text: string;
  secret: boolean;
  kind?: string;
  why?: string;
  escape_newlines?: boolean;
}

/** Files a generated secret of each format is put in, in turn. */
const CONTEXTS: { path: string; line: (env: string, secret: string) => string }[] = [
  {
    path: "src/config.js",
    line: (env, s) =>
      `export const ${env.toLowerCase().replace(/_(.)/g, (_, c: string) => c.toUpperCase())} = "${s}";`,
  },
  { path: "app/settings.py", line: (env, s) => `${env} = "${s}"` },
  { path: ".env.production", line: (env, s) => `${env}=${s}` },
  { path: "deploy/values.yaml", line: (env, s) => `  ${env.toLowerCase()}: ${s}` },
  { path: "scripts/run.sh", line: (env, s) => `export ${env}='${s}'` },
  { path: "config/app.json", line: (env, s) => `  "${env.toLowerCase()}": "${s}",` },
];

/** Loads the labeled corpus, generating every fake secret with a fixed seed. */
export function loadSecretsCorpus(patterns: readonly SecretPattern[]): LabeledCase[] {
  const random = seededRandom(20261127);
  const byId = new Map(patterns.map((p) => [p.id, p]));
  const raw = parseYaml(readFileSync(CORPUS_FILE, "utf8")) as RawCase[];
  const cases: LabeledCase[] = raw.map((c) => {
    const parts: string[] = [];
    let kind = c.kind;
    let content = c.text.replace(/\{\{(fake|gen):(.+?)\}\}(?!\})/g, (_, type: string, arg: string) => {
      const template = type === "fake" ? byId.get(arg)?.fake : arg;
      if (!template) throw new Error(`corpus: unknown secret format ${arg}`);
      if (type === "fake") kind ??= byId.get(arg)?.kind;
      const fake = generateFake(template, random);
      parts.push(...fake.parts);
      return fake.text;
    });
    if (c.escape_newlines) content = content.replace(/\n/g, "\\n");
    return {
      path: c.path,
      content: `${content}\n`,
      secret: c.secret,
      kind: kind ?? "other",
      parts,
      origin: "hand-written",
    };
  });
  patterns.forEach((pattern, i) => {
    const fake = generateFake(pattern.fake, random);
    const fits = !/["'\n\\]/.test(fake.text);
    const context = CONTEXTS[i % CONTEXTS.length] as (typeof CONTEXTS)[0];
    cases.push({
      path: fits ? context.path : `keys/${pattern.id}.txt`,
      content: `${fits ? context.line(pattern.env, fake.text) : fake.text}\n`,
      secret: true,
      kind: pattern.kind,
      parts: fake.parts,
      origin: "generated",
    });
  });
  return cases;
}

/** Counts of one kind of secret. */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

export function precision(s: Score): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
}

export function recall(s: Score): number {
  return s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
}

export function f1(s: Score): number {
  const p = precision(s);
  const r = recall(s);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** What a detector reports for one file: the kinds of the secrets it found. */
export type Detector = (c: LabeledCase) => string[];

/** Scores a detector on the corpus: per kind and overall; misses and false alarms listed for reading. */
export function scoreCorpus(cases: readonly LabeledCase[], detect: Detector) {
  const perKind = new Map<string, Score>();
  const total: Score = { tp: 0, fp: 0, fn: 0 };
  const misses: LabeledCase[] = [];
  const falseAlarms: { case: LabeledCase; kinds: string[] }[] = [];
  const bump = (kind: string, field: keyof Score) => {
    const s = perKind.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
    s[field]++;
    perKind.set(kind, s);
    total[field]++;
  };
  for (const c of cases) {
    const kinds = detect(c);
    if (c.secret) {
      if (kinds.length > 0) bump(c.kind, "tp");
      else {
        bump(c.kind, "fn");
        misses.push(c);
      }
    } else if (kinds.length > 0) {
      for (const k of new Set(kinds)) bump(k, "fp");
      falseAlarms.push({ case: c, kinds });
    }
  }
  return { perKind, total, misses, falseAlarms };
}

/** diffguard's secret detector as a corpus detector: whole file, kinds of its findings. */
export function diffguardDetector(set: SecretPatternSet): Detector {
  const kindOf = new Map(set.patterns.map((p) => [p.id, p.kind as string]));
  return (c) => {
    const language = detectLanguage(c.path);
    const tree = language ? parseFile(c.content, language) : undefined;
    const { findings } = detectSecrets(
      { path: c.path, source: c.content, rows: null, ...(tree && language ? { tree, language } : {}) },
      set,
      { allowRegexes: [], allowFingerprints: new Set(), testPaths: "report" },
    );
    return findings.map(
      (f: Finding) => kindOf.get(f.ruleId) ?? (f.ruleId === GENERIC_PASSWORD_ID ? "password" : "secret-key"),
    );
  };
}
