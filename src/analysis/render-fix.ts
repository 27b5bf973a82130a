import type { SyntaxNode } from "tree-sitter";
import type { Fix, Range } from "../findings/finding.js";

/** The 1-based range of a syntax node (columns in UTF-16 code units, end exclusive). */
export function rangeOf(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row + 1, column: node.startPosition.column + 1 },
    end: { line: node.endPosition.row + 1, column: node.endPosition.column + 1 },
  };
}

/** A markdown code span around `text`, fenced by more backticks than any run inside it. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Fills `{{capture}}` placeholders of a template with the captures' source text. With
 * `maxLength` (messages), each insertion is put on one line and shortened, and a placeholder
 * written as a code span (`` `{{x}}` ``) stays a valid code span whatever backticks the text holds.
 */
export function renderTemplate(
  template: string,
  captures: ReadonlyMap<string, SyntaxNode>,
  maxLength?: number,
): string {
  const textOf = (name: string) => {
    const text = captures.get(name)?.text ?? "";
    if (maxLength === undefined) return text;
    const oneLine = text.replace(/\s+/g, " ");
    return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
  };
  const spans =
    maxLength === undefined
      ? template
      : template.replace(/`\{\{\s*([\w-]+)\s*\}\}`/g, (_, name: string) => codeSpan(textOf(name)));
  return spans.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (_, name: string) => textOf(name));
}

/** Offsets (UTF-16) where each line of `source` starts. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Applies non-overlapping fixes to `source` and returns the new text. Overlapping fixes after
 * the first are left out, as a reviewer can accept only one of them.
 */
export function applyFixes(source: string, fixes: readonly Fix[]): string {
  const starts = lineStarts(source);
  const offset = (line: number, column: number) => (starts[line - 1] ?? source.length) + column - 1;
  const edits = fixes
    .map((f) => ({
      from: offset(f.range.start.line, f.range.start.column),
      to: offset(f.range.end.line, f.range.end.column),
      text: f.replacement,
    }))
    .sort((a, b) => a.from - b.from);
  let out = "";
  let cursor = 0;
  for (const edit of edits) {
    if (edit.from < cursor) continue;
    out += source.slice(cursor, edit.from) + edit.text;
    cursor = edit.to;
  }
  return out + source.slice(cursor);
}
