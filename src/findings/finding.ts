/** Severity of a finding, most severe first. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How sure a rule is that a match is a real problem. */
export const CONFIDENCES = ["high", "medium", "low"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A position in a file: 1-based line, 1-based column in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
}

/** A range in the new (head) version of a file; `end` is exclusive in the column. */
export interface Range {
  start: Position;
  end: Position;
}

/** A text edit that replaces `range` with `replacement`. */
export interface Fix {
  range: Range;
  replacement: string;
}

/** One problem found in one file. */
export interface Finding {
  ruleId: string;
  kind: "sast" | "secret" | "pipeline";
  severity: Severity;
  confidence: Confidence;
  /** One-line title of the rule. */
  title: string;
  message: string;
  /** Markdown shown under the message: why it matters and how to fix it. */
  note?: string;
  cwe: string[];
  owasp?: string[];
  helpUri?: string;
  /** Repository-relative POSIX path. */
  path: string;
  range: Range;
  /** The source lines of `range`; always redacted for secrets. */
  snippet: string;
  fix?: Fix;
  /** `v1:` + hash of rule, path, normalized match and occurrence; no line numbers. */
  fingerprint: string;
}

/** A file that was not analysed, and why. */
export interface Skip {
  path: string;
  reason: string;
}

/** Rank of a severity: 0 for critical, larger for less severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at least as severe as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

/** What reporters need to know of a rule (SAST rule or secret pattern) to describe it. */
export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  cwe: readonly string[];
  owasp?: readonly string[];
  note?: string;
  references?: readonly string[];
}
