import { Writable } from "node:stream";
import { expect, test } from "@jest/globals";
import { createAppLogger } from "../../../src/github/logger.js";

test("credentials never reach the log", () => {
  let out = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const log = createAppLogger(sink as never);
  const token = "ghs_0123456789abcdefghijklmnopqrstuvwxyz";
  const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA";
  log.info({ token, installation: { token } }, "token issued");
  log.error(
    { err: { message: "boom", request: { headers: { authorization: `token ${token}` } } } },
    "request failed",
  );
  log.info({ privateKey: key, app: { private_key: key } }, "app loaded");
  log.info(
    { headers: { authorization: `Bearer ${token}`, "x-hub-signature-256": "sha256=abc" } },
    "delivery",
  );
  expect(out).toContain("token issued");
  expect(out).toContain("request failed");
  expect(out).not.toContain(token);
  expect(out).not.toContain("MIIEowIBAAKCAQEA");
  expect(out).not.toContain("sha256=abc");
  expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(6);
});
