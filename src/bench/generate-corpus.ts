/**
 * Generates realistic-looking JavaScript and Python source for benchmarks: modules with imports,
 * classes, functions, loops, literals and comments, with a few vulnerable lines (and safe
 * look-alikes) mixed in. Deterministic for a given seed.
 */

const WORDS = [
  "user",
  "order",
  "invoice",
  "account",
  "session",
  "report",
  "item",
  "cart",
  "payment",
  "profile",
  "message",
  "channel",
  "ticket",
  "product",
  "price",
  "record",
  "event",
  "queue",
  "job",
  "stage",
  "config",
  "cache",
  "entry",
  "topic",
  "result",
  "status",
  "count",
  "total",
  "limit",
  "offset",
];

/** A small deterministic pseudo-random generator (mulberry32). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function camel(r: Random, parts = 2): string {
  const words = Array.from({ length: parts }, () => r.pick(WORDS));
  return words.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join("");
}

function snake(r: Random, parts = 2): string {
  return Array.from({ length: parts }, () => r.pick(WORDS)).join("_");
}

const JS_VULNERABLE = [
  (r: Random) =>
    `  const rows = await db.query(\`SELECT * FROM ${r.pick(WORDS)}s WHERE id = '\${req.params.id}'\`);`,
  () => "  const value = eval(req.body.expression);",
  (r: Random) => `  exec("convert " + ${camel(r)} + " out.png", done);`,
  () => "  const resetToken = Math.random().toString(36).slice(2);",
];

const JS_SAFE_LOOKALIKES = [
  (r: Random) =>
    `  const rows = await db.query("SELECT * FROM ${r.pick(WORDS)}s WHERE id = $1", [req.params.id]);`,
  () => "  const parsed = JSON.parse(body);",
  (r: Random) => `  execFile("convert", [${camel(r)}, "out.png"], done);`,
  () => "  const jitter = Math.random() * 100;",
];

function jsFunction(r: Random, vulnerable: boolean): string[] {
  const name = camel(r, 3);
  const a = camel(r);
  const b = camel(r);
  const lines = [
    "/**",
    ` * Loads the ${r.pick(WORDS)} and updates the ${r.pick(WORDS)} totals.`,
    ` * @param {object} ${a}`,
    " */",
    `export async function ${name}(req, res, ${a}) {`,
    `  const ${b} = { id: ${a}.id, name: \`\${${a}.first} \${${a}.last}\`, tags: [], total: 0 };`,
    `  for (const ${r.pick(WORDS)} of ${a}.items ?? []) {`,
    `    if (!${b}.tags.includes(${a}.kind)) ${b}.tags.push(${a}.kind);`,
    `    ${b}.total += Number(${a}.amount) * ${r.int(100) + 1};`,
    "  }",
  ];
  const extra = r.int(4);
  for (let i = 0; i < extra; i++) {
    const c = camel(r);
    lines.push(
      `  const ${c}${i} = ${b}.tags.map((t) => t.toUpperCase()).filter(Boolean);`,
      `  if (${c}${i}.length > ${r.int(10)}) {`,
      `    logger.info({ ${c}${i}, id: ${b}.id }, "${r.pick(WORDS)} updated");`,
      "  }",
    );
  }
  if (r.chance(0.1)) lines.push("  const token = req.headers.authorization ?? process.env.API_TOKEN;");
  lines.push(vulnerable ? r.pick(JS_VULNERABLE)(r) : r.pick(JS_SAFE_LOOKALIKES)(r));
  lines.push(`  res.json(${b});`, "}", "");
  return lines;
}

function jsClass(r: Random): string[] {
  const name = camel(r, 2);
  const cls = name[0]?.toUpperCase() + name.slice(1);
  return [
    `export class ${cls}Service {`,
    "  #cache = new Map();",
    "",
    "  constructor(store, options = {}) {",
    "    this.store = store;",
    `    this.limit = options.limit ?? ${r.int(500) + 10};`,
    "  }",
    "",
    `  async get${cls}(id) {`,
    "    if (this.#cache.has(id)) return this.#cache.get(id);",
    `    const found = await this.store.find({ id, kind: "${r.pick(WORDS)}" });`,
    "    this.#cache.set(id, found);",
    "    return found;",
    "  }",
    "",
    "  clear() {",
    "    this.#cache.clear();",
    "  }",
    "}",
    "",
  ];
}

