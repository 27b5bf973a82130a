/** One line of a hunk. Line numbers are 1-based; `oldLine` is absent on added lines, `newLine` on removed ones. */
export interface DiffLine {
  kind: "add" | "del" | "context";
  oldLine?: number;
  newLine?: number;
  text: string;
}

/** One `@@ -a,b +c,d @@` section of a diff. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

export type FileStatus = "added" | "deleted" | "modified" | "renamed" | "copied";

/** The change to one file. Paths are repository-relative and POSIX; `null` on the side that does not exist. */
export interface FileDiff {
  oldPath: string | null;
  newPath: string | null;
  status: FileStatus;
  binary: boolean;
  oldMode?: string;
  newMode?: string;
  /** Rename or copy similarity in percent, when git reports it. */
  similarity?: number;
  hunks: Hunk[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Splits text into lines, accepting LF and CRLF endings, without a trailing empty line. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Reads hunks starting at `lines[start]`; returns them and the index of the first line after them. */
function readHunks(lines: string[], start: number): { hunks: Hunk[]; next: number } {
  const hunks: Hunk[] = [];
  let i = start;
  while (i < lines.length) {
    const header = HUNK_HEADER.exec(lines[i] ?? "");
    if (!header) break;
    const hunk: Hunk = {
      oldStart: Number(header[1]),
      oldLines: header[2] === undefined ? 1 : Number(header[2]),
      newStart: Number(header[3]),
      newLines: header[4] === undefined ? 1 : Number(header[4]),
      lines: [],
    };
    i++;
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    let oldLeft = hunk.oldLines;
    let newLeft = hunk.newLines;
    // The header's counts, not the line prefixes, decide where a hunk ends: a removed line
    // whose text starts with "-- " would otherwise look like the next file's "--- " header.
    while (i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i]?.startsWith("\\"))) {
      const line = lines[i] as string;
      const marker = line[0];
      const text = line.slice(1);
      if (marker === "+") {
        hunk.lines.push({ kind: "add", newLine: newLine++, text });
        newLeft--;
      } else if (marker === "-") {
        hunk.lines.push({ kind: "del", oldLine: oldLine++, text });
        oldLeft--;
      } else if (marker === " " || line === "") {
        hunk.lines.push({ kind: "context", oldLine: oldLine++, newLine: newLine++, text });
        oldLeft--;
        newLeft--;
      } else if (marker !== "\\") {
        // "\ No newline at end of file" is skipped; anything else means the hunk was cut short.
        break;
      }
      i++;
    }
    hunks.push(hunk);
  }
  return { hunks, next: i };
}

/**
 * Parses the hunks of one file's patch as GitHub returns it in `pulls.listFiles` (`patch`):
 * hunks only, no file headers. An empty or missing patch gives no hunks.
 */
export function parsePatch(patch: string | undefined | null): Hunk[] {
  if (!patch) return [];
  const lines = splitLines(patch);
  const first = lines.findIndex((line) => HUNK_HEADER.test(line));
  return first < 0 ? [] : readHunks(lines, first).hunks;
}

/** Undoes git's C-style quoting of paths with special characters (`"a/caf\303\251.js"`). */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Strips git's `a/` or `b/` prefix; `/dev/null` becomes null. */
function stripPrefix(path: string): string | null {
  const unquoted = unquote(path.trim());
  if (unquoted === "/dev/null") return null;
  return unquoted.replace(/^[ab]\//, "");
}

/** Paths from `diff --git a/X b/Y` when nothing else names them: split where both halves agree. */
function pathsFromGitHeader(rest: string): { oldPath: string; newPath: string } | null {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*"|\S.*)$/.exec(rest);
    if (m) return { oldPath: stripPrefix(m[1] as string) ?? "", newPath: stripPrefix(m[2] as string) ?? "" };
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === " ") {
    const a = stripPrefix(rest.slice(0, half)) ?? "";
    const b = stripPrefix(rest.slice(half + 1)) ?? "";
    if (a === b) return { oldPath: a, newPath: b };
  }
  const m = /^(\S+) (\S+)$/.exec(rest);
  return m
    ? { oldPath: stripPrefix(m[1] as string) ?? "", newPath: stripPrefix(m[2] as string) ?? "" }
    : null;
}

/** git's extended header lines: the fields each one sets, and the status it implies. */
type HeaderEffect = Partial<
  Pick<FileDiff, "oldPath" | "newPath" | "oldMode" | "newMode" | "similarity" | "binary">
> & {
  status?: FileStatus;
};
const EXTENDED_HEADERS: [RegExp, (value: string) => HeaderEffect][] = [
  [/^old mode (\d+)/, (v) => ({ oldMode: v })],
  [/^new mode (\d+)/, (v) => ({ newMode: v })],
  [/^new file mode (\d+)/, (v) => ({ newMode: v, status: "added" })],
  [/^deleted file mode (\d+)/, (v) => ({ oldMode: v, status: "deleted" })],
  [/^(?:dis)?similarity index (\d+)%/, (v) => ({ similarity: Number(v) })],
  [/^rename from (.*)$/, (v) => ({ oldPath: unquote(v), status: "renamed" })],
  [/^rename to (.*)$/, (v) => ({ newPath: unquote(v) })],
  [/^copy from (.*)$/, (v) => ({ oldPath: unquote(v), status: "copied" })],
  [/^copy to (.*)$/, (v) => ({ newPath: unquote(v) })],
  [/^(Binary files .* differ|GIT binary patch)$/, () => ({ binary: true })],
];

/**
 * Parses unified diff text as `git diff` prints it (with `a/` and `b/` prefixes), or a plain
 * `diff -u` with `---`/`+++` headers, into one entry per file.
 */
export function parseDiff(text: string): FileDiff[] {
  const lines = splitLines(text);
  const files: FileDiff[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const isGit = line.startsWith("diff --git ");
    if (!isGit && !line.startsWith("--- ")) {
      i++;
      continue;
    }
    const file: FileDiff = { oldPath: null, newPath: null, status: "modified", binary: false, hunks: [] };
    let explicitStatus: FileStatus | null = null;
    if (isGit) {
      const paths = pathsFromGitHeader(line.slice("diff --git ".length));
      if (paths) {
        file.oldPath = paths.oldPath;
        file.newPath = paths.newPath;
      }
      i++;
      for (; i < lines.length; i++) {
        const h = lines[i] as string;
        if (h.startsWith("diff --git ") || h.startsWith("--- ") || HUNK_HEADER.test(h)) break;
        for (const [pattern, apply] of EXTENDED_HEADERS) {
          const m = pattern.exec(h);
          if (!m) continue;
          const { status, ...fields } = apply(m[1] as string);
          Object.assign(file, fields);
          if (status) explicitStatus = status;
          break;
        }
      }
    }
    if (lines[i]?.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ")) {
      const oldName = (lines[i] as string).slice(4).split("\t")[0] as string;
      const newName = (lines[i + 1] as string).slice(4).split("\t")[0] as string;
      file.oldPath = stripPrefix(oldName);
      file.newPath = stripPrefix(newName);
      i += 2;
    } else if (!isGit) {
      i++;
      continue;
    }
    if (explicitStatus === "added") file.oldPath = null;
    if (explicitStatus === "deleted") file.newPath = null;
    const { hunks, next } = readHunks(lines, i);
    file.hunks = hunks;
    i = next;
    if (file.oldPath === null) file.status = "added";
    else if (file.newPath === null) file.status = "deleted";
    else file.status = explicitStatus ?? (file.oldPath !== file.newPath ? "renamed" : "modified");
    files.push(file);
  }
  return files;
}
