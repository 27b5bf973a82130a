import type { SyntaxNode, Tree } from "tree-sitter";
import { bindingName } from "../analysis/dataflow/binding-name.js";
import type { Language } from "../analysis/languages.js";
import { parseFile } from "../analysis/parse-file.js";
import { applyFixes, rangeOf } from "../analysis/render-fix.js";
import type { Confidence, Finding, Fix, Range, Severity } from "../findings/finding.js";
import { SEVERITIES } from "../findings/finding.js";
import { fingerprint } from "../findings/fingerprint.js";
import { runCheck } from "./checks.js";
import { shannonEntropy } from "./entropy.js";
import {
  isPasswordName,
  isSecretName,
  judgeValue,
  lastNamePart,
  type NamedValue,
  namedValuesFromLines,
  namedValuesFromTree,
} from "./generic.js";
import { KeywordIndex, type LineWords } from "./keyword-index.js";
import type { SecretPattern } from "./load-patterns.js";
import { isPlaceholder } from "./placeholder.js";
import { maskIn, redact } from "./redact.js";

/** Comments that tell every secret scanner to leave a line alone. */
const ALLOW_MARKERS = /diffguard:allow-secret|gitleaks:allow|pragma:\s*allowlist[ -]secret/i;

/** Paths of tests, fixtures and examples, where a secret is more likely a fake. */
const TEST_PATH =
  /(^|\/)(tests?|__tests__|spec|specs|fixtures?|__fixtures__|mocks?|__mocks__|testdata|examples?|samples?)\/|(^|\/)(test_[^/]*|[^/]*_test\.[a-z]+|[^/]*\.(test|spec)\.[a-z]+|conftest\.py)$/i;

/** A variable name that says it holds some credential (for naming a provider's secret). */
const CREDENTIAL_NAME = /key|token|secret|pass|pwd|auth|cred|dsn|webhook/i;

/** How far a private key's END line may be from its BEGIN line, in characters. */
const MAX_PEM_BLOCK = 20_000;

/** The generic detector's ids: a secret recognised by its name and its randomness. */
export const GENERIC_PASSWORD_ID = "generic-password";
export const GENERIC_SECRET_ID = "generic-secret";

/** What the secret detector is told by the configuration. */
export interface SecretOptions {
  /** Secret values (regular expressions) never reported. */
  allowRegexes: RegExp[];
  /** Fingerprints of findings accepted as harmless. */
  allowFingerprints: Set<string>;
  /** What to do in test and fixture paths: report lower, not at all, or as anywhere else. */
  testPaths: "lower" | "skip" | "report";
}

export const DEFAULT_SECRET_OPTIONS: SecretOptions = {
  allowRegexes: [],
  allowFingerprints: new Set(),
  testPaths: "lower",
};

/** The file to look at. */
export interface SecretScanInput {
  path: string;
  source: string;
  /** Lines (1-based) to look at; null for the whole file. */
  rows: readonly number[] | null;
  /** The parsed file, for JavaScript, TypeScript and Python. */
  tree?: Tree;
  language?: Language;
}

/** What the detector found: findings (redacted) and, for redacting other output of the same file, the raw values. */
export interface SecretScanResult {
  findings: Finding[];
  /** The secrets themselves; never written anywhere, only used to redact. */
  values: string[];
}

/** Words whose presence on a line makes it worth parsing for `name = value` secrets. */
const MENTION_WORDS = [
  "pass",
  "pwd",
  "secret",
  "token",
  "credential",
  ...["api", "access", "private", "auth", "signing", "encryption", "session", "master"].flatMap((w) => [
    `${w}key`,
    `${w}_key`,
    `${w}-key`,
    `${w}.key`,
  ]),
];

