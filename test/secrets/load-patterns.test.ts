import { describe, expect, test } from "@jest/globals";
import { RuleLoadError } from "../../src/analysis/rules/load-rules.js";
import { compileProvider } from "../../src/secrets/load-patterns.js";

const pattern = {
  id: "acme-api-key",
  title: "Acme API key",
  kind: "api-key",
  regex: "\\bacme_[a-z0-9]{32}\\b",
  keywords: ["acme_"],
  env: "ACME_API_KEY",
  fake: "acme_{lowdig:32}",
};

function problem(override: Record<string, unknown>): string {
  try {
    compileProvider({ provider: "Acme", patterns: [{ ...pattern, ...override }] }, "rules/secrets/acme.yml");
  } catch (error) {
    expect(error).toBeInstanceOf(RuleLoadError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("compileProvider", () => {
  test("a valid provider file compiles, with defaults", () => {
    const [p] = compileProvider(
      { provider: "Acme", revoke: "https://acme.example/keys", patterns: [pattern] },
      "acme.yml",
    );
    expect(p).toMatchObject({
      provider: "Acme",
      severity: "critical",
      confidence: "high",
      on_check_failure: "drop",
    });
    expect(p?.matcher.flags).toContain("g");
  });

  test.each([
    ["a nested quantifier", { regex: "(a+)+b" }, /patterns\[0\]\.regex: .*exponential/],
    ["an unbounded quantifier", { regex: "acme_[a-z0-9]{32,}" }, /patterns\[0\]\.regex: .*unbounded/],
    ["a star", { regex: "acme_\\s*[a-z]{4}" }, /unbounded/],
    ["an invalid expression", { regex: "acme_[a-z" }, /invalid regular expression/],
    ["an upper-case keyword", { keywords: ["ACME_"] }, /lower-case/],
    ["an unknown key", { regexp: "x" }, /regexp/],
    ["an unknown kind", { kind: "cookie" }, /patterns\[0\]\.kind/],
  ])("rejects %s", (_name, override, message) => {
    expect(problem(override)).toMatch(message);
  });

  test("a plus inside a character class is not a quantifier", () => {
    expect(() =>
      compileProvider(
        { provider: "Acme", patterns: [{ ...pattern, regex: "acme_[A-Za-z0-9+/]{40}" }] },
        "a.yml",
      ),
    ).not.toThrow();
  });
});
