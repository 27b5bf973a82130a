/** What a running job can ask: whether newer work for the same pull request has replaced it. */
export interface JobSignal {
  readonly superseded: boolean;
}

/** A unit of work: plain data (so a job can move to another process) and the function that runs it. */
export interface Job<T> {
  /** Jobs with the same key coalesce: a newer one supersedes older queued or running ones. */
  key: string;
  /** Unique per delivery: the same id twice (a redelivered webhook) is run once. */
  id: string;
  data: T;
}

/** The queue behind the webhook handlers. One process runs it in memory; a shared one can take its place. */
export interface ReviewQueue<T> {
  enqueue(job: Job<T>): boolean;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

/** How many recent job ids are remembered to drop redeliveries. */
const REMEMBERED_IDS = 5_000;

/**
 * An in-process queue with bounded concurrency that coalesces work per key: a new job replaces a
 * queued job of the same key, and marks a running one superseded so it does not post results.
 */
export class InProcessQueue<T> implements ReviewQueue<T> {
  private readonly pending = new Map<string, Job<T>>();
  private readonly running = new Map<string, { superseded: boolean }>();
  private readonly seen = new Set<string>();
  private active = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly run: (job: Job<T>, signal: JobSignal) => Promise<void>,
    private readonly concurrency = 2,
    private readonly onError: (job: Job<T>, error: unknown) => void = () => {},
  ) {}

  enqueue(job: Job<T>): boolean {
    if (this.seen.has(job.id)) return false;
    this.seen.add(job.id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);
    const runningSignal = this.running.get(job.key);
    if (runningSignal) runningSignal.superseded = true;
    this.pending.delete(job.key);
    this.pending.set(job.key, job);
    this.pump();
    return true;
  }

  private pump(): void {
    while (this.active < this.concurrency) {
      const next = [...this.pending.values()].find((j) => !this.running.has(j.key));
      if (!next) break;
      this.pending.delete(next.key);
      const signal = { superseded: false };
      this.running.set(next.key, signal);
      this.active++;
      this.run(next, signal)
        .catch((error) => this.onError(next, error))
        .finally(() => {
          this.active--;
          if (this.running.get(next.key) === signal) this.running.delete(next.key);
          this.pump();
          if (this.active === 0 && this.pending.size === 0) for (const w of this.waiters.splice(0)) w();
        });
    }
  }

  idle(): Promise<void> {
    if (this.active === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
