import { posix } from "node:path";
import type Parser from "tree-sitter";
import JavaScript from "tree-sitter-javascript";
import Python from "tree-sitter-python";
import TypeScript from "tree-sitter-typescript";

/** The languages diffguard parses. */
export const LANGUAGES = ["javascript", "typescript", "tsx", "python"] as const;
export type Language = (typeof LANGUAGES)[number];

const BY_EXTENSION: Record<string, Language> = {
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascript",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".py": "python",
  ".pyi": "python",
};

/** The language of a path by its extension, or by a `#!` line for files without a known one. */
export function detectLanguage(path: string, firstLine?: string): Language | undefined {
  const ext = posix.extname(path).toLowerCase();
  if (ext === ".ts" && path.endsWith(".d.ts")) return "typescript";
  const byExt = BY_EXTENSION[ext];
  if (byExt) return byExt;
  if (firstLine?.startsWith("#!")) {
    if (/\b(node|nodejs|deno|bun)\b/.test(firstLine)) return "javascript";
    if (/\bts-node\b|\btsx\b/.test(firstLine)) return "typescript";
    if (/\bpython[0-9.]*\b/.test(firstLine)) return "python";
  }
  return undefined;
}

const GRAMMARS: Record<Language, Parser.Language> = {
  javascript: JavaScript as Parser.Language,
  typescript: TypeScript.typescript as Parser.Language,
  tsx: TypeScript.tsx as Parser.Language,
  python: Python as Parser.Language,
};

/** The tree-sitter grammar of a language. */
export function grammarFor(language: Language): Parser.Language {
  return GRAMMARS[language];
}
