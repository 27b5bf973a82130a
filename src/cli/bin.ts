#!/usr/bin/env node
import { main } from "./main.js";

main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: !!process.stdout.isTTY && !("NO_COLOR" in process.env),
}).then((code) => {
  process.exitCode = code;
});
