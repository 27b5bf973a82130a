import type { Finding } from "./finding.js";

/**
 * Drops code findings silenced by an inline marker (`// diffguard:ignore`, `# nosec`, ...) on the
 * finding's first line or on the line just above it. `lineAt` gives a 1-based line's text.
 * Secrets have their own markers (see secrets/detect.ts).
 */
export function suppress(
  findings: Finding[],
  markers: readonly string[],
  lineAt: (line: number) => string,
): Finding[] {
  if (markers.length === 0) return findings;
  const marked = (line: number) => {
    const text = lineAt(line);
    return markers.some((m) => text.includes(m));
  };
  return findings.filter(
    (f) => f.kind !== "sast" || !(marked(f.range.start.line) || marked(f.range.start.line - 1)),
  );
}
