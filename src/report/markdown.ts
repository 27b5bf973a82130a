import { CONFIDENCES, type Finding, SEVERITIES, type Severity, type Skip } from "../findings/finding.js";
import { suggestion } from "./suggestion.js";

/** How each severity is shown at the top of a comment. */
export const SEVERITY_BADGE: Record<Severity, string> = {
  critical: "🔴 **Critical**",
  high: "🟠 **High**",
  medium: "🟡 **Medium**",
  low: "🔵 **Low**",
  info: "⚪ **Info**",
};

/** The hidden marker a comment ends with, read back to skip findings already commented on. */
export function marker(fingerprint: string): string {
  return `<!-- diffguard:${fingerprint} -->`;
}

/** Every fingerprint marked in a comment body. */
export function markersIn(body: string): string[] {
  return [...body.matchAll(/<!-- diffguard:(v\d+:[0-9a-f]+) -->/g)].map((m) => m[1] as string);
}

/** A fenced code block whose fence is longer than any run of backticks inside it. */
export function fenced(code: string, info = ""): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${code}\n${fence}`;
}

function cweLinks(cwe: readonly string[]): string {
  return cwe
    .map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.replace(/^CWE-/, "")}.html)`)
    .join(", ");
}

/**
 * The body of an inline review comment: severity, title, what is wrong, why and how to fix, and a
 * ```suggestion block replacing exactly the commented lines when a fix exists.
 */
export function commentBody(finding: Finding): string {
  const parts = [
    `${SEVERITY_BADGE[finding.severity]} · **${finding.title}** · \`${finding.ruleId}\``,
    "",
    finding.message,
  ];
  const fix = suggestion(finding);
  if (fix) parts.push("", fenced(fix.text, "suggestion"));
  if (finding.note)
    parts.push(
      "",
      "<details><summary>Why it matters and how to fix it</summary>",
      "",
      finding.note.trim(),
      "",
      "</details>",
    );
  const help = finding.helpUri ? ` · [more](${finding.helpUri})` : "";
  parts.push(
    "",
    `<sub>${cweLinks(finding.cwe)} · confidence: ${finding.confidence}${help}</sub>`,
    marker(finding.fingerprint),
  );
  return parts.join("\n");
}

/** Findings in the order a reviewer should see them: most severe and surest first, then by place. */
export function byImportance(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    CONFIDENCES.indexOf(a.confidence) - CONFIDENCES.indexOf(b.confidence) ||
    a.path.localeCompare(b.path) ||
    a.range.start.line - b.range.start.line
  );
}

/** What the check run's summary tells. */
export interface SummaryInput {
  findings: readonly Finding[];
  /** How many findings got an inline comment in this review. */
  commented: number;
  /** Findings reported but not commented inline (over the cap, or outside the diff). */
  notCommented: readonly Finding[];
  /** Findings already commented on in an earlier review of this pull request. */
  alreadyCommented: number;
  skipped: readonly Skip[];
  filesChanged: number;
  filesAnalysed: number;
  durationMs: number;
  /** Notes shown first: a configuration problem, a truncated file list, comments that failed. */
  notices: readonly string[];
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/** Markdown for the check run's summary: counts per severity and rule, what was not commented, skipped files, time. */
export function checkSummary(input: SummaryInput): string {
  const { findings } = input;
  const parts: string[] = [];
  for (const notice of input.notices) parts.push(`> [!WARNING]\n> ${notice.replace(/\n/g, "\n> ")}`, "");
  if (findings.length === 0) {
    parts.push(`No security findings on the changed lines of ${input.filesAnalysed} analysed file(s).`);
  } else {
    const counts = SEVERITIES.map(
      (s) => [s, findings.filter((f) => f.severity === s).length] as const,
    ).filter(([, n]) => n > 0);
    parts.push(
      `**${findings.length} finding${findings.length === 1 ? "" : "s"}**: ${counts.map(([s, n]) => `${n} ${s}`).join(", ")}.`,
    );
    parts.push("");
    const rules = new Map<string, Finding[]>();
    for (const f of findings) rules.set(f.ruleId, [...(rules.get(f.ruleId) ?? []), f]);
    parts.push(
      table(
        ["rule", "severity", "findings", "CWE"],
        [...rules].map(([id, list]) => [
          `\`${id}\``,
          (list[0] as Finding).severity,
          String(list.length),
          (list[0] as Finding).cwe.join(", "),
        ]),
      ),
    );
  }
  parts.push("");
  parts.push(
    `Inline comments: ${input.commented} new${input.alreadyCommented ? `, ${input.alreadyCommented} already posted earlier` : ""}.`,
  );
  if (input.notCommented.length > 0) {
    parts.push("", "<details><summary>Findings without an inline comment</summary>", "");
    parts.push(
      table(
        ["file", "line", "severity", "rule", "message"],
        input.notCommented.map((f) => [
          `\`${f.path}\``,
          String(f.range.start.line),
          f.severity,
          `\`${f.ruleId}\``,
          f.message.replace(/\|/g, "\\|").replace(/\n/g, " "),
        ]),
      ),
      "",
      "</details>",
    );
  }
  if (input.skipped.length > 0) {
    parts.push("", "<details><summary>Files not analysed</summary>", "");
    parts.push(
      table(
        ["file", "reason"],
        input.skipped.map((s) => [`\`${s.path}\``, s.reason.replace(/\|/g, "\\|")]),
      ),
      "",
      "</details>",
    );
  }
  parts.push(
    "",
    `<sub>${input.filesChanged} changed file(s), ${input.filesAnalysed} analysed, in ${(input.durationMs / 1000).toFixed(1)} s.</sub>`,
  );
  return parts.join("\n");
}
