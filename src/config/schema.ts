import { z } from "zod";
import { LANGUAGES } from "../analysis/languages.js";
import { FILTER_MODES } from "../diff/filter-mode.js";
import { SEVERITIES } from "../findings/finding.js";

/** Default largest file analysed, in bytes (1 MiB). */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** The repository configuration, `.github/diffguard.yml`. Every field is optional. */
export const ConfigSchema = z
  .strictObject({
    fail_on: z
      .enum([...SEVERITIES, "none"])
      .default("high")
      .describe("Lowest severity that fails the check (or the CLI's exit code); `none` never fails."),
    filter: z
      .enum(FILTER_MODES)
      .default("added")
      .describe("`added`: report findings on lines the change added; `file`: anywhere in a changed file."),
    max_file_size: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_MAX_FILE_SIZE)
      .describe("Largest file analysed, in bytes; larger files are skipped and listed with the reason."),
    parse_timeout_ms: z
      .number()
      .int()
      .positive()
      .default(5_000)
      .describe("Longest time one file may take to parse, in milliseconds, before it is skipped."),
    skip_generated: z
      .boolean()
      .default(true)
      .describe(
        "Skip minified, generated and vendored files (`*.min.js`, `@generated`, `node_modules/`, `vendor/`, `dist/`).",
      ),
    languages: z
      .array(z.enum(LANGUAGES))
      .default([...LANGUAGES])
      .describe("Languages analysed; others are skipped."),
    paths: z
      .strictObject({
        include: z.array(z.string()).default([]).describe("Globs of paths to analyse; empty means all."),
        exclude: z.array(z.string()).default([]).describe("Globs of paths never analysed."),
      })
      .prefault({})
      .describe("Which paths are analysed."),
    rules: z
      .strictObject({
        disable: z.array(z.string()).default([]).describe("Rule ids that never run."),
        severity: z
          .record(z.string(), z.enum(SEVERITIES))
          .default({})
          .describe("Rule id → severity, replacing the rule's own."),
      })
      .prefault({})
      .describe("Turn rules off or change their severity."),
    max_comments: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(25)
      .describe(
        "Most inline review comments in one review, ranked by severity then confidence; the rest go to the check run.",
      ),
    draft_prs: z
      .boolean()
      .default(false)
      .describe("Review draft pull requests too (otherwise they are reviewed when marked ready)."),
    comment: z
      .enum(["review", "annotations"])
      .default("review")
      .describe("`review`: inline review comments and the check run; `annotations`: the check run only."),
    suppression_markers: z
      .array(z.string().min(3))
      .default(["diffguard:ignore", "nosec", "nosemgrep"])
      .describe("Comments that silence code findings on their line or the line below them."),
    secrets: z
      .strictObject({
        enabled: z.boolean().default(true).describe("Look for secrets on added lines of every text file."),
        test_paths: z
          .enum(["lower", "skip", "report"])
          .default("lower")
          .describe(
            "Secrets in test, fixture and example paths: `lower` their severity and confidence, `skip` them, or `report` them as anywhere else.",
          ),
        allowlist: z
          .strictObject({
            paths: z.array(z.string()).default([]).describe("Globs of paths never scanned for secrets."),
            regexes: z
              .array(z.string())
              .default([])
              .describe("Regular expressions of values that are not secrets."),
            fingerprints: z
              .array(z.string())
              .default([])
              .describe("Fingerprints of findings accepted as harmless."),
          })
          .prefault({})
          .describe("What is known not to be a secret."),
      })
      .prefault({})
      .describe("Secret detection."),
  })
  .describe("diffguard configuration");

/** The configuration after defaults are applied. */
export type Config = z.infer<typeof ConfigSchema>;

/** The configuration used when a repository has none. */
export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
