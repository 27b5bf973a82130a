import { expect, test } from "@jest/globals";
import { ParseTimeoutError, parseFile } from "../../../src/analysis/parse-file.js";

test("a file with a syntax error still gives a tree with the valid parts", () => {
  const tree = parseFile("const a = ;\neval(userInput);\n", "javascript");
  expect(tree.rootNode.hasError).toBe(true);
  expect(tree.rootNode.descendantsOfType("call_expression")).toHaveLength(1);
});

test("TypeScript, TSX and Python parse", () => {
  expect(parseFile("const a: number = 1;", "typescript").rootNode.hasError).toBe(false);
  expect(parseFile("const el = <div>{x}</div>;", "tsx").rootNode.hasError).toBe(false);
  expect(parseFile("def f(x):\n    return x\n", "python").rootNode.hasError).toBe(false);
});

test("files over 32 KB parse whole", () => {
  const source = "const a = 1;\n".repeat(10_000);
  expect(parseFile(source, "javascript").rootNode.namedChildCount).toBe(10_000);
});

test("a parse over its time budget throws a timeout error", () => {
  const source = "const a = [1, 2, 3].map((x) => x * 2);\n".repeat(100_000);
  expect(() => parseFile(source, "javascript", 1)).toThrow(ParseTimeoutError);
  const next = parseFile("eval(x);\n", "javascript");
  expect(next.rootNode.toString()).toBe(
    "(program (expression_statement (call_expression function: (identifier) arguments: (arguments (identifier)))))",
  );
});
