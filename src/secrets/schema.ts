import { z } from "zod";
import { CONFIDENCES, SEVERITIES } from "../findings/finding.js";

/** What a secret is; decides severity defaults, CWE and how the message words it. */
export const SECRET_KINDS = [
  "token",
  "api-key",
  "secret-key",
  "private-key",
  "password",
  "connection-string",
  "webhook-url",
  "jwt",
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Structural checks a pattern can ask for (see secrets/checks.ts). */
export const CHECKS = [
  "github-crc32",
  "npm-crc32",
  "jwt",
  "pypi-macaroon",
  "pem-body",
  "entropy-only",
] as const;
export type CheckName = (typeof CHECKS)[number];

const BenignSchema = z.strictObject({
  text: z.string().min(1).describe("A line that looks like this secret but must not be reported."),
  why: z.string().min(3).describe("Why it must not be reported."),
});

/** One secret format of a provider. */
export const SecretPatternSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, "kebab-case, starting with the provider")
    .describe("Unique id of the format, used as the finding's rule id."),
  title: z
    .string()
    .min(3)
    .max(80)
    .describe("What the secret is, e.g. `GitHub personal access token (classic)`."),
  kind: z.enum(SECRET_KINDS).describe("The kind of secret."),
  severity: z.enum(SEVERITIES).default("critical").describe("Severity of a verified match."),
  confidence: z.enum(CONFIDENCES).default("high").describe("Confidence of a match that passes its checks."),
  regex: z
    .string()
    .min(4)
    .describe(
      "JavaScript regular expression (a leading `(?i)` makes it case-insensitive); the `secret` named group, " +
        "else group 1, else the whole match is the secret. Must run in linear time: no nested quantifiers.",
    ),
  keywords: z
    .array(z.string().min(2))
    .min(1)
    .describe("Lower-case words of which one must be in the text before the regex runs (a fast pre-filter)."),
  check: z.enum(CHECKS).optional().describe("A structural check of the secret."),
  on_check_failure: z
    .enum(["drop", "lower"])
    .default("drop")
    .describe("`drop`: a secret failing the check is not reported; `lower`: it is, with low confidence."),
  entropy: z
    .number()
    .min(0)
    .max(8)
    .optional()
    .describe("Least Shannon entropy of the secret, in bits per character."),
  allow: z
    .array(z.string())
    .default([])
    .describe("Regular expressions of secret values that are known to be harmless."),
  env: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .describe("Environment variable suggested in the fix when the code gives no better name."),
  fake: z
    .string()
    .min(3)
    .describe("Template that generates valid-looking fake secrets for tests (see secrets/fake.ts)."),
  benign: z
    .array(BenignSchema)
    .default([])
    .describe("Look-alikes that must not be reported, each with the reason."),
});
export type SecretPatternSpec = z.infer<typeof SecretPatternSchema>;

/** A provider file, `rules/secrets/<provider>.yml`. */
export const ProviderSchema = z.strictObject({
  provider: z.string().min(2).describe("The provider's name as users know it."),
  revoke: z.url().optional().describe("Where a leaked secret of this provider is revoked or rotated."),
  patterns: z.array(SecretPatternSchema).min(1).describe("The provider's secret formats."),
});
export type ProviderSpec = z.infer<typeof ProviderSchema>;
