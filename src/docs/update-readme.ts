import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadSecretPatterns } from "../secrets/load-patterns.js";
import { withProvidersTable } from "./providers-table.js";

/** Regenerates the README's table of detected secrets from rules/secrets. */
const readmePath = fileURLToPath(new URL("../../README.md", import.meta.url));
writeFileSync(readmePath, withProvidersTable(readFileSync(readmePath, "utf8"), loadSecretPatterns()));
console.log(`updated ${readmePath}`);
