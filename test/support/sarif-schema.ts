import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// CommonJS packages whose default export TypeScript's NodeNext view does not see as constructable.
const AjvDraft04 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

/**
 * A validator for the official SARIF 2.1.0 JSON schema (the final "rtm.5" text, a draft-04
 * schema), as shipped by Microsoft's @microsoft/jest-sarif package under the MIT licence.
 */
export function sarifValidator() {
  const path = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const schema = JSON.parse(readFileSync(path, "utf8"));
  // The schema's language-tag pattern is not valid as a Unicode regular expression.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
