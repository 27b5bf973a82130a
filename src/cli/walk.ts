import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** Directories never walked: they hold no source of the project's own. */
const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn"]);

interface Rules {
  base: string;
  matcher: Ignore;
}

function gitignoreAt(dir: string): Rules | null {
  const file = join(dir, ".gitignore");
  if (!existsSync(file)) return null;
  return { base: dir, matcher: ignore().add(readFileSync(file, "utf8")) };
}

function ignored(rules: readonly Rules[], path: string, isDir: boolean): boolean {
  for (const r of rules) {
    const rel = relative(r.base, path).split(sep).join("/");
    if (rel && !rel.startsWith("..") && r.matcher.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** `.gitignore` rules of the directories above `dir`, up to the root of its repository. */
function ancestorRules(dir: string): Rules[] {
  const rules: Rules[] = [];
  let current = resolve(dir);
  while (!existsSync(join(current, ".git"))) {
    const parent = dirname(current);
    if (parent === current) return [];
    current = parent;
    const own = gitignoreAt(current);
    if (own) rules.unshift(own);
  }
  return rules;
}

/**
 * Every file under `paths` (files are taken as given), skipping what `.gitignore` files in the
 * walked directories exclude, and version-control and dependency folders. Absolute paths, sorted.
 */
export function walkFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string, inherited: readonly Rules[]) => {
    const own = gitignoreAt(dir);
    const rules = own ? [...inherited, own] : inherited;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || ignored(rules, path, true)) continue;
        visit(path, rules);
      } else if (entry.isFile() && !ignored(rules, path, false)) {
        out.push(path);
      }
    }
  };
  for (const p of paths) {
    if (statSync(p).isDirectory()) visit(p, ancestorRules(p));
    else out.push(p);
  }
  return [...new Set(out)].sort();
}
