import type { z } from "zod";

/** Where a zod issue is, as a reader writes it: `paths.exclude[0]`, or `patterns[3].regex`. */
export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
}