/** Patterns with their keywords merged into one pre-filter, with the generic detector's words. */
export class SecretPatternSet {
  /** Every keyword and mention word, found in one pass. */
  readonly index: KeywordIndex;
  private readonly byKeyword = new Map<string, SecretPattern[]>();
  private readonly mentionWords = new Set(MENTION_WORDS);
  private readonly ids: Map<string, SecretPattern>;
  /** Patterns of private key blocks, which span lines and are looked for in the whole file. */
  readonly blockPatterns: SecretPattern[];

  constructor(readonly patterns: readonly SecretPattern[]) {
    for (const p of patterns) {
      if (p.check === "pem-body") continue;
      for (const k of p.keywords) {
        const list = this.byKeyword.get(k) ?? [];
        list.push(p);
        this.byKeyword.set(k, list);
      }
    }
    this.blockPatterns = patterns.filter((p) => p.check === "pem-body");
    this.ids = new Map(patterns.map((p) => [p.id, p]));
    this.index = new KeywordIndex([...new Set([...this.byKeyword.keys(), ...MENTION_WORDS])]);
  }

  /** Patterns whose keyword is among `words`. */
  patternsFor(words: Iterable<string>): Set<SecretPattern> {
    const found = new Set<SecretPattern>();
    for (const w of words) {
      const list = this.byKeyword.get(w);
      if (list) for (const p of list) found.add(p);
    }
    return found;
  }

  /** The pattern with this id. */
  byId(id: string): SecretPattern | undefined {
    return this.ids.get(id);
  }

  /** True when any of `words` is a mention word of the generic detector. */
  mentions(words: Iterable<string>): boolean {
    for (const w of words) if (this.mentionWords.has(w)) return true;
    return false;
  }
}

/** Line starts of a text, to turn offsets into 1-based lines and 0-based columns; built on first use. */
class Lines {
  private computed: number[] | null = null;
  constructor(readonly text: string) {}
  get starts(): number[] {
    if (!this.computed) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.computed = starts;
    }
    return this.computed;
  }
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  columnOf(offset: number): number {
    return offset - (this.starts[this.lineOf(offset) - 1] as number);
  }
  /** The text of the line starting at `start`, without its line ending. */
  lineAt(start: number): string {
    const end = this.text.indexOf("\n", start);
    return this.text.slice(start, end < 0 ? this.text.length : end).replace(/\r$/, "");
  }
  line(n: number): string {
    const start = this.starts[n - 1];
    return start === undefined ? "" : this.lineAt(start);
  }
}

/** A secret found, before it becomes a finding. */
interface Hit {
  id: string;
  title: string;
  provider?: string;
  revoke?: string;
  kind: string;
  severity: Severity;
  confidence: Confidence;
  secret: string;
  /** Offset range of the secret in the source. */
  from: number;
  to: number;
  /** Last line the secret reaches (private keys span lines). */
  lastLine: number;
  name?: string;
  env: string;
  cwe: string[];
}

function lower(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)] as Severity;
}

/** An environment variable name from a variable or key name: `stripeKey` → `STRIPE_KEY`. */
export function envName(name: string | undefined, fallback: string): string {
  if (!name) return fallback;
  const snake = lastNamePart(name)
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  return /^[A-Z][A-Z0-9_]{2,}$/.test(snake) ? snake : fallback;
}

/** Finds where a key block starting at an offset ends; every END marker is located once per file. */
function pemEnds(source: string): (from: number) => number | null {
  let ends: number[] | null = null;
  return (from) => {
    if (!ends) {
      ends = [];
      for (let i = source.indexOf("-----END"); i >= 0; i = source.indexOf("-----END", i + 8)) ends.push(i);
    }
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    const end = ends[lo];
    if (end === undefined || end - from > MAX_PEM_BLOCK) return null;
    const close = source.indexOf("-----", end + 8);
    return close < 0 || close - end > 100 ? null : close + 5;
  };
}

