import type { Hunk } from "./parse-diff.js";

/** What a new-side line is in a diff: added by it, or shown as unchanged context. */
export type LineState = "added" | "context";

/**
 * For one file: new-side line (1-based) → whether the diff added it or shows it as context,
 * and which hunk it belongs to. Lines absent from the map are not in the diff at all.
 */
export class LineIndex {
  private readonly lines = new Map<number, { state: LineState; hunk: number }>();

  constructor(hunks: readonly Hunk[]) {
    hunks.forEach((hunk, hunkIndex) => {
      for (const line of hunk.lines) {
        if (line.newLine === undefined) continue;
        this.lines.set(line.newLine, { state: line.kind === "add" ? "added" : "context", hunk: hunkIndex });
      }
    });
  }

  /** The state of a new-side line, or undefined when the diff does not show it. */
  stateOf(line: number): LineState | undefined {
    return this.lines.get(line)?.state;
  }

  /** True when any line in `[start, end]` (1-based, inclusive) was added. */
  touchesAdded(start: number, end: number): boolean {
    for (let line = start; line <= end; line++) if (this.lines.get(line)?.state === "added") return true;
    return false;
  }

  /** True when every line in `[start, end]` is shown by the diff, all in one hunk. */
  inOneHunk(start: number, end: number): boolean {
    const first = this.lines.get(start);
    if (!first) return false;
    for (let line = start + 1; line <= end; line++)
      if (this.lines.get(line)?.hunk !== first.hunk) return false;
    return true;
  }

  /** The added new-side lines, ascending. */
  addedLines(): number[] {
    return [...this.lines.entries()]
      .filter(([, v]) => v.state === "added")
      .map(([line]) => line)
      .sort((a, b) => a - b);
  }
}
