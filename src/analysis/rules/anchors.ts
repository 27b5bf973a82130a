/**
 * Anchors: words that must appear in a file for a query pattern to match there. A pattern with an
 * `#eq?`, `#any-of?` or plain-alternation `#match?` predicate on a capture can only match where
 * one of those words is in the source, so the engine looks for the words first and runs the query
 * only around them (the prefilter semgrep and gitleaks use, derived here from the query itself).
 */

/** Splits a query into its top-level patterns, in the order tree-sitter numbers them. */
export function splitPatterns(query: string): string[] {
  const patterns: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (ch === ";") {
      const eol = query.indexOf("\n", i);
      i = eol < 0 ? query.length : eol;
      continue;
    }
    if (ch === '"') {
      for (i++; i < query.length && query[i] !== '"'; i++) if (query[i] === "\\") i++;
      continue;
    }
    if (ch === "(" || ch === "[") {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === ")" || ch === "]") {
      depth--;
      if (depth === 0) {
        // Quantifiers and captures after the closing bracket belong to the same pattern.
        let end = i + 1;
        while (end < query.length && /[\s?*+@\w.-]/.test(query[end] as string)) {
          if (query[end] === "(" || query[end] === "[") break;
          end++;
        }
        patterns.push(query.slice(start, end).trim());
        i = end - 1;
      }
    }
  }
  return patterns;
}

const PLAIN_WORD = /^[\w$]+$/;

/** The words a `#match?` regex accepts, when it is `^word$` or `^(w1|w2|...)$`; otherwise null. */
function alternationWords(regex: string): string[] | null {
  const m = /^\^\(?((?:[\w]|\\\$)+(?:\|(?:[\w]|\\\$)+)*)\)?\$$/.exec(regex);
  if (!m) return null;
  return (m[1] as string).split("|").map((w) => w.replace(/\\\$/g, "$"));
}

function stringsOf(args: string): string[] {
  return [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] as string).replace(/\\(.)/g, "$1"));
}

/**
 * For each pattern of a query, the words of which at least one must occur in a file for the
 * pattern to match, or null when the pattern has no such predicate. Of several predicates the
 * one with the longest shortest word is taken: longer words are rarer in source code.
 */
export function patternAnchors(query: string): (string[] | null)[] {
  return splitPatterns(query).map((pattern) => {
    let best: string[] | null = null;
    const score = (words: string[]) => Math.min(...words.map((w) => w.length));
    for (const m of pattern.matchAll(/\(#(eq|any-of|match)\?\s+@[\w-]+((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)/g)) {
      const [, op, args] = m as unknown as [string, string, string];
      const strings = stringsOf(args);
      const words = op === "match" ? alternationWords(strings[0] ?? "") : strings;
      if (!words || words.length === 0 || !words.every((w) => PLAIN_WORD.test(w))) continue;
      const better =
        !best || score(words) > score(best) || (score(words) === score(best) && words.length < best.length);
      if (better) best = words;
    }
    return best;
  });
}
