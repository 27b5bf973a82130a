import { expect, test } from "@jest/globals";
import { detectLanguage } from "../../../src/analysis/languages.js";

test.each([
  ["a.js", undefined, "javascript"],
  ["a.mjs", undefined, "javascript"],
  ["a.cjs", undefined, "javascript"],
  ["App.jsx", undefined, "javascript"],
  ["a.ts", undefined, "typescript"],
  ["a.mts", undefined, "typescript"],
  ["a.cts", undefined, "typescript"],
  ["types.d.ts", undefined, "typescript"],
  ["App.tsx", undefined, "tsx"],
  ["a.py", undefined, "python"],
  ["stubs.pyi", undefined, "python"],
  ["UPPER.PY", undefined, "python"],
  ["bin/tool", "#!/usr/bin/env node", "javascript"],
  ["bin/tool", "#!/usr/bin/env python3", "python"],
  ["bin/tool", "#!/usr/bin/python3.11 -u", "python"],
  ["bin/tool", "#!/bin/sh", undefined],
  ["README.md", undefined, undefined],
  ["script.py", "#!/usr/bin/env node", "python"],
])("%s with first line %s is %s", (path, firstLine, language) => {
  expect(detectLanguage(path, firstLine)).toBe(language);
});
