import type { SyntaxNode, Tree } from "tree-sitter";
import Parser from "tree-sitter";
import { grammarFor, type Language } from "../analysis/languages.js";
import { matchesOnRows, toRanges } from "../analysis/query-rows.js";
import { characterClasses, shannonEntropy } from "./entropy.js";
import { isBenignData, isPlaceholder } from "./placeholder.js";

/** A name that says its value is a secret, matched on the name's words run together. */
const SECRET_NAME =
  /pass(word|wd|phrase)?|pwd|secret|token|apikey|accesskey|privatekey|authkey|credential|signingkey|encryptionkey|sessionkey|masterkey/;

/** Words of a name that say it holds something else: a hash, a name, a place, a size, a setting. */
const NOT_SECRET_WORDS = new Set(
  (
    "hash hashed digest checksum sha sha1 sha256 sha512 md5 fingerprint integrity etag format pattern regex regexp " +
    "name names type types length len size min max path file files dir url uri endpoint host field label " +
    "placeholder hint header prefix suffix policy expiry expires expiration ttl timeout count enabled required " +
    "mode algorithm alg version id ids keyid index public pubkey cert rounds strength validator validators " +
    "validation rule rules error message msg text title description input button selector class style param " +
    "column location source store manager provider service clientid username login email event action scope " +
    "grant response request callback redirect schema example sample default storage cache question reset forgot " +
    "confirm expected strategy generator arn backend command cmd env var ref reference lookup prompt template " +
    "length hint kind usage"
  ).split(" "),
);

