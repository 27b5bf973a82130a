import { createColors } from "picocolors";
import type { Analysis } from "../engine.js";
import { type Finding, SEVERITIES, type Severity } from "../findings/finding.js";
import { suggestion } from "./suggestion.js";

export interface TextOptions {
  color: boolean;
}

/** Lines of code shown under a finding; longer matches are cut. */
const MAX_SNIPPET_LINES = 6;

function severityColor(c: ReturnType<typeof createColors>, severity: Severity): (s: string) => string {
  if (severity === "critical" || severity === "high") return (s) => c.bold(c.red(s));
  if (severity === "medium") return c.yellow;
  return c.cyan;
}

function gutter(line: number, width: number): string {
  return `${String(line).padStart(width)} | `;
}

function formatFinding(f: Finding, c: ReturnType<typeof createColors>): string {
  const out: string[] = [];
  const where = `${f.path}:${f.range.start.line}:${f.range.start.column}`;
  out.push(`${c.bold(where)} ${severityColor(c, f.severity)(f.severity)} ${c.dim(f.ruleId)} ${f.message}`);
  const lines = f.snippet.split("\n");
  const width = String(f.range.start.line + lines.length).length;
  lines.slice(0, MAX_SNIPPET_LINES).forEach((text, i) => {
    out.push(c.dim(`  ${gutter(f.range.start.line + i, width)}`) + text);
  });
  if (lines.length > MAX_SNIPPET_LINES) out.push(c.dim(`  ${" ".repeat(width)} | …`));
  if (f.range.start.line === f.range.end.line) {
    const caretWidth = Math.max(1, f.range.end.column - f.range.start.column);
    out.push(
      c.dim(`  ${" ".repeat(width)} | `) +
        " ".repeat(f.range.start.column - 1) +
        severityColor(c, f.severity)("^".repeat(caretWidth)),
    );
  }
  const fix = suggestion(f);
  if (fix) {
    out.push(`  ${c.green("suggested fix:")}`);
    for (const line of f.snippet.split("\n")) out.push(c.red(`  - ${line}`));
    for (const line of fix.text.split("\n")) out.push(c.green(`  + ${line}`));
  }
  out.push(c.dim(`  ${f.cwe.join(", ")}${f.helpUri ? `  ${f.helpUri}` : ""}`));
  return out.join("\n");
}

/** Counts per severity, most severe first, e.g. "1 high, 2 medium". */
export function severityCounts(findings: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
}

/** Human-readable report: `file:line:col severity rule-id message`, the code, and the fix as a diff. */
export function toText(analysis: Analysis, options: TextOptions): string {
  const c = createColors(options.color);
  const { findings, skipped, stats } = analysis;
  const parts = findings.map((f) => formatFinding(f, c));
  for (const s of skipped) parts.push(c.dim(`skipped ${s.path}: ${s.reason}`));
  const files = `${stats.filesAnalysed} file${stats.filesAnalysed === 1 ? "" : "s"} analysed`;
  const summary =
    findings.length === 0
      ? `No findings (${files}, ${Math.round(stats.durationMs)} ms).`
      : `${findings.length} finding${findings.length === 1 ? "" : "s"} (${severityCounts(findings)}) — ${files}, ${Math.round(stats.durationMs)} ms.`;
  parts.push(c.bold(summary));
  return `${parts.join("\n\n")}\n`;
}
