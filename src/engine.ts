import picomatch from "picomatch";
import type { Logger } from "pino";
import { detectLanguage } from "./analysis/languages.js";
import { NativeMemory } from "./analysis/native-memory.js";
import { parseFile } from "./analysis/parse-file.js";
import type { RuleSet } from "./analysis/run-rules.js";
import { runRules } from "./analysis/run-rules.js";
import { isBinary, skipByContent, skipByPath } from "./analysis/skip-file.js";
import type { Config } from "./config/schema.js";
import { filterMode } from "./diff/filter-mode.js";
import { LineIndex } from "./diff/line-index.js";
import type { FileStatus, Hunk } from "./diff/parse-diff.js";
import type { Finding, Skip } from "./findings/finding.js";
import { severityRank } from "./findings/finding.js";

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
  durationMs: number;
}

export interface Analysis {
  findings: Finding[];
  skipped: Skip[];
  stats: AnalysisStats;
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
  const { rules, config, readFile, log } = options;
  const started = performance.now();
  const stats: AnalysisStats = {
    filesChanged: changes.length,
    filesAnalysed: 0,
    filesUnsupported: 0,
    bytes: 0,
    lines: 0,
    parseMs: 0,
    rulesMs: 0,
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
    const byPath = config.skip_generated ? skipByPath(path) : null;
    if (byPath) {
      skip(path, byPath);
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
      const language = detectLanguage(path, source.slice(0, source.indexOf("\n") >>> 0));
      if (!language || !config.languages.includes(language)) {
        stats.filesUnsupported++;
        continue;
      }
      const byContent = config.skip_generated ? skipByContent(source) : null;
      if (byContent) {
        skip(path, byContent);
        continue;
      }
      const t0 = performance.now();
      const tree = parseFile(source, language, config.parse_timeout_ms);
      const t1 = performance.now();
      const rows = config.filter === "added" && lineIndex ? lineIndex.addedLines() : undefined;
      const fileFindings = runRules(tree, source, language, path, rules, rows);
      stats.parseMs += t1 - t0;
      stats.rulesMs += performance.now() - t1;
      stats.filesAnalysed++;
      stats.bytes += size;
      stats.lines += countLines(source);
      await memory.parsed(source.length);
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