/** One JavaScript module of roughly `targetLines` lines; vulnerable lines appear with probability `rate` per function. */
export function javascriptModule(r: Random, targetLines: number, rate: number): string {
  const lines = [
    'import { logger } from "./logger.js";',
    'import { db } from "./db.js";',
    'const { exec, execFile } = require("child_process");',
    "",
    `const DEFAULT_${snake(r).toUpperCase()} = ${r.int(1000)};`,
    "",
  ];
  while (lines.length < targetLines) {
    if (r.chance(0.2)) lines.push(...jsClass(r));
    else lines.push(...jsFunction(r, r.chance(rate)));
  }
  return `${lines.join("\n")}\n`;
}

const PY_VULNERABLE = [
  (r: Random) => `    cursor.execute(f"SELECT * FROM ${r.pick(WORDS)}s WHERE name = '{name}'")`,
  () => "    data = yaml.load(body)",
  () => '    subprocess.run(f"tar xzf {archive}", shell=True, check=True)',
  () => "    obj = pickle.loads(blob)",
];

const PY_SAFE_LOOKALIKES = [
  (r: Random) => `    cursor.execute("SELECT * FROM ${r.pick(WORDS)}s WHERE name = %s", (name,))`,
  () => "    data = yaml.safe_load(body)",
  () => '    subprocess.run(["tar", "xzf", archive], check=True)',
  () => "    obj = json.loads(blob)",
];

function pyFunction(r: Random, vulnerable: boolean): string[] {
  const name = snake(r, 3);
  const a = snake(r);
  const b = snake(r);
  const lines = [
    `def ${name}(cursor, ${a}, name="", body="", archive="", blob=b""):`,
    `    """Return the ${r.pick(WORDS)} summary for ${a}."""`,
    `    ${b} = {"id": ${a}.get("id"), "tags": [], "total": 0}`,
    `    for item in ${a}.get("items", []):`,
    `        if item["kind"] not in ${b}["tags"]:`,
    `            ${b}["tags"].append(item["kind"])`,
    `        ${b}["total"] += float(item.get("amount", 0)) * ${r.int(100) + 1}`,
  ];
  const extra = r.int(4);
  for (let i = 0; i < extra; i++) {
    const c = snake(r);
    lines.push(
      `    ${c}_${i} = [t.upper() for t in ${b}["tags"] if t]`,
      `    if len(${c}_${i}) > ${r.int(10)}:`,
      `        logger.info("%s updated: %d", ${b}["id"], len(${c}_${i}))`,
    );
  }
  if (r.chance(0.1)) lines.push('    password = os.environ.get("DB_PASSWORD", "")');
  lines.push(vulnerable ? r.pick(PY_VULNERABLE)(r) : r.pick(PY_SAFE_LOOKALIKES)(r));
  lines.push(`    return ${b}`, "", "");
  return lines;
}

function pyClass(r: Random): string[] {
  const name = camel(r, 2);
  const cls = name[0]?.toUpperCase() + name.slice(1);
  return [
    `class ${cls}Repository:`,
    `    """Stores ${r.pick(WORDS)} records."""`,
    "",
    "    def __init__(self, store, limit=100):",
    "        self.store = store",
    "        self.limit = limit",
    "        self._cache = {}",
    "",
    "    def get(self, key):",
    "        if key in self._cache:",
    "            return self._cache[key]",
    `        found = self.store.find(key=key, kind="${r.pick(WORDS)}")`,
    "        self._cache[key] = found",
    "        return found",
    "",
    "",
  ];
}

/** One Python module of roughly `targetLines` lines. */
export function pythonModule(r: Random, targetLines: number, rate: number): string {
  const lines = [
    "import json",
    "import logging",
    "import pickle",
    "import subprocess",
    "",
    "import yaml",
    "",
    "logger = logging.getLogger(__name__)",
    `DEFAULT_${snake(r).toUpperCase()} = ${r.int(1000)}`,
    "",
    "",
  ];
  while (lines.length < targetLines) {
    if (r.chance(0.2)) lines.push(...pyClass(r));
    else lines.push(...pyFunction(r, r.chance(rate)));
  }
  return `${lines.join("\n")}\n`;
}
