import { describe, expect, test } from "@jest/globals";
import type { SyntaxNode } from "tree-sitter";
import { bindingName } from "../../../src/analysis/dataflow/binding-name.js";
import { isConstant, resolveValue } from "../../../src/analysis/dataflow/constants.js";
import type { Language } from "../../../src/analysis/languages.js";
import { parseFile } from "../../../src/analysis/parse-file.js";

/** The first argument of the last call to `sink(...)` in the code. */
function sinkArg(code: string, language: Language): SyntaxNode {
  const tree = parseFile(code, language);
  const type = language === "python" ? "call" : "call_expression";
  const call = tree.rootNode
    .descendantsOfType(type)
    .filter((c) => c.childForFieldName("function")?.text === "sink")
    .at(-1);
  const arg = call?.childForFieldName("arguments")?.namedChildren[0];
  if (!arg) throw new Error(`no sink(...) in ${code}`);
  return arg;
}

describe("isConstant (JavaScript and TypeScript)", () => {
  test.each([
    ['sink("a")', true],
    ["sink(`plain`)", true],
    ["sink(`a ${b}`)", false],
    ['sink("a" + "b" + 1)', true],
    ['sink("a" + b)', false],
    ['const q = "x"; sink(q)', true],
    ['const q = "x" + "y"; const r = q + "z"; sink(r)', true],
    ['let q = "x"; q = input; sink(q)', false],
    ['let q = "x"; q += input; sink(q)', false],
    ["function f(q) { sink(q) }", false],
    ['const q = "a"; function f(q) { sink(q) }', false],
    ['function f() { const q = "a"; return () => sink(q) }', true],
    ["sink(req.body.x)", false],
    ["sink(undeclared)", false],
    ['sink(("a"))', true],
    ["sink([1, 2])", true],
  ])("%s → %s", (code, expected) => {
    expect(isConstant(sinkArg(code, "javascript"))).toBe(expected);
  });

  test("TypeScript type assertions are transparent", () => {
    expect(isConstant(sinkArg('sink("a" as string)', "typescript"))).toBe(true);
    expect(isConstant(sinkArg("sink(input as string)", "typescript"))).toBe(false);
  });
});

describe("isConstant (Python)", () => {
  test.each([
    ['sink("a")', true],
    ['sink(f"a")', true],
    ['sink(f"a {b}")', false],
    ['sink("a" "b")', true],
    ['sink("a %s" % b)', false],
    ['sink("a %s" % "b")', true],
    ['sink("a {}".format(b))', false],
    ['Q = "x"\nsink(Q)', true],
    ['Q = "x"\nQ = y\nsink(Q)', false],
    ["def f(q):\n    sink(q)", false],
    ['def f(q="x"):\n    sink(q)', false],
    ["for q in items:\n    sink(q)", false],
  ])("%s → %s", (code, expected) => {
    expect(isConstant(sinkArg(code, "python"))).toBe(expected);
  });
});

describe("resolveValue", () => {
  test("follows a name to its one assignment", () => {
    expect(resolveValue(sinkArg('const a = "x" + y; const b = a; sink(b)', "javascript")).text).toBe(
      '"x" + y',
    );
  });

  test("stops at a name assigned twice", () => {
    expect(resolveValue(sinkArg('let a = "x"; a = y; sink(a)', "javascript")).text).toBe("a");
  });
});

describe("bindingName", () => {
  function argName(code: string, language: Language = "javascript") {
    return bindingName(sinkArg(code, language).parent?.parent as SyntaxNode);
  }
  test.each([
    ["const token = sink(1);", "token"],
    ["user.resetToken = sink(1);", "user.resetToken"],
    ["const o = { apiKey: sink(1) };", "apiKey"],
    ["function makeSecret() { return sink(1); }", "makeSecret"],
    ["const makeNonce = () => sink(1);", "makeNonce"],
    ["items.sort(() => sink(1));", null],
    ["class A { sessionId = sink(1); }", "sessionId"],
  ])("%s → %s", (code, name) => {
    expect(argName(code)).toBe(name);
  });

  test("Python assignment and keyword argument", () => {
    expect(argName("token = sink(1)", "python")).toBe("token");
    expect(argName("create(password=sink(1))", "python")).toBe("password");
  });
});
