import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Sessions discarded since the last collection from which a quiet sweep collects: a spike, not the daily trickle. */
export const SPIKE_SESSIONS = 200;

/**
 * Hands back the heap of a spike of sessions once it is over. V8 grows its heap for thousands of sessions and,
 * once they are discarded, keeps the garbage until its next full collection, which an idle server never reaches
 * (measured with `pnpm bench -- --scenarios churn`: 180 MiB above the baseline after 10,000 sessions, the reaper
 * and 30 s idle). So after at least {@link SPIKE_SESSIONS} sessions were discarded, the first sweep that discards
 * none (the spike is over) runs one full collection, after which V8 returns the emptied pages.
 */
export class HeapRelease {
  private discarded = 0;

  constructor(private readonly collect: () => void) {}

  /** A sweep of the unused-session reaper discarded `count` sessions. */
  swept(count: number): void {
    if (count > 0) {
      this.discarded += count;
      return;
    }
    if (this.discarded < SPIKE_SESSIONS) return;
    this.discarded = 0;
    this.collect();
  }
}

/**
 * A full garbage collection: node's `gc` when started with --expose-gc, else V8's, made reachable through a flag
 * set at run time (it only adds a `gc` function to contexts created afterwards: the one made here).
 */
function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return () => exposed();
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as unknown;
  if (typeof gc !== "function") return () => undefined;
  return () => gc();
}

let shared: HeapRelease | undefined;

/** The process's one heap release, which every application's reaper reports to. */
export function processHeapRelease(): HeapRelease {
  shared ??= new HeapRelease(fullCollection());
  return shared;
}
