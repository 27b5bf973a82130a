import type { SyntaxNode, Tree } from "tree-sitter";
import Parser from "tree-sitter";
import type { Finding } from "../findings/finding.js";
import { fingerprint } from "../findings/fingerprint.js";
import { bindingName } from "./dataflow/binding-name.js";
import { isConstant, resolveValue } from "./dataflow/constants.js";
import { grammarFor, type Language } from "./languages.js";
import { matchesOnRows, toRanges } from "./query-rows.js";
import { rangeOf, renderTemplate } from "./render-fix.js";
import { patternAnchors } from "./rules/anchors.js";
import type { CompiledConstraint, Rule } from "./rules/load-rules.js";

/** Longest capture text inserted into a message, in characters. */
const MAX_MESSAGE_CAPTURE = 60;

/** The rules of one language merged into a single query, so a file's tree is walked once. */
interface LanguageMatcher {
  query: Parser.Query;
  /** Pattern index in `query` → the rule that pattern belongs to. */
  ruleOfPattern: Rule[];
  /**
   * Finds the words that some pattern needs (see rules/anchors.ts); null when a pattern has no
   * anchor, so the query must run over the whole file.
   */
  anchors: RegExp | null;
}

/** Rules ready to run: one merged query per language. */
export class RuleSet {
  private readonly matchers = new Map<Language, LanguageMatcher>();

  constructor(readonly rules: readonly Rule[]) {}

  /** The merged matcher for a language, built on first use; null when no rule covers it. */
  matcherFor(language: Language): LanguageMatcher | null {
    const cached = this.matchers.get(language);
    if (cached) return cached;
    const rules = this.rules.filter((r) => r.queries.has(language));
    if (rules.length === 0) return null;
    const ruleOfPattern: Rule[] = [];
    const words = new Set<string>();
    let anchored = true;
    for (const rule of rules) {
      const patterns = (rule.queries.get(language) as unknown as { predicates: unknown[] }).predicates.length;
      for (let i = 0; i < patterns; i++) ruleOfPattern.push(rule);
      const anchors = patternAnchors(rule.query);
      if (anchors.length !== patterns || anchors.some((a) => a === null)) anchored = false;
      for (const a of anchors) for (const w of a ?? []) words.add(w);
    }
    const query = new Parser.Query(grammarFor(language), rules.map((r) => r.query).join("\n"));
    const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/\$/g, "\\$"));
    const anchors = anchored ? new RegExp(`(?<![\\w$])(?:${alternatives.join("|")})(?![\\w$])`, "g") : null;
    const matcher = { query, ruleOfPattern, anchors };
    this.matchers.set(language, matcher);
    return matcher;
  }
}

function holds(c: CompiledConstraint, captures: ReadonlyMap<string, SyntaxNode>, source: string): boolean {
  if ("file_matches" in c) return (c.regex as RegExp).test(source);
  const node = captures.get(c.capture);
  if (!node) return false;
  if ("constant" in c) return isConstant(node) === c.constant;
  if ("matches" in c) return (c.regex as RegExp).test(resolveValue(node).text);
  if ("not_matches" in c) return !(c.regex as RegExp).test(resolveValue(node).text);
  const name = bindingName(node);
  return name !== null && (c.regex as RegExp).test(name);
}

/** The whole lines of `node` in the source, without line endings. */
function snippetOf(source: string, node: SyntaxNode): string {
  const from = source.lastIndexOf("\n", node.startIndex - 1) + 1;
  const next = source.indexOf("\n", Math.max(node.endIndex - 1, from));
  const to = next < 0 ? source.length : next;
  return source.slice(from, to).replace(/\r(?=\n|$)/g, "");
}

function contains(outer: Finding, inner: Finding): boolean {
  const a = outer.range;
  const b = inner.range;
  const before = (x: { line: number; column: number }, y: { line: number; column: number }) =>
    x.line < y.line || (x.line === y.line && x.column <= y.column);
  return before(a.start, b.start) && before(b.end, a.end);
}

