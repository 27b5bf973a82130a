import type { Analysis } from "../engine.js";

/** The version of the JSON output's shape; bumped on any incompatible change. */
export const JSON_REPORT_VERSION = 1;

/** Machine-readable report: every finding with its fix, the skipped files, and the run's counters. */
export function toJson(analysis: Analysis, toolVersion: string): string {
  const report = {
    version: JSON_REPORT_VERSION,
    tool: { name: "diffguard", version: toolVersion },
    findings: analysis.findings,
    skipped: analysis.skipped,
    stats: { ...analysis.stats, durationMs: Math.round(analysis.stats.durationMs) },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
