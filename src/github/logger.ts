import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Fields that may carry credentials in what the app logs (tokens in request headers and errors,
 * the app's private key, webhook secrets): pino replaces them before a line is written.
 */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "privateKey",
  "*.privateKey",
  "private_key",
  "*.private_key",
  "authorization",
  "headers.authorization",
  "*.headers.authorization",
  "req.headers.authorization",
  "request.headers.authorization",
  "err.request.headers.authorization",
  "err.response.headers.authorization",
  'req.headers["x-hub-signature-256"]',
  'headers["x-hub-signature-256"]',
];

/** The app's logger: JSON lines, one per step, with credentials redacted. */
export function createAppLogger(destination?: DestinationStream): Logger {
  const options = {
    name: "diffguard",
    level: process.env.LOG_LEVEL ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
