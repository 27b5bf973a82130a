import { readFileSync } from "node:fs";
import { expect, test } from "@jest/globals";
import { withProvidersTable } from "../../src/docs/providers-table.js";
import { patterns } from "../support/secrets.js";

test("the README lists every detected secret format (run `npm run docs` after changing rules/secrets)", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  expect(readme).toBe(withProvidersTable(readme, patterns));
});
