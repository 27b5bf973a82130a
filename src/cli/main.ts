import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { pino } from "pino";
import { loadRules } from "../analysis/rules/load-rules.js";
import { RuleSet } from "../analysis/run-rules.js";
import { loadConfig } from "../config/load-config.js";
import { type Config, DEFAULT_CONFIG } from "../config/schema.js";
import { analyze } from "../engine.js";
import { atLeast, SEVERITIES, type Severity } from "../findings/finding.js";
import { toJson } from "../report/json.js";
import { toSarif } from "../report/sarif.js";
import { toText } from "../report/text.js";
import { SecretPatternSet } from "../secrets/detect.js";
import { loadSecretPatterns, secretRuleInfos } from "../secrets/load-patterns.js";
import { VERSION } from "../version.js";
import { resolveScanInput } from "./changes.js";

/** Exit codes of `diffguard scan`. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** The configuration file read when `--config` is not given, relative to the repository root. */
const DEFAULT_CONFIG_PATH = ".github/diffguard.yml";

interface ScanOptions {
  base?: string;
  head?: string;
  staged?: boolean;
  all?: boolean;
  format: "text" | "json" | "sarif";
  output?: string;
  config?: string;
  failOn?: Severity | "none";
  filter?: Config["filter"];
  verbose?: boolean;
}

/** Where a command writes: its output, and its error messages. */
export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal that shows colour. */
  color: boolean;
}

function readConfig(root: string, cwd: string, path: string | undefined): Config {
  const file = path ? resolve(cwd, path) : join(root, DEFAULT_CONFIG_PATH);
  if (!path && !existsSync(file)) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  return loadConfig(text, path ?? DEFAULT_CONFIG_PATH);
}

async function scan(paths: string[], options: ScanOptions, io: Io): Promise<number> {
  if ([options.staged, options.all, options.base || options.head].filter(Boolean).length > 1) {
    throw new CommanderError(
      EXIT.error,
      "diffguard.usage",
      "--staged, --all and --base/--head are mutually exclusive",
    );
  }
  const log = pino(
    { level: options.verbose ? "debug" : (process.env.LOG_LEVEL ?? "warn"), base: undefined },
    pino.destination(2),
  );
  const rules = loadRules();
  const secretPatterns = loadSecretPatterns();
  const input = await resolveScanInput(io.cwd, { ...options, paths });
  try {
    const fileConfig = readConfig(input.root, io.cwd, options.config);
    const config: Config = {
      ...fileConfig,
      ...(options.failOn ? { fail_on: options.failOn } : {}),
      ...(options.filter ? { filter: options.filter } : {}),
      ...(options.all ? { filter: "file" as const } : {}),
    };
    const analysis = await analyze(input.changes, {
      rules: new RuleSet(rules),
      secrets: new SecretPatternSet(secretPatterns),
      config,
      readFile: input.readFile,
      log,
    });
    log.info(
      {
        findings: analysis.findings.length,
        skipped: analysis.skipped.length,
        durationMs: Math.round(analysis.stats.durationMs),
      },
      `scanned ${input.description}`,
    );
    const rendered =
      options.format === "json"
        ? toJson(analysis, VERSION)
        : options.format === "sarif"
          ? `${JSON.stringify(
              toSarif(analysis.findings, {
                toolVersion: VERSION,
                rules: [...rules, ...secretRuleInfos(secretPatterns)],
                root: input.root,
                skipped: analysis.skipped,
              }),
              null,
              2,
            )}\n`
          : toText(analysis, { color: io.color && !options.output });
    if (options.output) writeFileSync(resolve(io.cwd, options.output), rendered);
    else io.stdout(rendered);
    const threshold = config.fail_on;
    const failing = threshold !== "none" && analysis.findings.some((f) => atLeast(f.severity, threshold));
    return failing ? EXIT.findings : EXIT.clean;
  } finally {
    input.close();
  }
}

/** Builds the command line program; `run` resolves with the exit code. */
export function buildProgram(io: Io, done: (code: number) => void): Command {
  const program = new Command("diffguard")
    .description("Security review of the lines you changed: SAST rules and secret detection.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("scan")
    .description(
      "Scan changes: by default HEAD and uncommitted work against the merge-base with the default branch.",
    )
    .argument("[paths...]", "limit the scan to these files or directories")
    .option("--base <ref>", "compare with this ref (its merge-base with HEAD, or with --head)")
    .option("--head <ref>", "scan the commits of this ref instead of the working tree")
    .option("--staged", "scan the index against HEAD (for a pre-commit hook)")
    .option("--all", "scan whole files under the paths, without git")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json", "sarif"]).default("text"),
    )
    .option("--output <file>", "write the report to a file instead of standard output")
    .option("--config <file>", `configuration file (default: ${DEFAULT_CONFIG_PATH} in the repository)`)
    .addOption(
      new Option(
        "--fail-on <severity>",
        "exit 1 when a finding is at least this severe (default: high)",
      ).choices([...SEVERITIES, "none"]),
    )
    .addOption(
      new Option("--filter <mode>", "report findings on added lines or anywhere in changed files").choices([
        "added",
        "file",
      ]),
    )
    .option("-v, --verbose", "log debugging detail to standard error")
    .exitOverride()
    .action(async (paths: string[], options: ScanOptions) => {
      done(await scan(paths, options, io));
    });
  return program;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves with the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.clean;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return EXIT.error;
    }
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.clean;
      if (error.code === "diffguard.usage") io.stderr(`diffguard: ${error.message}\n`);
      return EXIT.error;
    }
    io.stderr(`diffguard: ${(error as Error).message}\n`);
    return EXIT.error;
  }
}