/** 0-based rows where the matcher's anchor words occur; null when the matcher has no anchors. */
function anchorRows(matcher: LanguageMatcher, source: string): Set<number> | null {
  if (!matcher.anchors) return null;
  const rows = new Set<number>();
  let row = 0;
  let scanned = 0;
  matcher.anchors.lastIndex = 0;
  for (let m = matcher.anchors.exec(source); m; m = matcher.anchors.exec(source)) {
    for (let i = source.indexOf("\n", scanned); i >= 0 && i < m.index; i = source.indexOf("\n", i + 1)) {
      row++;
      scanned = i + 1;
    }
    rows.add(row);
  }
  return rows;
}

/**
 * Runs every rule for `language` over a parsed file and returns its findings, in source order.
 * With `rows` (1-based lines, such as the lines a change added), only matches that touch one of
 * those lines are looked for, so the cost follows the size of the change. A match nested inside
 * another match of the same rule is reported once, as the outer one.
 */
export function runRules(
  tree: Tree,
  source: string,
  language: Language,
  path: string,
  rules: RuleSet,
  rows?: readonly number[],
): Finding[] {
  const matcher = rules.matcherFor(language);
  if (!matcher) return [];
  const hits = anchorRows(matcher, source);
  if (hits?.size === 0 || rows?.length === 0) return [];
  const ranges = rows ? toRanges(rows.map((r) => r - 1)) : hits ? toRanges(hits) : null;
  const found: { finding: Finding; text: string }[] = [];
  for (const match of matchesOnRows(matcher.query, tree, ranges)) {
    const rule = matcher.ruleOfPattern[match.pattern];
    if (!rule) continue;
    const captures = new Map<string, SyntaxNode>();
    for (const capture of match.captures)
      if (!captures.has(capture.name)) captures.set(capture.name, capture.node);
    const reported = captures.get(rule.report);
    if (!reported) continue;
    if (!rule.where.every((c) => holds(c, captures, source))) continue;
    const range = rangeOf(reported);
    const fixNode = rule.fix ? captures.get(rule.fix.capture) : undefined;
    const finding: Finding = {
      ruleId: rule.id,
      kind: "sast",
      severity: rule.severity,
      confidence: rule.confidence,
      title: rule.title,
      message: renderTemplate(rule.message, captures, MAX_MESSAGE_CAPTURE),
      cwe: rule.cwe,
      path,
      range,
      snippet: snippetOf(source, reported),
      fingerprint: "",
    };
    if (rule.note) finding.note = rule.note;
    if (rule.owasp) finding.owasp = rule.owasp;
    if (rule.references?.[0]) finding.helpUri = rule.references[0];
    if (rule.fix && fixNode) {
      finding.fix = { range: rangeOf(fixNode), replacement: renderTemplate(rule.fix.replace, captures) };
    }
    found.push({ finding, text: reported.text });
  }

  const kept = found.filter(
    ({ finding }, i) =>
      !found.some(
        (other, j) =>
          j !== i &&
          other.finding.ruleId === finding.ruleId &&
          contains(other.finding, finding) &&
          // Of two identical ranges keep the first, or the one that carries a fix.
          (!contains(finding, other.finding) ||
            (!!other.finding.fix && !finding.fix) ||
            (j < i && !!other.finding.fix === !!finding.fix)),
      ),
  );
  kept.sort(
    (a, b) =>
      a.finding.range.start.line - b.finding.range.start.line ||
      a.finding.range.start.column - b.finding.range.start.column,
  );
  const occurrences = new Map<string, number>();
  for (const { finding, text } of kept) {
    const key = `${finding.ruleId}\0${text.replace(/\s+/g, " ").trim()}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    finding.fingerprint = fingerprint(finding.ruleId, path, text, n);
  }
  return kept.map((k) => k.finding);
}
