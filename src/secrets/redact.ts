/** Characters of a secret shown at most; the rest is replaced by an ellipsis. */
export const SHOWN_PREFIX = 4;

/**
 * The redacted form of a secret: its first characters, then `…`. Short secrets show less, so
 * that at most a quarter of the value is ever written anywhere.
 */
export function redact(secret: string): string {
  const shown = Math.min(SHOWN_PREFIX, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…`;
}

/** `text` with every occurrence of `secret` replaced by its redacted form. */
export function redactIn(text: string, secret: string): string {
  if (!secret) return text;
  return text.split(secret).join(redact(secret));
}

/**
 * `text` with every occurrence of `secret` masked in place: the redacted form padded with `•` to
 * the secret's length, so that columns (and fixes computed on them) stay where they were.
 */
export function maskIn(text: string, secret: string): string {
  if (!secret) return text;
  const shown = redact(secret);
  return text.split(secret).join(shown + "•".repeat(Math.max(0, secret.length - shown.length)));
}
