import { describe, expect, test } from "@jest/globals";
import { generateFake, seededRandom } from "../../src/secrets/fake.js";
import { patterns, scanText } from "../support/secrets.js";

/** Where a generated secret is put: a file name and the line around it. */
const CONTEXTS: { path: string; line: (secret: string) => string; fits: (secret: string) => boolean }[] = [
  { path: "notes.txt", line: (s) => s, fits: () => true },
  { path: "config/app.js", line: (s) => `const value = "${s}";`, fits: (s) => !/["\n\\]/.test(s) },
  { path: "settings.py", line: (s) => `VALUE = '${s}'`, fits: (s) => !/['\n\\]/.test(s) },
  { path: "deploy.yml", line: (s) => `    value: ${s}`, fits: (s) => !/[\n"]/.test(s) && !s.startsWith("{") },
];

test("the pack has at least 80 provider formats, with unique ids", () => {
  expect(patterns.length).toBeGreaterThanOrEqual(80);
  expect(new Set(patterns.map((p) => p.id)).size).toBe(patterns.length);
});

describe.each(patterns.map((p) => [p.id, p] as const))("%s", (_id, pattern) => {
  const random = seededRandom([...pattern.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const fakes = [generateFake(pattern.fake, random), generateFake(pattern.fake, random)];

  test.each(CONTEXTS.map((c) => [c.path, c] as const))(
    "generated secrets are found in %s",
    (_path, context) => {
      for (const { text: fake, parts } of fakes) {
        if (!context.fits(fake)) continue;
        const source = `first line\n${context.line(fake)}\nlast line\n`;
        const { findings } = scanText(context.path, source);
        const found = findings.find((f) => f.ruleId === pattern.id);
        expect({ fake: fake.slice(0, 6), ids: findings.map((f) => f.ruleId) }).toEqual({
          fake: fake.slice(0, 6),
          ids: expect.arrayContaining([pattern.id]),
        });
        expect(found?.range.start.line).toBe(2);
        // Never whole: no output field holds the secret or a long piece of it.
        for (const text of [found?.message ?? "", found?.snippet ?? "", JSON.stringify(found)]) {
          for (const part of parts) expect(text).not.toContain(part.slice(4));
        }
      }
    },
  );

  if (pattern.benign.length > 0) {
    test.each(pattern.benign.map((b) => [b.why, b] as const))("benign: %s", (_why, benign) => {
      const { findings } = scanText("notes.txt", `${benign.text}\n`);
      expect(findings.map((f) => f.ruleId)).not.toContain(pattern.id);
    });
  }
});
