import { createHash } from "node:crypto";

/** Version prefix of the fingerprint format; bump it whenever the inputs or hashing change. */
export const FINGERPRINT_VERSION = "v1";

/**
 * A stable identity for a finding that survives unrelated edits above it: it hashes the rule,
 * the path, the matched text with whitespace collapsed, and the occurrence index of that same
 * text in the file (0 for the first), never a line number.
 */
export function fingerprint(ruleId: string, path: string, matchedText: string, occurrence: number): string {
  const normalized = matchedText.replace(/\s+/g, " ").trim();
  const hash = createHash("sha256")
    .update([ruleId, path, normalized, String(occurrence)].join("\0"))
    .digest("hex")
    .slice(0, 32);
  return `${FINGERPRINT_VERSION}:${hash}`;
}
