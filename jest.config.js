/** Jest runs in ESM mode (Probot 14 is ESM-only); see test/support/tree-sitter-environment.cjs for why tree-sitter is shared. */
export default {
  testEnvironment: "<rootDir>/test/support/tree-sitter-environment.cjs",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  moduleNameMapper: {
    "^tree-sitter$": "<rootDir>/test/support/shims/tree-sitter.cjs",
    "^tree-sitter-javascript$": "<rootDir>/test/support/shims/tree-sitter-javascript.cjs",
    "^tree-sitter-python$": "<rootDir>/test/support/shims/tree-sitter-python.cjs",
    "^tree-sitter-typescript$": "<rootDir>/test/support/shims/tree-sitter-typescript.cjs",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }],
  },
  testTimeout: 30000,
};