/** Provider patterns, run only on the lines that hold one of their keywords. */
function providerHits(lines: Lines, set: SecretPatternSet, wordsByLine: LineWords): Hit[] {
  const hits: Hit[] = [];
  for (const [lineNo, { start: lineStart, words }] of wordsByLine) {
    const candidates = set.patternsFor(words);
    if (candidates.size === 0) continue;
    const text = lines.lineAt(lineStart);
    for (const pattern of candidates) {
      pattern.matcher.lastIndex = 0;
      for (let m = pattern.matcher.exec(text); m; m = pattern.matcher.exec(text)) {
        if (m[0].length === 0) {
          pattern.matcher.lastIndex++;
          continue;
        }
        const secret = m.groups?.secret ?? m[1] ?? m[0];
        const from = lineStart + m.index + m[0].lastIndexOf(secret);
        hits.push(hitOf(pattern, secret, from, from + secret.length, lineNo));
      }
    }
  }
  return hits;
}

/** Private key blocks anywhere in the file; in a diff, those with a line among `rows`. */
function blockHits(source: string, lines: Lines, set: SecretPatternSet, rows: Set<number> | null): Hit[] {
  if (!source.includes("-----BEGIN")) return [];
  const blockEnd = pemEnds(source);
  const hits: Hit[] = [];
  for (const pattern of set.blockPatterns) {
    pattern.matcher.lastIndex = 0;
    for (let m = pattern.matcher.exec(source); m; m = pattern.matcher.exec(source)) {
      const end = blockEnd(m.index);
      if (end === null) continue;
      const hit = hitOf(pattern, source.slice(m.index, end), m.index, end, lines.lineOf(end - 1));
      let inScope = rows === null;
      for (let l = lines.lineOf(hit.from); !inScope && l <= hit.lastLine; l++) inScope = rows?.has(l) ?? true;
      if (inScope) hits.push(hit);
    }
  }
  return hits;
}

function hitOf(pattern: SecretPattern, secret: string, from: number, to: number, lastLine: number): Hit {
  return {
    id: pattern.id,
    title: pattern.title,
    provider: pattern.provider,
    ...(pattern.revoke ? { revoke: pattern.revoke } : {}),
    kind: pattern.kind,
    severity: pattern.severity,
    confidence: pattern.confidence,
    secret,
    from,
    to,
    lastLine,
    env: pattern.env,
    cwe: pattern.kind === "private-key" ? ["CWE-798", "CWE-321"] : ["CWE-798"],
  };
}

function verifyProviderHit(hit: Hit, pattern: SecretPattern): Hit | null {
  if (pattern.check !== "pem-body" && isPlaceholder(hit.secret)) return null;
  if (pattern.allow.some((re) => re.test(hit.secret))) return null;
  if (pattern.entropy !== undefined && shannonEntropy(hit.secret) < pattern.entropy) return null;
  if (pattern.check && !runCheck(pattern.check, hit.secret)) {
    if (pattern.on_check_failure === "drop") return null;
    return { ...hit, confidence: "low" };
  }
  return hit;
}

function genericHits(input: SecretScanInput, lines: Lines, rows: LineWords): Hit[] {
  if (rows.size === 0) return [];
  const lineNumbers = [...rows.keys()];
  const values: NamedValue[] =
    input.tree && input.language
      ? namedValuesFromTree(input.tree, input.language, lineNumbers)
      : namedValuesFromLines(
          (n) => {
            const start = rows.get(n)?.start;
            return start === undefined ? undefined : lines.lineAt(start);
          },
          input.path,
          lineNumbers,
        );
  const hits: Hit[] = [];
  for (const v of values) {
    if (!isSecretName(lastNamePart(v.name))) continue;
    const verdict = judgeValue(v.name, v.value);
    if (!verdict) continue;
    const password = isPasswordName(v.name);
    const from = (rows.get(v.line)?.start ?? (lines.starts[v.line - 1] as number)) + v.start;
    hits.push({
      id: password ? GENERIC_PASSWORD_ID : GENERIC_SECRET_ID,
      title: password ? "Hard-coded password" : "Hard-coded secret",
      kind: password ? "password" : "secret-key",
      severity: password || verdict.confidence === "high" ? "high" : "medium",
      confidence: verdict.confidence,
      secret: v.value,
      from,
      to: from + v.value.length,
      lastLine: v.line,
      name: v.name,
      env: envName(v.name, password ? "PASSWORD" : "SECRET"),
      cwe: ["CWE-798"],
    });
  }
  return hits;
}

