import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Largest git output read into memory, in bytes. */
const MAX_GIT_OUTPUT = 1024 * 1024 * 1024;

/** A git command that failed; the message carries git's own explanation. */
export class GitError extends Error {
  constructor(args: readonly string[], stderr: string) {
    super(`git ${args.join(" ")} failed: ${stderr.trim().split("\n")[0] || "unknown error"}`);
    this.name = "GitError";
  }
}

/** Runs git in `cwd` (never through a shell) and returns its standard output. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run("git", ["-c", "core.quotePath=false", ...args], {
      cwd,
      maxBuffer: MAX_GIT_OUTPUT,
      encoding: "utf8",
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; code?: string; message: string };
    if (e.code === "ENOENT") throw new GitError(args, "git is not installed or not on PATH");
    throw new GitError(args, e.stderr || e.message);
  }
}

/** Runs git and returns null instead of failing. */
export async function tryGit(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    return await git(cwd, args);
  } catch {
    return null;
  }
}

/**
 * Reads blobs (`<rev>:<path>`, or `:<path>` for the index) through one long-lived
 * `git cat-file --batch`, so a scan costs one process however many files it reads.
 */
export class BlobReader {
  private readonly child;
  private buffer = Buffer.alloc(0);
  private readonly waiting: { resolve: (b: Buffer | null) => void; reject: (e: Error) => void }[] = [];

  constructor(cwd: string) {
    this.child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    this.child.on("error", (error) => {
      for (const w of this.waiting.splice(0)) w.reject(error);
    });
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const eol = this.buffer.indexOf(10);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString("utf8");
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.waiting.shift()?.resolve(null);
        continue;
      }
      const size = Number(header.split(" ")[2]);
      if (this.buffer.length < eol + 1 + size + 1) return;
      const body = this.buffer.subarray(eol + 1, eol + 1 + size);
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      const isBlob = header.split(" ")[1] === "blob";
      this.waiting.shift()?.resolve(isBlob ? Buffer.from(body) : null);
    }
  }

  /** The blob's bytes, or null when it does not exist or is not a file. */
  read(spec: string): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${spec}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
