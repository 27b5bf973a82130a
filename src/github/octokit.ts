import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

/** The authenticated client Probot hands a handler: REST, GraphQL, pagination, config, retries, throttling. */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** The repository a job works on. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * Non-GET requests per installation (Octokit counts GraphQL queries among them): a burst of 40,
 * then one per second (60 a minute, inside GitHub's secondary limit of 80 content-creating
 * requests a minute), so one review (a few writes, one content query per 100 files) is not held
 * back by the one-per-second spacing meant for bulk writers.
 */
const WRITE_BUCKET = {
  maxConcurrent: 1,
  reservoir: 40,
  reservoirIncreaseAmount: 1,
  reservoirIncreaseInterval: 1_000,
  reservoirIncreaseMaximum: 40,
};
/** Writes that notify people (reviews, comments): a burst of 5, then one every 3 seconds. */
const NOTIFY_BUCKET = {
  maxConcurrent: 1,
  reservoir: 5,
  reservoirIncreaseAmount: 1,
  reservoirIncreaseInterval: 3_000,
  reservoirIncreaseMaximum: 5,
};
/** How often a request limited by GitHub is tried again before the error reaches the job. */
const MAX_RATE_LIMIT_RETRIES = 2;

interface ClientOptions {
  /** Base of Octokit's retry back-off, in milliseconds (tests shorten it). */
  retryBaseMs?: number;
  /** Turn retries and throttling off (unit tests of single requests). */
  plain?: boolean;
}

/**
 * Probot's Octokit with diffguard's limits: retries on server errors, throttling that respects
 * GitHub's primary and secondary rate limits and retries after them, with the burst buckets above.
 * The function form runs after Probot's own defaults, so these settings win.
 */
export function diffguardOctokit(options: ClientOptions = {}): typeof ProbotOctokit {
  // One set of buckets per app, shared by all its clients (keyed by installation inside).
  let groups: { write: Bottleneck.Group; notifications: Bottleneck.Group } | null = null;
  return ProbotOctokit.defaults((instance: Record<string, unknown>) => {
    if (options.plain) return { ...instance, retry: { enabled: false }, throttle: { enabled: false } };
    const throttle = (instance.throttle ?? {}) as Record<string, unknown>;
    // A shared Redis connection clusters Probot's limiter across processes; keep it as it is then.
    groups ??= {
      write: new Bottleneck.Group({ id: "diffguard-write", ...WRITE_BUCKET }),
      notifications: new Bottleneck.Group({ id: "diffguard-notifications", ...NOTIFY_BUCKET }),
    };
    const retryAgain = (_after: number, _request: unknown, _octokit: unknown, retryCount: number) =>
      retryCount < MAX_RATE_LIMIT_RETRIES;
    return {
      ...instance,
      retry: {
        enabled: true,
        ...(options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {}),
      },
      throttle: {
        ...throttle,
        enabled: true,
        ...(throttle.connection ? {} : groups),
        onRateLimit: retryAgain,
        onSecondaryRateLimit: retryAgain,
      },
    };
  });
}
