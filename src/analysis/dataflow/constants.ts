import type { SyntaxNode } from "tree-sitter";
import { lookupBindings } from "./scope.js";

/** How many names are followed through assignments before giving up (also stops cycles). */
const MAX_RESOLVE_DEPTH = 8;

/** Wrappers that do not change a value: parentheses and TypeScript's type-only expressions. */
const TRANSPARENT = new Set([
  "parenthesized_expression",
  "as_expression",
  "satisfies_expression",
  "non_null_expression",
  "type_assertion",
]);

const LITERALS = new Set([
  "number",
  "integer",
  "float",
  "true",
  "false",
  "null",
  "undefined",
  "none",
  "regex",
]);

function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (TRANSPARENT.has(n.type)) {
    const inner = n.namedChildren[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

/**
 * Follows a name to the one value it is ever given in its scope; returns the node itself when it
 * is not a name, or when the name is assigned more than once, is a parameter, or is not found.
 */
export function resolveValue(node: SyntaxNode, depth = 0): SyntaxNode {
  const n = unwrap(node);
  if (n.type !== "identifier" || depth >= MAX_RESOLVE_DEPTH) return n;
  const bindings = lookupBindings(n, n.text);
  const only = bindings.length === 1 ? bindings[0] : undefined;
  if (!only?.value) return n;
  return resolveValue(only.value, depth + 1);
}

/**
 * True when the expression folds to a compile-time constant: literals, strings and template or
 * f-strings without interpolation, `+`/`%` of constants, and names bound once to a constant.
 * Anything unknown counts as not constant.
 */
export function isConstant(node: SyntaxNode, depth = 0): boolean {
  if (depth > MAX_RESOLVE_DEPTH) return false;
  const n = unwrap(node);
  if (LITERALS.has(n.type)) return true;
  switch (n.type) {
    case "string":
      // JavaScript strings have only fragments and escapes; Python f-strings have `interpolation`.
      return !n.namedChildren.some((c) => c.type === "interpolation");
    case "template_string":
      return !n.namedChildren.some((c) => c.type === "template_substitution");
    case "concatenated_string":
      return n.namedChildren.every((c) => isConstant(c, depth + 1));
    case "binary_expression":
    case "binary_operator": {
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      return !!left && !!right && isConstant(left, depth + 1) && isConstant(right, depth + 1);
    }
    case "unary_expression":
    case "unary_operator": {
      const arg = n.childForFieldName("argument") ?? n.childForFieldName("operand");
      return !!arg && isConstant(arg, depth + 1);
    }
    case "array":
    case "list":
    case "tuple":
      return n.namedChildren.every((c) => isConstant(c, depth + 1));
    case "identifier": {
      const bindings = lookupBindings(n, n.text);
      const only = bindings.length === 1 ? bindings[0] : undefined;
      return !!only?.value && isConstant(only.value, depth + 1);
    }
    default:
      return false;
  }
}
