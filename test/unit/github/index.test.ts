import { generateKeyPairSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, expect, test } from "@jest/globals";
import { pino } from "pino";
import { Probot } from "probot";
import diffguard from "../../../src/index.js";

const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;
const saved = { NODE_ENV: process.env.NODE_ENV, WEBHOOK_SECRET: process.env.WEBHOOK_SECRET };

afterEach(() => {
  process.env.NODE_ENV = saved.NODE_ENV;
  if (saved.WEBHOOK_SECRET === undefined) delete process.env.WEBHOOK_SECRET;
  else process.env.WEBHOOK_SECRET = saved.WEBHOOK_SECRET;
});

function load() {
  const handlers: ((req: IncomingMessage, res: ServerResponse) => unknown)[] = [];
  const app = new Probot({ appId: 1, privateKey, secret: "x", log: pino({ level: "silent" }) });
  diffguard(app, { cwd: process.cwd(), addHandler: (h) => handlers.push(h) });
  return handlers;
}

test.each([undefined, "development"])("in production, WEBHOOK_SECRET=%s refuses to start", (secret) => {
  process.env.NODE_ENV = "production";
  if (secret === undefined) delete process.env.WEBHOOK_SECRET;
  else process.env.WEBHOOK_SECRET = secret;
  expect(load).toThrow(/WEBHOOK_SECRET must be set/);
});

test("with a real secret it starts, and serves a health check", () => {
  process.env.NODE_ENV = "production";
  process.env.WEBHOOK_SECRET = "a-real-secret-value";
  const [health] = load();
  let status = 0;
  let body = "";
  const res = {
    writeHead: (s: number) => {
      status = s;
      return res;
    },
    end: (b: string) => {
      body = b;
    },
  } as unknown as ServerResponse;
  expect(health?.({ method: "GET", url: "/healthz" } as IncomingMessage, res)).toBe(true);
  expect([status, JSON.parse(body)]).toEqual([200, { status: "ok" }]);
  expect(health?.({ method: "GET", url: "/other" } as IncomingMessage, res)).toBe(false);
});
