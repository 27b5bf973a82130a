import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { issuePath } from "./issue-path.js";
import { type Config, ConfigSchema } from "./schema.js";

/** A configuration that cannot be used; the message names the key and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly key: string,
    problem: string,
  ) {
    super(`${source}: ${key ? `${key}: ` : ""}${problem}`);
    this.name = "ConfigError";
  }
}

function keyOf(issue: z.core.$ZodIssue): string {
  const key = issuePath(issue);
  if (issue.code === "unrecognized_keys") return [key, issue.keys.join(", ")].filter(Boolean).join(".");
  return key;
}

/** Validates already-parsed configuration data (for example from Probot's `context.config`). */
export function parseConfig(data: unknown, source: string): Config {
  const parsed = ConfigSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new ConfigError(source, keyOf(issue), issue.message);
  }
  return parsed.data;
}

/** Parses and validates the text of a configuration file; throws ConfigError. */
export function loadConfig(text: string, source: string): Config {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ConfigError(source, "", `is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  return parseConfig(data, source);
}
