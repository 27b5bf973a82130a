import type Parser from "tree-sitter";
import type { Tree } from "tree-sitter";

/** Rows closer than this are queried as one range, in lines. */
const RANGE_MERGE_GAP = 2;

/** 0-based rows → inclusive row ranges, sorted, joining rows closer than RANGE_MERGE_GAP. */
export function toRanges(rows: Iterable<number>): [number, number][] {
  const ranges: [number, number][] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && row <= last[1] + RANGE_MERGE_GAP) last[1] = Math.max(last[1], row);
    else ranges.push([row, row]);
  }
  return ranges;
}

/**
 * A query's matches over the given 0-based row ranges only (null: the whole tree), each match
 * once even when it spans two ranges. A match is found when any of its nodes touches a range.
 */
export function matchesOnRows(
  query: Parser.Query,
  tree: Tree,
  ranges: [number, number][] | null,
): Parser.QueryMatch[] {
  if (ranges === null) return query.matches(tree.rootNode);
  const seen = new Set<string>();
  const out: Parser.QueryMatch[] = [];
  for (const [from, to] of ranges) {
    const matches = query.matches(tree.rootNode, {
      startPosition: { row: from, column: 0 },
      endPosition: { row: to + 1, column: 0 },
    });
    for (const match of matches) {
      const key = `${match.pattern}:${match.captures.map((c) => `${c.node.startIndex}-${c.node.endIndex}`).join(",")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(match);
    }
  }
  return out;
}