/** The string literal node whose content is exactly the secret, if the file was parsed. */
function stringNodeOf(tree: Tree | undefined, hit: Hit): SyntaxNode | null {
  if (!tree) return null;
  let node: SyntaxNode | null = tree.rootNode.descendantForIndex(hit.from, hit.to);
  while (node && node.type !== "string" && node.type !== "template_string") node = node.parent;
  if (!node) return null;
  const inner = node.text.replace(/^[rRbBuUfF]{0,2}("""|'''|"|'|`)/, "").replace(/("""|'''|"|'|`)$/, "");
  return inner === hit.secret ? node : null;
}

/** A fix that reads the secret from the environment instead, in the file's own syntax. */
function envFix(input: SecretScanInput, hit: Hit, lines: Lines, name: string): Fix | undefined {
  const { language, source, tree, path } = input;
  if (tree && language) {
    const node = stringNodeOf(tree, hit);
    if (!node) return undefined;
    let replacement: string;
    if (language === "python") {
      if (/^\s*import\s+os\b/m.test(source)) replacement = `os.environ["${name}"]`;
      else if (/^\s*from\s+os\s+import\s+[^\n]*\benviron\b/m.test(source)) replacement = `environ["${name}"]`;
      else return undefined;
    } else {
      replacement = `process.env.${name}`;
    }
    const fix = { range: rangeOf(node), replacement };
    // Verified like every fix: the result must parse as cleanly as the original.
    const fixed = parseFile(applyFixes(source, [fix]), language);
    return fixed.rootNode.hasError && !tree.rootNode.hasError ? undefined : fix;
  }
  const lineNo = lines.lineOf(hit.from);
  if (hit.lastLine !== lineNo) return undefined;
  const text = lines.line(lineNo);
  const col = lines.columnOf(hit.from);
  const before = text.slice(0, col);
  const after = text.slice(col + hit.secret.length);
  const quote = /["']$/.test(before) && after.startsWith(before.slice(-1)) ? 1 : 0;
  let replacement: string;
  if (/\.ya?ml$/i.test(path) && /:\s*["']?$/.test(before)) {
    replacement = /(^|\/)\.github\/workflows\//.test(path) ? `\${{ secrets.${name} }}` : `\${${name}}`;
    if (quote) replacement = `"${replacement}"`;
  } else if (/\.(sh|bash|zsh)$/i.test(path) && /=\s*["']?$/.test(before)) {
    replacement = `"\${${name}}"`;
  } else {
    return undefined;
  }
  const start = col - quote;
  const end = col + hit.secret.length + quote;
  return {
    range: { start: { line: lineNo, column: start + 1 }, end: { line: lineNo, column: end + 1 } },
    replacement,
  };
}

function overlaps(a: Hit, b: Hit): boolean {
  return a.from < b.to && b.from < a.to;
}

/**
 * Finds secrets on the given lines of any text file: provider formats first (keywords, then the
 * pattern, then its structural check and allow-lists), then values under secret-looking names.
 * Every finding carries the secret redacted, never whole.
 */
export function detectSecrets(
  input: SecretScanInput,
  set: SecretPatternSet,
  options: SecretOptions = DEFAULT_SECRET_OPTIONS,
): SecretScanResult {
  const { path, source } = input;
  const isTest = TEST_PATH.test(path);
  if (isTest && options.testPaths === "skip") return { findings: [], values: [] };
  const lines = new Lines(source);
  const rowSet = input.rows ? new Set(input.rows) : null;

  // One pass finds the lines worth a closer look: provider keywords and secret-like names.
  const wordsByLine = set.index.scan(source);
  if (rowSet) for (const line of wordsByLine.keys()) if (!rowSet.has(line)) wordsByLine.delete(line);
  let hits = [...providerHits(lines, set, wordsByLine), ...blockHits(source, lines, set, rowSet)];
  hits = hits.flatMap((h) => {
    const verified = verifyProviderHit(h, set.byId(h.id) as SecretPattern);
    return verified ? [verified] : [];
  });
  const mentionRows: LineWords = new Map();
  for (const [line, entry] of wordsByLine) if (set.mentions(entry.words)) mentionRows.set(line, entry);
  for (const g of genericHits(input, lines, mentionRows)) if (!hits.some((h) => overlaps(h, g))) hits.push(g);

  const findings: Finding[] = [];
  const values: string[] = [];
  const occurrences = new Map<string, number>();
  hits.sort((a, b) => a.from - b.from);
  for (const hit of hits) {
    const lineNo = lines.lineOf(hit.from);
    const lineText = lines.line(lineNo);
    if (
      ALLOW_MARKERS.test(lineText) ||
      (hit.lastLine !== lineNo && ALLOW_MARKERS.test(lines.line(hit.lastLine)))
    )
      continue;
    if (options.allowRegexes.some((re) => re.test(hit.secret))) continue;
    const node = input.tree ? stringNodeOf(input.tree, hit) : null;
    // A provider's secret is named after its variable only when that name is about a secret.
    const bound = node ? bindingName(node) : null;
    const name = hit.name ?? (bound && CREDENTIAL_NAME.test(lastNamePart(bound)) ? bound : undefined);
    // A private key is shown by its BEGIN line, which holds no key material.
    const shown =
      hit.kind === "private-key"
        ? (/^-----BEGIN [A-Z0-9 ]+-----/.exec(hit.secret)?.[0] ?? "-----BEGIN")
        : redact(hit.secret);
    const key = `${hit.id}\0${name ?? ""}\0${shown}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    const print = fingerprint(hit.id, path, `${name ?? ""}=${shown}`, n);
    if (options.allowFingerprints.has(print)) continue;
    let severity = hit.severity;
    let confidence = hit.confidence;
    if (isTest && options.testPaths === "lower") {
      severity = lower(severity);
      confidence = "low";
    }
    const col = lines.columnOf(hit.from);
    const range: Range = {
      start: { line: lineNo, column: col + 1 },
      end: { line: hit.lastLine, column: lines.columnOf(hit.to) + 1 },
    };
    const displayName =
      hit.provider && !hit.title.startsWith(hit.provider.split(" ")[0] as string)
        ? `${hit.title} (${hit.provider})`
        : hit.title;
    const where = name ? ` in \`${name}\`` : "";
    const revoke = hit.revoke ? `revoke it at ${hit.revoke}` : "revoke it where it was issued";
    const finding: Finding = {
      ruleId: hit.id,
      kind: "secret",
      severity,
      confidence,
      title: displayName,
      message: `${displayName}${where}: \`${shown}\`. It is already in this branch's history: ${revoke} and use a new one; deleting the line does not undo the leak.`,
      note: `Keep secrets out of the code: read them from the environment or a secret manager. If this value is not a secret, mark the line with \`diffguard:allow-secret\` or list its fingerprint under \`secrets.allowlist.fingerprints\`.`,
      cwe: hit.cwe,
      path,
      range,
      snippet: hit.kind === "private-key" ? redact(lineText) : maskIn(lineText, hit.secret),
      fingerprint: print,
    };
    const fix = envFix(input, hit, lines, envName(name, hit.env));
    if (fix) finding.fix = fix;
    findings.push(finding);
    values.push(hit.secret);
  }
  return { findings, values };
}
