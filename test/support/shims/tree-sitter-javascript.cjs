// Shared native module instance, see ../tree-sitter-environment.cjs.
module.exports = globalThis.__diffguardNative["tree-sitter-javascript"];
