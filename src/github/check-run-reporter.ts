import type { Config } from "../config/schema.js";
import type { Finding, Severity } from "../findings/finding.js";
import { atLeast } from "../findings/finding.js";

/** GitHub accepts at most 50 annotations per check run create or update request. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** GitHub limits a check run's summary and text to 65,535 characters. */
export const MAX_SUMMARY_LENGTH = 65_535;

/** The one stable name of diffguard's check run, so branch protection can require it. */
export const CHECK_NAME = "diffguard";

/** The "Re-run" button on the check run. */
export const RERUN_ACTION = {
  label: "Re-run",
  description: "Review this pull request again",
  identifier: "rerun",
} as const;

export type Conclusion = "success" | "failure" | "neutral";

/** An annotation as the checks API takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
  raw_details?: string;
}

const LEVEL: Record<Severity, Annotation["annotation_level"]> = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice",
};

/** The check run annotation of a finding (columns only when it stays on one line, as GitHub requires). */
export function annotationOf(finding: Finding): Annotation {
  const { start, end } = finding.range;
  const annotation: Annotation = {
    path: finding.path,
    start_line: start.line,
    end_line: Math.max(start.line, end.column === 1 && end.line > start.line ? end.line - 1 : end.line),
    annotation_level: LEVEL[finding.severity],
    title: `${finding.title} (${finding.ruleId})`.slice(0, 255),
    message: `${finding.message} [${finding.cwe.join(", ")}]`.slice(0, 64_000),
  };
  if (annotation.start_line === annotation.end_line && end.column > start.column) {
    annotation.start_column = start.column;
    annotation.end_column = end.column;
  }
  return annotation;
}

/** The check's conclusion: failure at or above `fail_on`, neutral when nothing could be analysed, success otherwise. */
export function conclusionOf(
  findings: readonly Finding[],
  config: Pick<Config, "fail_on">,
  analysedAnything: boolean,
): Conclusion {
  const threshold = config.fail_on;
  if (threshold !== "none" && findings.some((f) => atLeast(f.severity, threshold))) return "failure";
  return analysedAnything ? "success" : "neutral";
}

/** Splits annotations into request-sized batches. */
export function batches<T>(items: readonly T[], size = MAX_ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A summary cut to GitHub's limit, saying so when it was cut. */
export function fitSummary(summary: string): string {
  if (summary.length <= MAX_SUMMARY_LENGTH) return summary;
  const note = "\n\n… (summary shortened to GitHub's limit)";
  return summary.slice(0, MAX_SUMMARY_LENGTH - note.length) + note;
}
