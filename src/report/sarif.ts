import type * as Sarif from "sarif";
import type { Finding, RuleInfo, Severity, Skip } from "../findings/finding.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code scanning reads `security-severity` as a CVSS-like score: ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.5",
};

const PRECISION = { high: "high", medium: "medium", low: "low" } as const;

export interface SarifOptions {
  toolVersion: string;
  /** Every rule that ran, described in `tool.driver.rules`. */
  rules: readonly RuleInfo[];
  /** Absolute path of the directory that result paths are relative to. */
  root?: string;
  skipped?: readonly Skip[];
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function cweTag(cwe: string): string {
  return `external/cwe/cwe-${cwe.replace(/^CWE-/, "")}`;
}

function descriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
  const help = rule.note ?? rule.title;
  const d: Sarif.ReportingDescriptor = {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: help.split("\n\n")[0]?.replace(/\s+/g, " ").trim() || rule.title },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ["security", ...rule.cwe.map(cweTag), ...(rule.owasp ?? []).map((o) => `external/owasp/${o}`)],
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: PRECISION[rule.confidence],
      "problem.severity": LEVEL[rule.severity] === "note" ? "recommendation" : LEVEL[rule.severity],
    },
  };
  if (rule.references?.[0]) d.helpUri = rule.references[0];
  return d;
}

function region(range: Finding["range"]): Sarif.Region {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

/** The findings of a run as a SARIF 2.1.0 log (columns in UTF-16 code units). */
export function toSarif(findings: readonly Finding[], options: SarifOptions): Sarif.Log {
  const rules = [...options.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    rules.push({
      id: f.ruleId,
      title: f.title,
      severity: f.severity,
      confidence: f.confidence,
      cwe: f.cwe,
      ...(f.note ? { note: f.note } : {}),
      ...(f.helpUri ? { references: [f.helpUri] } : {}),
    });
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = findings.map((f) => {
    const artifactLocation: Sarif.ArtifactLocation = { uri: encodeURI(f.path), uriBaseId: "%SRCROOT%" };
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) as number,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: { ...region(f.range), snippet: { text: f.snippet } },
          },
        },
      ],
      partialFingerprints: { "diffguard/v1": f.fingerprint },
      properties: { severity: f.severity, confidence: f.confidence, kind: f.kind },
    };
    if (f.fix) {
      result.fixes = [
        {
          description: { text: `Apply the suggested fix for ${f.ruleId}` },
          artifactChanges: [
            {
              artifactLocation,
              replacements: [
                { deletedRegion: region(f.fix.range), insertedContent: { text: f.fix.replacement } },
              ],
            },
          ],
        },
      ];
    }
    return result;
  });
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: "diffguard",
        version: options.toolVersion,
        semanticVersion: options.toolVersion,
        rules: rules.map(descriptor),
      },
    },
    columnKind: "utf16CodeUnits",
    results,
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: (options.skipped ?? []).map((s) => ({
          level: "note",
          message: { text: `Skipped: ${s.reason}` },
          locations: [
            { physicalLocation: { artifactLocation: { uri: encodeURI(s.path), uriBaseId: "%SRCROOT%" } } },
          ],
        })),
      },
    ],
  };
  if (options.root) {
    const root = options.root.endsWith("/") ? options.root : `${options.root}/`;
    run.originalUriBaseIds = { "%SRCROOT%": { uri: `file://${encodeURI(root)}` } };
  }
  return { version: "2.1.0", $schema: "https://json.schemastore.org/sarif-2.1.0.json", runs: [run] };
}
