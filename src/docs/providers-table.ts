import type { SecretPattern } from "../secrets/load-patterns.js";

/** Markers around the generated list of detected secrets in the README. */
export const PROVIDERS_START = "<!-- providers:start (generated from rules/secrets by `npm run docs`) -->";
export const PROVIDERS_END = "<!-- providers:end -->";

/** A markdown table of every detected secret format, grouped by provider file. */
export function providersTable(patterns: readonly SecretPattern[]): string {
  const rows = patterns.map(
    (p) =>
      `| ${p.provider} | ${p.title} | \`${p.id}\` | ${p.severity} | ${p.check ?? (p.entropy ? `entropy ≥ ${p.entropy}` : "")} |`,
  );
  return [
    `${patterns.length} formats, plus the generic detectors \`generic-password\` and \`generic-secret\` (a value under a secret-looking name that is random enough).`,
    "",
    "| provider | secret | id | severity | check |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The README with its generated table replaced by a fresh one. */
export function withProvidersTable(readme: string, patterns: readonly SecretPattern[]): string {
  const start = readme.indexOf(PROVIDERS_START);
  const end = readme.indexOf(PROVIDERS_END);
  if (start < 0 || end < start) throw new Error("README has no providers markers");
  return `${readme.slice(0, start + PROVIDERS_START.length)}\n${providersTable(patterns)}\n${readme.slice(end)}`;
}
