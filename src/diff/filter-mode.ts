import type { Finding } from "../findings/finding.js";
import type { LineIndex } from "./line-index.js";

/**
 * Which findings of a changed file are reported:
 * - `added`: the finding's range touches a line the change added (the default);
 * - `file`: every finding in a changed file.
 */
export const FILTER_MODES = ["added", "file"] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

/** Keeps the findings that the filter mode reports; `index` is null when the whole file is new to the reader (`--all`). */
export function filterMode(findings: Finding[], index: LineIndex | null, mode: FilterMode): Finding[] {
  if (mode === "file" || index === null) return findings;
  return findings.filter((f) => index.touchesAdded(f.range.start.line, f.range.end.line));
}
