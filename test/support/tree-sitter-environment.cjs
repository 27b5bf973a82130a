// Jest re-evaluates a module for every test file, but Node loads a native addon once per process.
// Re-evaluating tree-sitter's index.js against the cached addon breaks it (node-tree-sitter #181),
// so this environment loads tree-sitter and the grammars once per worker with Node's own require
// and hands the same instances to every test file through the shims in ./shims.
const { TestEnvironment } = require("jest-environment-node");

const shared = {
  "tree-sitter": require("tree-sitter"),
  "tree-sitter-javascript": require("tree-sitter-javascript"),
  "tree-sitter-python": require("tree-sitter-python"),
  "tree-sitter-typescript": require("tree-sitter-typescript"),
};

class TreeSitterEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__diffguardNative = shared;
  }
}

module.exports = TreeSitterEnvironment;
