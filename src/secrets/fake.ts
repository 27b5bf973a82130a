import { crc32 } from "node:zlib";
import { base62 } from "./checks.js";

/** A deterministic pseudo-random source: returns a float in [0, 1). */
export type RandomSource = () => number;

/** A seeded generator (mulberry32), so generated test data is the same on every run. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABETS: Record<string, string> = {
  alnum: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  alpha: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  lower: "abcdefghijklmnopqrstuvwxyz",
  digits: "0123456789",
  hex: "0123456789abcdef",
  HEX: "0123456789ABCDEF",
  updig: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  lowdig: "abcdefghijklmnopqrstuvwxyz0123456789",
  base32: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  b64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  b64url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  bech32: "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
};

function randomString(alphabet: string, length: number, random: RandomSource): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function fakeJwt(random: RandomSource): string {
  const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
  const payload = Buffer.from(
    JSON.stringify({
      sub: randomString(ALPHABETS.digits as string, 8, random),
      iat: 1_700_000_000 + Math.floor(random() * 1e7),
    }),
  ).toString("base64url");
  return `${header}.${payload}.${randomString(ALPHABETS.b64url as string, 43, random)}`;
}

function fakePem(type: string, random: RandomSource): string {
  const label = type ? `${type} PRIVATE KEY` : "PRIVATE KEY";
  const lines = Array.from({ length: 8 }, () => randomString(ALPHABETS.b64 as string, 64, random));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----`;
}

/** A generated fake secret, and its random parts (what must never appear whole in any output). */
export interface Fake {
  text: string;
  parts: string[];
}

/**
 * Generates a fake secret from a template: literal text with placeholders
 * `{alphabet:N}` (N random characters of alnum, alpha, upper, lower, digits, hex, HEX, updig,
 * lowdig, base32, b64, b64url), `{crc32b62}` (the base-62 CRC32 of the previous random part, as
 * GitHub and npm tokens end), `{b64text:TEXT}` (TEXT in base64url), `{jwt}` and `{pem:TYPE}`.
 * A `~` after the brace (`{~lower:8}`) marks random text that is not secret, such as a host name.
 */
export function generateFake(template: string, random: RandomSource): Fake {
  let last = "";
  const parts: string[] = [];
  const text = template.replace(
    /\{(~?)([a-zA-Z0-9]+)(?::([^}]*))?\}/g,
    (whole, plain: string, name: string, arg: string | undefined) => {
      let out: string;
      if (name === "crc32b62") out = base62(crc32(last), 6);
      else if (name === "jwt") out = fakeJwt(random);
      else if (name === "pem") out = fakePem(arg ?? "", random);
      else if (name === "b64text") out = Buffer.from(arg ?? "").toString("base64url");
      else {
        const alphabet = ALPHABETS[name];
        if (!alphabet || arg === undefined) throw new Error(`unknown placeholder ${whole} in fake template`);
        out = randomString(alphabet, Number(arg), random);
        last = out;
      }
      if (!plain && name !== "b64text")
        parts.push(...out.split(/[\n.]/).filter((p) => p.length >= 8 && !p.includes("-----")));
      return out;
    },
  );
  return { text, parts };
}

/** The text of a generated fake secret (see generateFake). */
export function fakeSecret(template: string, random: RandomSource): string {
  return generateFake(template, random).text;
}
