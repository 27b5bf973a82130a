import { setImmediate as nextMacrotask } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Source bytes parsed between two collections. A native tree-sitter tree and the matches read
 * from it take tens of bytes per source byte, memory V8 cannot see, so without help it never
 * collects them; with a collection every 2 MB of source, the benchmark's peak RSS stays near 250 MB.
 */
export const COLLECT_EVERY_BYTES = 2 * 1024 * 1024;

let collect: (() => void) | null | undefined;

/** V8's collector, made reachable at run time when the process was not started with --expose-gc. */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) {
    collect = exposed;
    return collect;
  }
  try {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Frees the memory of syntax trees that are no longer used. The node binding releases a tree in
 * a finalizer, which runs only after V8 collects the tree's wrapper and the event loop turns; V8
 * does not know how much native memory a tree holds, so a long scan must ask for a collection.
 * Call after each file with the bytes it parsed; it collects when enough has accumulated.
 */
export class NativeMemory {
  private pending = 0;

  constructor(private readonly everyBytes = COLLECT_EVERY_BYTES) {}

  async parsed(bytes: number): Promise<void> {
    this.pending += bytes;
    if (this.pending < this.everyBytes) return;
    this.pending = 0;
    collector()?.();
    // Finalizers of collected native objects run in a later turn of the event loop.
    await nextMacrotask();
    await nextMacrotask();
  }
}
