import { applyFixes } from "../analysis/render-fix.js";
import type { Finding } from "../findings/finding.js";

/** The new text of whole lines `[startLine, endLine]` once a finding's fix is applied. */
export interface LineSuggestion {
  startLine: number;
  endLine: number;
  /** Replacement for those lines, without a final newline. */
  text: string;
}

/**
 * The fix of a finding as a replacement of the finding's whole lines, or null when the finding
 * has no fix, the fix reaches outside the finding's lines, or it would change nothing.
 */
export function suggestion(finding: Finding): LineSuggestion | null {
  const { fix, range, snippet } = finding;
  if (!fix) return null;
  if (fix.range.start.line < range.start.line || fix.range.end.line > range.end.line) return null;
  const shift = range.start.line - 1;
  const text = applyFixes(snippet, [
    {
      range: {
        start: { line: fix.range.start.line - shift, column: fix.range.start.column },
        end: { line: fix.range.end.line - shift, column: fix.range.end.column },
      },
      replacement: fix.replacement,
    },
  ]);
  if (text === snippet) return null;
  return { startLine: range.start.line, endLine: range.end.line, text };
}
