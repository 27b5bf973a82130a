import picomatch from "picomatch";
import type { Logger } from "pino";
import type { Tree } from "tree-sitter";
import { detectLanguage } from "./analysis/languages.js";
import { NativeMemory } from "./analysis/native-memory.js";
import { parseFile } from "./analysis/parse-file.js";
import { compileRegex } from "./analysis/rules/load-rules.js";
import type { RuleSet } from "./analysis/run-rules.js";
import { runRules } from "./analysis/run-rules.js";
import { isBinary, skipByContent, skipByPath } from "./analysis/skip-file.js";
import type { Config } from "./config/schema.js";
import { filterMode } from "./diff/filter-mode.js";
import { LineIndex } from "./diff/line-index.js";
import type { FileStatus, Hunk } from "./diff/parse-diff.js";
import type { Finding, Skip } from "./findings/finding.js";
import { severityRank } from "./findings/finding.js";
import { suppress } from "./findings/suppress.js";
import { detectSecrets, type SecretOptions, type SecretPatternSet } from "./secrets/detect.js";
import { maskIn, redactIn } from "./secrets/redact.js";

/** One file to analyse: a changed file of a diff, or a whole file. */
export interface FileChange {
  /** Repository-relative POSIX path of the file in the head revision. */
  path: string;
  oldPath?: string | null;
  status: FileStatus;
  binary?: boolean;
  /** The change's hunks; null to analyse the whole file as if every line were new. */
  hunks: Hunk[] | null;
}

/** Reads a file of the head revision; null when it does not exist there. */
export type ReadFile = (path: string) => Promise<Uint8Array | string | null>;

export interface AnalyzeOptions {
  rules: RuleSet;
  /** Secret formats; secrets are not looked for when absent. */
  secrets?: SecretPatternSet;
  config: Config;
  readFile: ReadFile;
  log: Logger;
}

/** Counters of one analysis run; times in milliseconds. */
export interface AnalysisStats {
  filesChanged: number;
  filesAnalysed: number;
  /** Changed files of a type no analyser reads. */
  filesUnsupported: number;
  bytes: number;
  lines: number;
  parseMs: number;
  rulesMs: number;
  secretsMs: number;
  durationMs: number;
}

export interface Analysis {
  findings: Finding[];
  skipped: Skip[];
  stats: AnalysisStats;
}

/** The text of a 1-based line, or "" past the end. */
function lineText(source: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = source.indexOf("\n", start);
    if (next < 0) return "";
    start = next + 1;
  }
  const end = source.indexOf("\n", start);
  return source.slice(start, end < 0 ? source.length : end);
}

function countLines(source: string): number {
  let lines = 1;
  for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) lines++;
  return lines;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    severityRank(a.severity) - severityRank(b.severity) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/**
 * The engine: for each changed file, reads the head version, parses it whole, runs the rules,
 * and keeps the findings that the filter mode reports. A problem with one file is recorded as a
 * skip with its reason and never stops the run.
 */
export async function analyze(changes: readonly FileChange[], options: AnalyzeOptions): Promise<Analysis> {
  const { rules, config, readFile, log, secrets } = options;
  const secretOptions: SecretOptions = {
    allowRegexes: config.secrets.allowlist.regexes.map(compileRegex),
    allowFingerprints: new Set(config.secrets.allowlist.fingerprints),
    testPaths: config.secrets.test_paths,
  };
  const secretPathAllowed = config.secrets.allowlist.paths.length
    ? picomatch(config.secrets.allowlist.paths, { dot: true })
    : () => false;
  const scanSecrets = !!secrets && config.secrets.enabled;
  const started = performance.now();
  const stats: AnalysisStats = {
    filesChanged: changes.length,
    filesAnalysed: 0,
    filesUnsupported: 0,
    bytes: 0,
    lines: 0,
    parseMs: 0,
    rulesMs: 0,
    secretsMs: 0,
    durationMs: 0,
  };
  const findings: Finding[] = [];
  const skipped: Skip[] = [];
  const include = config.paths.include.length ? picomatch(config.paths.include, { dot: true }) : () => true;
  const exclude = config.paths.exclude.length ? picomatch(config.paths.exclude, { dot: true }) : () => false;
  const disabled = new Set(config.rules.disable);
  const memory = new NativeMemory();
  const skip = (path: string, reason: string) => {
    skipped.push({ path, reason });
    log.debug({ path, reason }, "file skipped");
  };

  for (const change of changes) {
    const { path } = change;
    if (change.status === "deleted") continue;
    if (!include(path) || exclude(path)) {
      log.debug({ path }, "path excluded by configuration");
      continue;
    }
    if (change.binary) {
      skip(path, "binary file");
      continue;
    }
    const lineIndex = change.hunks ? new LineIndex(change.hunks) : null;
    if (config.filter === "added" && lineIndex && lineIndex.addedLines().length === 0) {
      log.debug({ path }, "no added lines");
      continue;
    }
    try {
      const content = await readFile(path);
      if (content === null) {
        skip(path, "file not found in the head revision");
        continue;
      }
      const size = typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
      if (size > config.max_file_size) {
        skip(path, `file is ${size} bytes, over the ${config.max_file_size}-byte limit (max_file_size)`);
        continue;
      }
      if (typeof content !== "string" && isBinary(content)) {
        skip(path, "binary file");
        continue;
      }
      const source = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
      const rows = config.filter === "added" && lineIndex ? lineIndex.addedLines() : null;
      const detected = detectLanguage(path, source.slice(0, source.indexOf("\n") >>> 0));
      const language = detected && config.languages.includes(detected) ? detected : undefined;
      const fileFindings: Finding[] = [];
      let tree: Tree | undefined;
      if (language) {
        const guard = config.skip_generated ? (skipByPath(path) ?? skipByContent(source)) : null;
        if (guard) {
          skip(path, guard);
        } else {
          const t0 = performance.now();
          tree = parseFile(source, language, config.parse_timeout_ms);
          const t1 = performance.now();
          const found = runRules(tree, source, language, path, rules, rows ?? undefined);
          fileFindings.push(...suppress(found, config.suppression_markers, (line) => lineText(source, line)));
          stats.parseMs += t1 - t0;
          stats.rulesMs += performance.now() - t1;
          stats.filesAnalysed++;
        }
      } else {
        stats.filesUnsupported++;
      }
      if (scanSecrets && !secretPathAllowed(path)) {
        const t0 = performance.now();
        const found = detectSecrets(
          { path, source, rows, ...(tree && language ? { tree, language } : {}) },
          secrets,
          secretOptions,
        );
        stats.secretsMs += performance.now() - t0;
        for (const f of fileFindings) {
          for (const value of found.values) {
            f.snippet = maskIn(f.snippet, value);
            f.message = redactIn(f.message, value);
          }
        }
        fileFindings.push(...found.findings);
      }
      stats.bytes += size;
      stats.lines += countLines(source);
      if (tree) await memory.parsed(source.length);
      for (const finding of filterMode(fileFindings, lineIndex, config.filter)) {
        if (disabled.has(finding.ruleId)) continue;
        finding.severity = config.rules.severity[finding.ruleId] ?? finding.severity;
        findings.push(finding);
      }
    } catch (error) {
      const message = (error as Error).message;
      skip(path, `analysis failed: ${message}`);
      log.warn({ path, err: error }, "file analysis failed");
    }
  }
  findings.sort(compareFindings);
  stats.durationMs = performance.now() - started;
  return { findings, skipped, stats };
}
