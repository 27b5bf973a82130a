import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A real git repository in a temporary folder (or an existing one), for diffs made by git itself. */
export class GitRepo {
  readonly dir: string;

  constructor(existing?: string) {
    this.dir = existing ?? mkdtempSync(join(tmpdir(), "diffguard-test-"));
    if (!existing) this.git("init", "--quiet", "--initial-branch=main");
  }

  git(...args: string[]): string {
    return execFileSync("git", ["-c", "core.autocrlf=false", ...args], {
      cwd: this.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "test",
        GIT_AUTHOR_EMAIL: "test@example.invalid",
        GIT_COMMITTER_NAME: "test",
        GIT_COMMITTER_EMAIL: "test@example.invalid",
      },
    });
  }

  /** Runs git with input on stdin and returns its raw output. */
  gitBuffer(args: string[], input: string): Buffer {
    return execFileSync("git", args, { cwd: this.dir, input, maxBuffer: 1024 * 1024 * 1024 });
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  commit(message = "change"): this {
    this.git("add", "--all");
    this.git("commit", "--quiet", "--no-gpg-sign", "--allow-empty", "--message", message);
    return this;
  }

  /** `git diff` with the flags the CLI uses. */
  diff(...args: string[]): string {
    return this.git(
      "-c",
      "core.quotePath=false",
      "diff",
      "--no-color",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      "-M",
      ...args,
    );
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
