import { detectLanguage } from "../../src/analysis/languages.js";
import { parseFile } from "../../src/analysis/parse-file.js";
import {
  DEFAULT_SECRET_OPTIONS,
  detectSecrets,
  type SecretOptions,
  SecretPatternSet,
} from "../../src/secrets/detect.js";
import { loadSecretPatterns } from "../../src/secrets/load-patterns.js";

export const patterns = loadSecretPatterns();
export const patternSet = new SecretPatternSet(patterns);

/** Scans a whole file's text for secrets, parsing it first when it is JavaScript, TypeScript or Python. */
export function scanText(path: string, source: string, options: SecretOptions = DEFAULT_SECRET_OPTIONS) {
  const language = detectLanguage(path);
  const tree = language ? parseFile(source, language) : undefined;
  return detectSecrets(
    { path, source, rows: null, ...(tree && language ? { tree, language } : {}) },
    patternSet,
    options,
  );
}
