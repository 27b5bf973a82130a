import { describe, expect, test } from "@jest/globals";
import { ConfigError, loadConfig } from "../../../src/config/load-config.js";
import { DEFAULT_CONFIG } from "../../../src/config/schema.js";

describe("loadConfig", () => {
  test("an empty file gives the defaults", () => {
    expect(loadConfig("", ".github/diffguard.yml")).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({ fail_on: "high", filter: "added", max_file_size: 1048576 });
  });

  test("values are read and the rest defaulted", () => {
    const config = loadConfig(
      "fail_on: medium\npaths:\n  exclude: ['test/**']\nrules:\n  disable: [py-pickle-loads]\n",
      "c.yml",
    );
    expect(config.fail_on).toBe("medium");
    expect(config.paths).toEqual({ include: [], exclude: ["test/**"] });
    expect(config.rules).toEqual({ disable: ["py-pickle-loads"], severity: {} });
  });

  test.each([
    ["fail_on: urgent", "fail_on", /critical/],
    ["max_file_size: -1", "max_file_size", />0|positive|too small/i],
    ["paths:\n  exclud: []", "paths.exclud", /unrecognized/i],
    ["rules:\n  severity:\n    x: extreme", "rules.severity.x", /critical/],
    ["languages: [cobol]", "languages[0]", /javascript/],
    ["colour: red", "colour", /unrecognized/i],
  ])("%j is rejected naming %s", (text, key, problem) => {
    let error: unknown;
    try {
      loadConfig(text, ".github/diffguard.yml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe(key);
    expect((error as ConfigError).message).toMatch(problem);
    expect((error as ConfigError).message).toContain(".github/diffguard.yml");
  });

  test("malformed YAML is a ConfigError", () => {
    expect(() => loadConfig("fail_on: [high", "c.yml")).toThrow(/c\.yml: is not valid YAML/);
  });
});
