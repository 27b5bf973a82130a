import type { SyntaxNode } from "tree-sitter";

/** Node types that open a new scope for local names. */
const SCOPE_TYPES = new Set([
  "program",
  "module",
  "function_declaration",
  "function_expression",
  "function",
  "arrow_function",
  "method_definition",
  "generator_function_declaration",
  "generator_function",
  "function_definition",
  "lambda",
  "class_body",
  "class_definition",
]);

/** How a name gets a value inside a scope. */
export interface Binding {
  /** The assigned expression, or null when the name is a parameter or is bound by a loop, import or catch. */
  value: SyntaxNode | null;
  /** True for `const` declarations (JavaScript), which cannot be reassigned. */
  constant: boolean;
}

const PARAMETER_PARENTS = new Set([
  "formal_parameters",
  "parameters",
  "lambda_parameters",
  "required_parameter",
  "optional_parameter",
  "default_parameter",
  "typed_parameter",
  "typed_default_parameter",
  "list_splat_pattern",
  "dictionary_splat_pattern",
  "rest_pattern",
]);

function isScope(node: SyntaxNode): boolean {
  return SCOPE_TYPES.has(node.type);
}

/** The innermost scope node that contains `node`. */
export function enclosingScope(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (isScope(n)) return n;
  return null;
}

const cache = new WeakMap<SyntaxNode, Map<string, Binding[]>>();

function bindingsOf(scope: SyntaxNode): Map<string, Binding[]> {
  const cached = cache.get(scope);
  if (cached) return cached;
  const bindings = new Map<string, Binding[]>();
  const add = (name: string, binding: Binding) => {
    const list = bindings.get(name);
    if (list) list.push(binding);
    else bindings.set(name, [binding]);
  };
  const visit = (node: SyntaxNode, isRoot: boolean) => {
    if (!isRoot && isScope(node)) {
      // A nested function's name belongs to this scope; its body does not.
      const name = node.childForFieldName("name");
      if (name && node.type !== "method_definition") add(name.text, { value: null, constant: false });
      return;
    }
    switch (node.type) {
      case "variable_declarator": {
        const name = node.childForFieldName("name");
        if (name?.type === "identifier") {
          const constant =
            node.parent?.type === "lexical_declaration" && node.parent.firstChild?.type === "const";
          add(name.text, { value: node.childForFieldName("value"), constant });
        }
        break;
      }
      case "assignment_expression":
      case "assignment":
      case "augmented_assignment":
      case "augmented_assignment_expression": {
        const left = node.childForFieldName("left");
        if (left?.type === "identifier") {
          // `x += y` builds on the old value: record it as an unknown value.
          const plain = node.type === "assignment" || node.type === "assignment_expression";
          add(left.text, { value: plain ? node.childForFieldName("right") : null, constant: false });
        }
        break;
      }
      case "identifier": {
        const parent = node.parent;
        if (parent && PARAMETER_PARENTS.has(parent.type)) add(node.text, { value: null, constant: false });
        break;
      }
      case "for_in_statement":
      case "for_statement":
      case "with_item":
      case "catch_clause":
      case "import_specifier":
      case "aliased_import":
      case "dotted_name": {
        for (const field of ["left", "parameter", "alias", "name"]) {
          const target = node.childForFieldName(field);
          if (target?.type === "identifier") add(target.text, { value: null, constant: false });
        }
        break;
      }
    }
    for (const child of node.namedChildren) visit(child, false);
  };
  visit(scope, true);
  if (scope.type === "arrow_function") {
    const param = scope.childForFieldName("parameter");
    if (param?.type === "identifier") add(param.text, { value: null, constant: false });
  }
  cache.set(scope, bindings);
  return bindings;
}

/**
 * The bindings of the identifier `name` as seen from `node`: those of the innermost enclosing
 * scope that binds it, or an empty list when no scope in the file does (a global or an import).
 */
export function lookupBindings(node: SyntaxNode, name: string): Binding[] {
  for (let scope = enclosingScope(node); scope; scope = enclosingScope(scope)) {
    const found = bindingsOf(scope).get(name);
    if (found) return found;
  }
  return [];
}
