import type { SyntaxNode } from "tree-sitter";

const FUNCTION_TYPES = new Set([
  "function_declaration",
  "function_expression",
  "function",
  "arrow_function",
  "method_definition",
  "generator_function_declaration",
  "function_definition",
  "lambda",
]);

/** The name node a binding construct gives its value, if `node` is such a construct. */
function nameOfBinding(node: SyntaxNode): SyntaxNode | null {
  switch (node.type) {
    case "variable_declarator":
      return node.childForFieldName("name");
    case "assignment_expression":
    case "augmented_assignment_expression":
    case "assignment":
    case "augmented_assignment":
      return node.childForFieldName("left");
    case "pair":
      return node.childForFieldName("key");
    case "keyword_argument":
      return node.childForFieldName("name");
    case "public_field_definition":
    case "field_definition":
      return node.childForFieldName("name") ?? node.childForFieldName("property");
    default:
      return null;
  }
}

/**
 * The name a value is bound to: the nearest variable, assignment target, object key, keyword
 * argument or class field around it; failing those, the name of the function that returns it
 * (`function makeToken() { return ... }`). Null when there is none.
 */
export function bindingName(node: SyntaxNode): string | null {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    const name = nameOfBinding(n);
    if (name) return name.text;
    if (FUNCTION_TYPES.has(n.type)) {
      const fnName = n.childForFieldName("name") ?? (n.parent ? nameOfBinding(n.parent) : null);
      return fnName?.text ?? null;
    }
  }
  return null;
}
