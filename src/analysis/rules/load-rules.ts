import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Parser from "tree-sitter";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { issuePath } from "../../config/issue-path.js";
import { grammarFor, type Language } from "../languages.js";
import { type Constraint, RuleSchema, type RuleSpec } from "./schema.js";

/** The rules shipped with diffguard, wherever the package is installed. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL("../../../rules", import.meta.url));

/** A condition of `where`, with its regular expression compiled. */
export type CompiledConstraint = Constraint & { regex?: RegExp };

/** A validated rule with its query compiled for each of its languages. */
export interface Rule extends Omit<RuleSpec, "where"> {
  /** Path of the rule file, for error messages. */
  file: string;
  where: CompiledConstraint[];
  queries: Map<Language, Parser.Query>;
}

/** A rule file that cannot be used; the message names the file and the field. */
export class RuleLoadError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ""}${problem}`);
    this.name = "RuleLoadError";
  }
}

/** Compiles a rule regular expression; a leading `(?i)` makes it case-insensitive. */
export function compileRegex(source: string): RegExp {
  const insensitive = source.startsWith("(?i)");
  return new RegExp(insensitive ? source.slice(4) : source, insensitive ? "i" : "");
}

/** Capture names a query defines (`@name`), read from its text. */
function captureNamesOf(query: string): Set<string> {
  const withoutStrings = query.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/;.*$/gm, "");
  return new Set([...withoutStrings.matchAll(/@([A-Za-z_][\w-]*)/g)].map((m) => m[1] as string));
}

/** Validates one rule file's parsed YAML and compiles it; throws RuleLoadError. */
export function compileRule(data: unknown, file: string): Rule {
  const parsed = RuleSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new RuleLoadError(file, issuePath(issue), issue.message);
  }
  const spec = parsed.data;
  const expectedId = basename(file).replace(/\.ya?ml$/, "");
  if (spec.id !== expectedId) throw new RuleLoadError(file, "id", `must equal the file name "${expectedId}"`);

  const queries = new Map<Language, Parser.Query>();
  for (const language of spec.languages) {
    try {
      queries.set(language, new Parser.Query(grammarFor(language), spec.query));
    } catch (error) {
      throw new RuleLoadError(file, "query", `does not compile for ${language}: ${(error as Error).message}`);
    }
  }
  const captures = captureNamesOf(spec.query);
  const requireCapture = (name: string, field: string) => {
    if (!captures.has(name)) throw new RuleLoadError(file, field, `capture @${name} is not defined in query`);
  };
  requireCapture(spec.report, "report");
  for (const [field, text] of [
    ["message", spec.message],
    ["fix.replace", spec.fix?.replace ?? ""],
  ] as const) {
    for (const m of text.matchAll(/\{\{\s*([\w-]+)\s*\}\}/g)) requireCapture(m[1] as string, field);
  }
  if (spec.fix) requireCapture(spec.fix.capture, "fix.capture");

  const where = (spec.where ?? []).map((c, i): CompiledConstraint => {
    if ("capture" in c) requireCapture(c.capture, `where[${i}].capture`);
    const source =
      "matches" in c
        ? c.matches
        : "not_matches" in c
          ? c.not_matches
          : "named" in c
            ? c.named
            : "file_matches" in c
              ? c.file_matches
              : undefined;
    if (source === undefined) return c;
    try {
      return { ...c, regex: compileRegex(source) };
    } catch (error) {
      throw new RuleLoadError(file, `where[${i}]`, `invalid regular expression: ${(error as Error).message}`);
    }
  });

  return { ...spec, file, where, queries };
}

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !relative(dir, path).split(/[\\/]/).includes("secrets"))
    .sort();
}

/**
 * Loads and validates every SAST rule under `dir` (`rules/<language>/<id>.yml`; `rules/secrets/`
 * holds secret patterns and is not read here). Any bad rule, or a duplicate id, throws
 * RuleLoadError naming the file and field: a bad rule is a start-up error, never skipped.
 */
export function loadRules(dir: string = BUILTIN_RULES_DIR): Rule[] {
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const file of ruleFiles(dir)) {
    let data: unknown;
    try {
      data = parseYaml(readFileSync(file, "utf8"));
    } catch (error) {
      throw new RuleLoadError(file, "", `is not valid YAML: ${(error as Error).message}`);
    }
    const rule = compileRule(data, file);
    const other = seen.get(rule.id);
    if (other) throw new RuleLoadError(file, "id", `"${rule.id}" is also defined in ${other}`);
    seen.set(rule.id, file);
    rules.push(rule);
  }
  return rules;
}
