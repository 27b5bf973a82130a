import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { BUILTIN_RULES_DIR, compileRegex, RuleLoadError } from "../analysis/rules/load-rules.js";
import { issuePath } from "../config/issue-path.js";
import type { RuleInfo } from "../findings/finding.js";
import { ProviderSchema, type SecretPatternSpec } from "./schema.js";

/** A secret format ready to run. */
export interface SecretPattern extends Omit<SecretPatternSpec, "allow"> {
  provider: string;
  revoke?: string;
  /** Global, so every match of a text is found. */
  matcher: RegExp;
  allow: RegExp[];
  file: string;
}

/** The folder of secret pattern files shipped with diffguard. */
export const BUILTIN_SECRETS_DIR = join(BUILTIN_RULES_DIR, "secrets");

/**
 * A quantifier applied to a group that itself contains a quantifier, such as `(a+)+` or
 * `(?:\w{2,})*`: the shape that makes a backtracking engine take exponential time.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/**
 * An unbounded quantifier (`*`, `+`, `{n,}`) outside a character class: each match attempt could
 * then run to the end of the text, and a line full of near-misses takes quadratic time.
 */
function hasUnboundedQuantifier(source: string): boolean {
  const bare = source
    .replace(/^\(\?i\)/, "")
    .replace(/\\./g, "")
    .replace(/\[(?:[^\]\\]|\\.)*\]/g, "");
  return /[*+]|\{\d+,\}/.test(bare.replace(/\(\?(?:<?[=!]|<\w+>|:)/g, "("));
}

/** Validates one provider file and compiles its patterns; throws RuleLoadError. */
export function compileProvider(data: unknown, file: string): SecretPattern[] {
  const parsed = ProviderSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new RuleLoadError(file, issuePath(issue), issue.message);
  }
  const { provider, revoke, patterns } = parsed.data;
  return patterns.map((spec, i) => {
    const field = `patterns[${i}]`;
    if (NESTED_QUANTIFIER.test(spec.regex)) {
      throw new RuleLoadError(
        file,
        `${field}.regex`,
        "has a quantified group containing a quantifier; it could take exponential time",
      );
    }
    if (hasUnboundedQuantifier(spec.regex)) {
      throw new RuleLoadError(
        file,
        `${field}.regex`,
        "has an unbounded quantifier (*, + or {n,}); give it a maximum so matching stays linear",
      );
    }
    let matcher: RegExp;
    let allow: RegExp[];
    try {
      const base = compileRegex(spec.regex);
      matcher = new RegExp(base.source, `${base.flags}g`);
      allow = spec.allow.map(compileRegex);
    } catch (error) {
      throw new RuleLoadError(
        file,
        `${field}.regex`,
        `invalid regular expression: ${(error as Error).message}`,
      );
    }
    for (const keyword of spec.keywords) {
      if (keyword !== keyword.toLowerCase())
        throw new RuleLoadError(file, `${field}.keywords`, `"${keyword}" must be lower-case`);
    }
    return { ...spec, provider, ...(revoke ? { revoke } : {}), matcher, allow, file };
  });
}

/** Loads every provider file of secret patterns; duplicate ids and bad files throw RuleLoadError. */
export function loadSecretPatterns(dir: string = BUILTIN_SECRETS_DIR): SecretPattern[] {
  const all: SecretPattern[] = [];
  const seen = new Map<string, string>();
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(file, "utf8"));
    } catch (error) {
      throw new RuleLoadError(file, "", `is not valid YAML: ${(error as Error).message}`);
    }
    for (const pattern of compileProvider(data, file)) {
      const other = seen.get(pattern.id);
      if (other) throw new RuleLoadError(file, "id", `"${pattern.id}" is also defined in ${other}`);
      seen.set(pattern.id, file);
      all.push(pattern);
    }
  }
  return all;
}

/** Reporter descriptions of every secret detector: the provider formats and the generic ones. */
export function secretRuleInfos(patterns: readonly SecretPattern[]): RuleInfo[] {
  const note =
    "A credential in the code is readable by everyone with access to the repository and stays in its history. " +
    "Revoke it, issue a new one, and read it from the environment or a secret manager.";
  return [
    ...patterns.map((p) => ({
      id: p.id,
      title: p.title,
      severity: p.severity,
      confidence: p.confidence,
      cwe: p.kind === "private-key" ? ["CWE-798", "CWE-321"] : ["CWE-798"],
      note,
      references: p.revoke ? [p.revoke] : ["https://cwe.mitre.org/data/definitions/798.html"],
    })),
    {
      id: "generic-password",
      title: "Hard-coded password",
      severity: "high",
      confidence: "medium",
      cwe: ["CWE-798"],
      note,
      references: ["https://cwe.mitre.org/data/definitions/798.html"],
    },
    {
      id: "generic-secret",
      title: "Hard-coded secret",
      severity: "high",
      confidence: "medium",
      cwe: ["CWE-798"],
      note,
      references: ["https://cwe.mitre.org/data/definitions/798.html"],
    },
  ];
}
