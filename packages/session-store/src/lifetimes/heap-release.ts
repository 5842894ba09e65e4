import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Sessions discarded since the last collection from which a quiet sweep collects: a spike, not the daily trickle. */
export const SPIKE_SESSIONS = 200;

/**
 * How long after the spike a second collection runs: V8 shrinks its young generation only after a collection that
 * sees a low allocation rate, which it measures over the last 5 s.
 */
export const SETTLE_MS = 6000;

/**
 * Hands back the heap of a spike of sessions once it is over. V8 grows its heap for thousands of sessions and,
 * once they are discarded, keeps the garbage until its next full collection, which an idle server never reaches
 * (measured with `pnpm bench -- --scenarios churn`: 180 MiB above the baseline after 10,000 sessions, the reaper
 * and 30 s idle). So after at least {@link SPIKE_SESSIONS} sessions were discarded, once the latest sweep of every
 * reporting reaper (one per application) discarded none and the event loop was idle since the previous sweep, one
 * full collection runs, after which V8 returns the emptied pages; and a second one {@link SETTLE_MS} later if the
 * loop is still idle, which also gives back the young generation grown for the spike and memory freed by the first
 * one's finalizers. Every reaper, not just the one reporting: an app with no sessions sweeps empty while another is
 * still discarding hundreds per sweep. Idle only: a compacting collection pauses for ~100 ms, which the sessions of
 * a busy server should not wait for (it is tried again at the next quiet sweep).
 */
export class HeapRelease {
  private discarded = 0;
  /** Each reaper's latest sweep: how many sessions it discarded. */
  private readonly latest = new Map<object, number>();
  /** A spike of sessions was discarded and its garbage is not yet collected. */
  private pending = false;

  constructor(
    private readonly collect: () => void,
    /** Whether the event loop has been idle since the previous call (called on every sweep). */
    private readonly idle: () => boolean = loopIdleSinceLastLook(),
    private readonly later: (work: () => void, delayMs: number) => void = unrefTimeout,
  ) {}

  /** A sweep of `reaper` (any object standing for one reaper) discarded `count` sessions. */
  swept(reaper: object, count: number): void {
    // Read on every sweep, so that it covers the last check interval, not the hours since the previous spike.
    const idle = this.idle();
    this.latest.set(reaper, count);
    this.discarded += count;
    if (this.discarded >= SPIKE_SESSIONS) {
      this.discarded = 0;
      this.pending = true;
    }
    if (!this.pending) return;
    for (const last of this.latest.values()) if (last > 0) return;
    if (!idle) return;
    this.pending = false;
    this.collect();
    this.later(() => {
      if (this.idle()) this.collect();
    }, SETTLE_MS);
  }

  /** Forgets a reaper that has stopped (its app closed), so that it no longer holds a collection back. */
  forget(reaper: object): void {
    this.latest.delete(reaper);
  }
}

/** Event-loop utilization below which the loop counts as idle. */
const IDLE_UTILIZATION = 0.1;

function loopIdleSinceLastLook(): () => boolean {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization < IDLE_UTILIZATION;
  };
}

/** A timer that does not keep the process alive (a server shutting down does not wait for it). */
function unrefTimeout(work: () => void, delayMs: number): void {
  setTimeout(work, delayMs).unref();
}

/**
 * A full garbage collection that compacts the whole heap: node's `gc` when started with --expose-gc, else V8's,
 * made reachable through a flag set at run time (it only adds a `gc` function to contexts created afterwards: the
 * one made here). V8 compacts only its most fragmented pages on its own, so after 10,000 sessions were discarded a
 * plain collection left 30 MiB live spread over 140 MiB of heap until V8's memory reducer ran, 30 s later or never;
 * compacting for this one collection (a flag read when it starts) hands those pages back at once.
 */
export function compactingCollection(): () => void {
  const gc = exposedGc();
  if (gc === undefined) return () => undefined;
  return () => {
    setFlagsFromString("--compact-on-every-full-gc");
    try {
      gc();
    } finally {
      setFlagsFromString("--no-compact-on-every-full-gc");
    }
  };
}

function exposedGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return () => exposed();
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as unknown;
  return typeof gc === "function" ? () => gc() : undefined;
}

let shared: HeapRelease | undefined;

/** The process's one heap release, which every application's reaper reports to. */
export function processHeapRelease(): HeapRelease {
  shared ??= new HeapRelease(compactingCollection());
  return shared;
}
