import Parser from "tree-sitter";
import { grammarFor, type Language } from "./languages.js";

/** Default time one file may take to parse before it is given up, in milliseconds. */
export const DEFAULT_PARSE_TIMEOUT_MS = 5_000;

const parsers = new Map<Language, Parser>();

function parserFor(language: Language): Parser {
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammarFor(language));
    parsers.set(language, parser);
  }
  return parser;
}

/** Thrown when a file takes longer than its parse budget. */
export class ParseTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`parsing took longer than ${timeoutMs} ms; raise analysis.parse_timeout_ms to analyse this file`);
    this.name = "ParseTimeoutError";
  }
}

/**
 * Parses a whole file. tree-sitter is error tolerant, so syntax errors give a tree with ERROR
 * nodes rather than an exception; only a timeout or a native failure throws.
 */
export function parseFile(
  source: string,
  language: Language,
  timeoutMs = DEFAULT_PARSE_TIMEOUT_MS,
): Parser.Tree {
  const deadline = performance.now() + timeoutMs;
  let timedOut = false;
  // The progress callback is only consulted now and then during the parse, so it is cheap.
  const tree = parserFor(language).parse(source, null, {
    bufferSize: Math.max(32 * 1024, source.length + 1),
    progressCallback: () => {
      timedOut = performance.now() > deadline;
      return timedOut;
    },
  });
  if (timedOut || !tree?.rootNode) {
    // A halted parse would otherwise resume on the parser's next call, with another file's text.
    parserFor(language).reset();
    throw new ParseTimeoutError(timeoutMs);
  }
  return tree;
}