/** The lower-case words of a name: `dbPasswordHash` → db, password, hash. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a variable, key or parameter name says it holds a secret. */
export function isSecretName(name: string): boolean {
  const words = wordsOf(name.replace(/^["'`]|["'`]$/g, ""));
  return SECRET_NAME.test(words.join("")) && !words.some((w) => NOT_SECRET_WORDS.has(w));
}

/** True when a name is about a password, whose values are shorter and less random than keys. */
export function isPasswordName(name: string): boolean {
  return /pass(word|wd|phrase)?|pwd/i.test(name);
}

/** How a value found under a secret name is judged: not a secret, or a secret with a confidence. */
export type ValueVerdict = null | { confidence: "high" | "medium" | "low" };

/**
 * Whether a literal value under a secret-looking name is itself a secret: long enough, random
 * enough (entropy and character classes), and not a placeholder, template or data.
 */
export function judgeValue(name: string, value: string): ValueVerdict {
  const v = value.trim();
  if (/\s/.test(v) || v.length < 8 || v.length > 1000) return null;
  if (isPlaceholder(v) || isBenignData(v)) return null;
  const entropy = shannonEntropy(v);
  const classes = characterClasses(v);
  // Words and identifiers (`refresh_token`, `myPasswordField`) are names of things, not secrets.
  if (/^[A-Za-z_.-]+$/.test(v) && entropy < 3.8) return null;
  // Words with a number after them (`existingToken123`, `usertoken42`) are examples, not keys.
  if (!isPasswordName(name) && /^[A-Za-z]{3,24}[0-9]{0,6}$/.test(v) && (v.match(/[A-Z]/g)?.length ?? 0) <= 3)
    return null;
  if (isPasswordName(name)) {
    if (classes < 2 || entropy < 2.5) return null;
    return { confidence: v.length >= 12 && classes >= 3 ? "high" : "medium" };
  }
  if (v.length < 16 || entropy < 3.0 || classes < 2) {
    // Long lower-case hex (an HMAC key, a Flask SECRET_KEY) is random though it uses one class.
    if (!(/^[0-9a-f]{32,}$/i.test(v) && entropy >= 3.0)) return null;
  }
  return { confidence: entropy >= 4.0 && v.length >= 20 ? "high" : "medium" };
}

/** A literal value bound to a name, as found in code or in a configuration file. */
export interface NamedValue {
  name: string;
  value: string;
  /** 1-based line and 0-based UTF-16 column range of the value (without quotes). */
  line: number;
  start: number;
  end: number;
  /** The string literal node holding the value, when found in a syntax tree. */
  node?: SyntaxNode;
}

const JS_COMMON = `
    (variable_declarator name: (identifier) @name value: [(string) (template_string)] @value)
    (assignment_expression left: [(identifier) (member_expression) (subscript_expression)] @name right: [(string) (template_string)] @value)
    (pair key: [(property_identifier) (string)] @name value: [(string) (template_string)] @value)`;

const TREE_QUERIES: Record<Language, string> = {
  javascript: `${JS_COMMON}
    (field_definition property: (property_identifier) @name value: [(string) (template_string)] @value)
    (assignment_pattern left: (identifier) @name right: (string) @value)`,
  typescript: `${JS_COMMON}
    (public_field_definition name: (property_identifier) @name value: [(string) (template_string)] @value)
    (required_parameter pattern: (identifier) @name value: (string) @value)`,
  tsx: "",
  python: `
    (assignment left: [(identifier) (attribute) (subscript)] @name right: (string) @value)
    (keyword_argument name: (identifier) @name value: (string) @value)
    (pair key: (string) @name value: (string) @value)
    (default_parameter name: (identifier) @name value: (string) @value)
    (typed_default_parameter name: (identifier) @name value: (string) @value)`,
};
TREE_QUERIES.tsx = TREE_QUERIES.typescript;

const queries = new Map<Language, Parser.Query>();

function queryFor(language: Language): Parser.Query {
  let query = queries.get(language);
  if (!query) {
    query = new Parser.Query(grammarFor(language), TREE_QUERIES[language]);
    queries.set(language, query);
  }
  return query;
}

/** The last meaningful part of a name expression: `this.apiKey` → `apiKey`, `cfg["db_password"]` → `db_password`. */
export function lastNamePart(text: string): string {
  const subscript = /\[\s*["'`]([^"'`]+)["'`]\s*\]\s*$/.exec(text);
  if (subscript) return subscript[1] as string;
  const parts = text.replace(/["'`]/g, "").split(/[.\s]/);
  return parts[parts.length - 1] ?? text;
}

/** The text of a string literal without quotes or prefixes; null when it interpolates values. */
function literalContent(node: SyntaxNode): { text: string; start: number } | null {
  if (node.namedChildren.some((c) => c.type === "template_substitution" || c.type === "interpolation"))
    return null;
  const m = /^([rRbBuUfF]{0,2})("""|'''|"|'|`)/.exec(node.text);
  if (!m) return null;
  const open = (m[1] as string).length + (m[2] as string).length;
  const close = (m[2] as string).length;
  return { text: node.text.slice(open, node.text.length - close), start: open };
}

/** String literals bound to names in a JavaScript, TypeScript or Python tree, on the given rows (1-based). */
export function namedValuesFromTree(
  tree: Tree,
  language: Language,
  rows: readonly number[] | null,
): NamedValue[] {
  const query = queryFor(language);
  const out: NamedValue[] = [];
  const seen = new Set<number>();
  for (const match of matchesOnRows(query, tree, rows ? toRanges(rows.map((r) => r - 1)) : null)) {
    const name = match.captures.find((c) => c.name === "name")?.node;
    const value = match.captures.find((c) => c.name === "value")?.node;
    if (!name || !value || seen.has(value.startIndex)) continue;
    seen.add(value.startIndex);
    const content = literalContent(value);
    if (!content || content.text.includes("\n")) continue;
    const startColumn = value.startPosition.column + content.start;
    out.push({
      name: lastNamePart(name.text),
      value: content.text,
      line: value.startPosition.row + 1,
      start: startColumn,
      end: startColumn + content.text.length,
      node: value,
    });
  }
  return out;
}

/** `key = value`, `key: value`, `"key": "value"`, `KEY=value`, `--key=value` and `ENV KEY value` on one line. */
const KEY_VALUE =
  /(?<![\w.-])(?:--?)?([A-Za-z_][\w.-]{0,80}|"[^"\n]{1,80}"|'[^'\n]{1,80}')\s{0,3}(?:=|:=|=>|:)\s{0,3}(?:"([^"\n]{0,400})"|'([^'\n]{0,400})'|`([^`\n]{0,400})`|([^\s"'`,;#]{1,400}))/g;
const DOCKER_ENV = /^\s*(?:ENV|ARG)\s+([A-Za-z_]\w*)\s+(\S+)\s*$/;
const XML_ELEMENT = /<([A-Za-z_][\w.-]{0,80})>([^<\n]{1,400})<\/\1>/g;
/** `<add key="ApiSecret" value="..." />` as in .NET configuration files. */
const XML_KEY_VALUE = /\bkey\s*=\s*"([^"\n]{1,80})"\s+value\s*=\s*"([^"\n]{1,400})"/g;

/** Whether a file's format stores bare (unquoted) values, as configuration files do. */
export function allowsBareValues(path: string): boolean {
  return /(^|\/)(\.env(\.[\w.-]+)?|[\w.-]+\.env|Dockerfile[\w.-]*|Containerfile)$|\.(ya?ml|toml|ini|cfg|conf|properties|sh|bash|zsh|ps1|envrc|npmrc|pypirc|netrc)$/i.test(
    path,
  );
}

/** Name/value pairs on the given lines (1-based) of any text file, format-aware by the file's name. */
export function namedValuesFromLines(
  lineAt: (line: number) => string | undefined,
  path: string,
  rows: readonly number[],
): NamedValue[] {
  const bare = allowsBareValues(path);
  const out: NamedValue[] = [];
  for (const line of rows) {
    const text = lineAt(line);
    if (text === undefined || text.length > 4000) continue;
    const docker = DOCKER_ENV.exec(text);
    if (docker) {
      const value = docker[2] as string;
      const start = text.lastIndexOf(value);
      out.push({ name: docker[1] as string, value, line, start, end: start + value.length });
      continue;
    }
    for (const m of text.matchAll(XML_ELEMENT)) {
      const value = m[2] as string;
      const start = (m.index ?? 0) + (m[1] as string).length + 2;
      out.push({ name: m[1] as string, value, line, start, end: start + value.length });
    }
    for (const m of text.matchAll(XML_KEY_VALUE)) {
      const value = m[2] as string;
      const start = (m.index ?? 0) + m[0].length - value.length - 1;
      out.push({ name: m[1] as string, value, line, start, end: start + value.length });
    }
    for (const m of text.matchAll(KEY_VALUE)) {
      const quoted = m[2] ?? m[3] ?? m[4];
      const value = quoted ?? m[5];
      if (value === undefined || (quoted === undefined && !bare)) continue;
      const start = (m.index ?? 0) + m[0].length - value.length - (quoted === undefined ? 0 : 1);
      out.push({
        name: (m[1] as string).replace(/^["']|["']$/g, ""),
        value,
        line,
        start,
        end: start + value.length,
      });
    }
  }
  return out;
}
