import { z } from "zod";
import { CONFIDENCES, SEVERITIES } from "../../findings/finding.js";
import { LANGUAGES } from "../languages.js";

const captureName = z
  .string()
  .regex(/^[A-Za-z_][\w-]*$/, "a capture name: letters, digits, '_' or '-'")
  .describe("Name of a capture in `query`, without the `@`.");

/** A JavaScript regular expression source; a leading `(?i)` makes it case-insensitive. */
const regex = z
  .string()
  .min(1)
  .describe("A JavaScript regular expression; a leading `(?i)` makes it case-insensitive.");

/** A condition on a match that a tree-sitter predicate cannot express. */
export const ConstraintSchema = z.union([
  z
    .strictObject({
      capture: captureName,
      constant: z
        .boolean()
        .describe(
          "true: the captured value folds to a compile-time constant (literals, their concatenation, " +
            "names bound once to constants); false: it does not, so it may carry outside input.",
        ),
    })
    .describe("Constant-ness of the captured value."),
  z
    .strictObject({
      capture: captureName,
      matches: regex.describe(
        "The captured value's text, after following a name to its one assignment, matches.",
      ),
    })
    .describe("Text of the captured value matches."),
  z
    .strictObject({
      capture: captureName,
      not_matches: regex.describe(
        "The captured value's text, after following a name to its assignment, does not match.",
      ),
    })
    .describe("Text of the captured value does not match."),
  z
    .strictObject({
      capture: captureName,
      named: regex.describe(
        "The name the captured value is bound to (variable, property, key, keyword argument, or the " +
          "function that returns it) matches.",
      ),
    })
    .describe("Name the value is bound to matches."),
  z
    .strictObject({ file_matches: regex.describe("The whole file's text matches (for example, an import).") })
    .describe("The file matches."),
]);
export type Constraint = z.infer<typeof ConstraintSchema>;

const VulnerableExampleSchema = z.strictObject({
  code: z.string().min(1).describe("Source that the rule must report."),
  line: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("1-based line where the finding must start; required when `code` has more than one line."),
  fixed: z
    .string()
    .optional()
    .describe("The whole source after the fix is applied; the example must then offer a fix."),
});

/** A rule file, validated strictly: unknown keys are errors. */
export const RuleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, "kebab-case, starting with the language: `<lang>-<what>`")
      .describe("Unique id; equals the file name without `.yml`."),
    title: z
      .string()
      .min(3)
      .max(80)
      .describe("One-line title shown in comments and SARIF `shortDescription`."),
    languages: z.array(z.enum(LANGUAGES)).min(1).describe("Languages whose files the rule runs on."),
    severity: z.enum(SEVERITIES).describe("How bad a true positive is."),
    confidence: z.enum(CONFIDENCES).describe("How likely a match is a true positive."),
    cwe: z
      .array(z.string().regex(/^CWE-\d+$/, "a CWE id such as CWE-78"))
      .min(1)
      .describe("CWE ids of the weakness."),
    owasp: z
      .array(z.string().regex(/^A\d{2}:\d{4}$/, "an OWASP Top 10 id such as A03:2021"))
      .optional()
      .describe("OWASP Top 10 categories."),
    message: z
      .string()
      .min(1)
      .describe("What is wrong, one sentence; `{{capture}}` inserts a capture's text."),
    note: z
      .string()
      .optional()
      .describe("Markdown shown under the message: why it matters and how to fix it."),
    references: z
      .array(z.url())
      .optional()
      .describe("Links for further reading; the first is the help link."),
    query: z
      .string()
      .min(1)
      .describe("tree-sitter query; its `@match` capture (or `report`) is the reported range."),
    report: captureName.default("match").describe("Capture whose range is reported."),
    where: z
      .array(ConstraintSchema)
      .optional()
      .describe("Further conditions on a match, all of which must hold."),
    fix: z
      .strictObject({
        capture: captureName.describe(
          "Capture replaced by the fix; no fix is offered when a match lacks it.",
        ),
        replace: z.string().describe("Replacement text; `{{capture}}` inserts a capture's text."),
      })
      .optional()
      .describe("A safe rewrite offered as a one-click suggestion."),
    examples: z
      .strictObject({
        vulnerable: z.array(VulnerableExampleSchema).min(1).describe("Code the rule must report."),
        safe: z.array(z.string().min(1)).min(1).describe("Code the rule must not report."),
      })
      .describe("The rule's own test cases, run by the generic rule test."),
  })
  .superRefine((rule, ctx) => {
    rule.examples.vulnerable.forEach((example, i) => {
      if (example.code.trimEnd().includes("\n") && example.line === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["examples", "vulnerable", i, "line"],
          message: "required for a multi-line example",
        });
    });
  });

export type RuleSpec = z.infer<typeof RuleSchema>;
