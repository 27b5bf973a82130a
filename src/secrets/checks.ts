import { crc32 } from "node:zlib";
import type { CheckName } from "./schema.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A number in base 62, left-padded with zeros to `width` digits. */
export function base62(value: number, width: number): string {
  let out = "";
  let n = value >>> 0;
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

/**
 * The checksum scheme of GitHub's and npm's new tokens: the last 6 characters are the CRC32 of
 * the 30 random characters before them, in base 62. GitHub does not document it, so a token that
 * fails is still reported, with lower confidence.
 */
function crc32Base62(token: string): boolean {
  const body = token.replace(/^[a-z]+_/, "");
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

function decodeBase64Url(part: string): string | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(part)) return null;
  try {
    return Buffer.from(part, "base64url").toString("utf8");
  } catch {
    return null;
  }
}

/** A JWT whose header is a JSON object with `alg` and whose payload is a JSON object. */
function jwt(token: string): boolean {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || signature === undefined) return false;
  try {
    const h = JSON.parse(decodeBase64Url(header) ?? "null");
    const p = JSON.parse(decodeBase64Url(payload) ?? "null");
    return (
      typeof h === "object" && h !== null && typeof h.alg === "string" && typeof p === "object" && p !== null
    );
  } catch {
    return false;
  }
}

/** A PyPI token is a macaroon whose first bytes name pypi.org or test.pypi.org. */
function pypiMacaroon(token: string): boolean {
  const body = token.replace(/^pypi-/, "");
  const decoded = Buffer.from(body.slice(0, 40), "base64url").toString("latin1");
  return /pypi\.org/.test(decoded);
}

/** A PEM body: enough base64 to be a real key, not dots or a placeholder. */
function pemBody(block: string): boolean {
  const body = block
    .replace(/-----(BEGIN|END)[^-]*-----/g, "")
    .replace(/\\n|\\r/g, "")
    .replace(/^[A-Za-z-]+:.*$/gm, "")
    .replace(/[\s"'+,]/g, "");
  const base64 = body.replace(/[^A-Za-z0-9+/=]/g, "");
  if (base64.length < 64 || base64.length < body.length * 0.9) return false;
  return new Set(base64).size >= 16;
}

const CHECKS: Record<CheckName, (secret: string) => boolean> = {
  "github-crc32": crc32Base62,
  "npm-crc32": crc32Base62,
  jwt,
  "pypi-macaroon": pypiMacaroon,
  "pem-body": pemBody,
  "entropy-only": () => true,
};

/** Runs a named structural check on a secret value. */
export function runCheck(name: CheckName, secret: string): boolean {
  return CHECKS[name](secret);
}
