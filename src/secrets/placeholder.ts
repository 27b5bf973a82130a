/** Words that mark a value as a stand-in rather than a real secret. */
const PLACEHOLDER_WORDS =
  /(?:^|[^A-Za-z0-9])(your|my)[_-]?\w*(key|token|secret|password|pass|here)|example|sample|placeholder|changeme|change[_-]me|replace[_-]?me|redacted|dummy|fake|insert|todo|fixme|xxxx|\*\*\*|\.\.\.|<[^>]*>|^none$|^null$|^nil$|^undefined$|^true$|^false$/i;

/** Template and variable syntaxes: the value is filled in from elsewhere. */
const TEMPLATE =
  /\$\{[^}]*\}|\{\{[^}]*\}\}|\$\(|%\([^)]*\)[sd]|%[sd]\b|#\{[^}]*\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\$?[A-Z_]+|^%[A-Z_]+%$|^@[A-Za-z_]+@$|^\{[A-Za-z_]+\}$/;

/** Values everybody uses in examples and local set-ups. */
const WELL_KNOWN = new Set([
  "password",
  "passwd",
  "pass",
  "secret",
  "token",
  "apikey",
  "api_key",
  "admin",
  "root",
  "guest",
  "test",
  "testing",
  "postgres",
  "mysql",
  "redis",
  "user",
  "username",
  "changeit",
  "letmein",
  "qwerty",
  "default",
  "foobar",
  "foo",
  "bar",
  "baz",
  "hunter2",
  "s3cr3t",
  "supersecret",
  "mysecret",
  "secretkey",
  "development",
  "devpassword",
  "localhost",
]);

function isSequential(value: string): boolean {
  if (value.length < 6) return false;
  let up = true;
  let down = true;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    const wraps = value[i - 1] === "9" && value[i] === "0";
    if (d !== 1 && !wraps) up = false;
    if (d !== -1) down = false;
  }
  return up || down;
}

/** True when the value is one unit repeated (`abcabcabc`, `xxxxxx`, `1234567890abcdef1234567890ab`). */
function isRepetition(value: string): boolean {
  for (let unit = 1; unit * 2 <= value.length; unit++) {
    let periodic = true;
    for (let i = unit; i < value.length && periodic; i++) periodic = value[i] === value[i - unit];
    if (periodic) return true;
  }
  return false;
}

/**
 * True when the value holds a run no random generator makes: 6 or more of one character
 * (`ghp_Token00000000`) or 8 or more consecutive characters (`12345678`, `abcdefgh`).
 */
function hasFillerRun(value: string): boolean {
  let same = 1;
  let sequence = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    same = d === 0 ? same + 1 : 1;
    sequence = d === 1 ? sequence + 1 : 1;
    if (same >= 6 || sequence >= 8) return true;
  }
  return false;
}

/**
 * True when a value is a placeholder, a template or an example rather than a secret:
 * `YOUR_API_KEY`, `<token>`, `xxxx`, `changeme`, `${VAR}`, `{{ secret }}`, `%(x)s`, `$VAR`,
 * `***`, `REDACTED`, one repeated or sequential run of characters, or a well-known default.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (TEMPLATE.test(v) || PLACEHOLDER_WORDS.test(v)) return true;
  if (WELL_KNOWN.has(v.toLowerCase())) return true;
  const core = v.replace(/^[A-Za-z]{2,8}[_-]/, "");
  if (isRepetition(core) || isSequential(core) || hasFillerRun(core)) return true;
  // A value of mostly one filler character, such as sk_live_XXXXXXXXXXXXabc or 0000-0000-...
  const filler = core.match(/([xX*0#.\-_])\1{5,}/);
  if (filler && filler[0].length * 2 >= core.length) return true;
  return false;
}

/**
 * True when a value is data that only looks random: a UUID, a hash in hex, a lockfile integrity
 * string, a data URL or base64 image, a file path, a version, or a URL without credentials.
 */
export function isBenignData(value: string): boolean {
  const v = value.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return true;
  if (/^arn:aws[\w-]*:/.test(v)) return true;
  // Values encrypted for a tool to decrypt ({cipher}..., Maven's {DESede}...).
  if (/^\{[A-Za-z0-9]+\}/.test(v)) return true;
  if (/^(sha1|sha256|sha384|sha512|md5)[-:][A-Za-z0-9+/=]+$/i.test(v)) return true;
  if (/^data:[\w/+.-]+;base64,/i.test(v)) return true;
  if (/^(iVBORw0KGgo|\/9j\/|R0lGOD|PHN2Zy|UklGR)/.test(v)) return true;
  if (/^(\.{0,2}\/|~\/|[A-Za-z]:\\)[\w./\\-]+$/.test(v)) return true;
  if (/^v?\d+(\.\d+){1,3}([-+][\w.]+)?$/.test(v)) return true;
  if (/^https?:\/\/[^\s:@]+$/.test(v)) return true;
  if (/^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(v)) return true;
  if (/^#?[0-9a-f]{3,8}$/i.test(v) && v.length <= 9) return true;
  return false;
}
