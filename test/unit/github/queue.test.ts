import { describe, expect, test } from "@jest/globals";
import { InProcessQueue, type JobSignal } from "../../../src/github/queue.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("InProcessQueue", () => {
  test("a newer job for the same key supersedes the running one and replaces the queued one", async () => {
    const gate = deferred();
    const seen: { id: string; superseded: () => boolean }[] = [];
    const queue = new InProcessQueue<number>(async (job, signal: JobSignal) => {
      seen.push({ id: job.id, superseded: () => signal.superseded });
      if (job.id === "a") await gate.promise;
    }, 2);
    queue.enqueue({ key: "pr#1", id: "a", data: 1 });
    queue.enqueue({ key: "pr#1", id: "b", data: 2 });
    queue.enqueue({ key: "pr#1", id: "c", data: 3 });
    expect(seen.map((s) => s.id)).toEqual(["a"]);
    expect(seen[0]?.superseded()).toBe(true);
    gate.resolve();
    await queue.idle();
    expect(seen.map((s) => s.id)).toEqual(["a", "c"]);
    expect(seen[1]?.superseded()).toBe(false);
  });

  test("different keys run side by side up to the concurrency", async () => {
    let running = 0;
    let most = 0;
    const queue = new InProcessQueue<number>(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
    }, 2);
    for (let i = 0; i < 5; i++) queue.enqueue({ key: `pr#${i}`, id: `d${i}`, data: i });
    await queue.idle();
    expect(most).toBe(2);
  });

  test("the same job id twice (a redelivery) runs once; a failing job does not stop the queue", async () => {
    const ran: string[] = [];
    const errors: string[] = [];
    const queue = new InProcessQueue<number>(
      async (job) => {
        ran.push(job.id);
        if (job.id === "boom") throw new Error("boom");
      },
      1,
      (job) => errors.push(job.id),
    );
    expect(queue.enqueue({ key: "k1", id: "boom", data: 0 })).toBe(true);
    expect(queue.enqueue({ key: "k1", id: "boom", data: 0 })).toBe(false);
    await queue.idle();
    queue.enqueue({ key: "k2", id: "ok", data: 0 });
    await queue.idle();
    expect(ran).toEqual(["boom", "ok"]);
    expect(errors).toEqual(["boom"]);
  });
});
