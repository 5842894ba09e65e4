import type { SessionCallback, SessionCallbackScheduler } from "@fastify-bokeh/document";
import type { Clock, TimerHandle } from "../clock.js";
import { after, type MaybePromise } from "./maybe-promise.js";

/**
 * Runs a document's periodic, timeout and next-tick callbacks on a clock, as bokeh serve does: a periodic callback
 * first runs one period after it is added; later runs keep to that grid (due + period, so timer lateness does not
 * accumulate) and start only once the previous run (including what it awaited) has finished; a run that overran its
 * period is followed at once by the next, and missed runs are not caught up. Runs never overlap.
 */
export class CallbackScheduler implements SessionCallbackScheduler {
  private readonly timers = new Map<number, TimerHandle>();
  /** When each periodic callback was (ideally) due last. */
  private readonly dues = new Map<number, number>();

  constructor(
    private readonly clock: Clock,
    /** Runs one callback invocation (under the session lock); a promise while it has not finished. */
    private readonly run: (callback: SessionCallback) => MaybePromise<void>,
    /** Called after a one-shot callback has run, so the document forgets it. */
    private readonly completed: (callback: SessionCallback) => void,
  ) {}

  schedule(callback: SessionCallback): void {
    const delay = callback.kind === "next_tick" ? 0 : callback.ms;
    if (callback.kind === "periodic") this.dues.set(callback.id, this.clock.now() + delay);
    this.arm(callback, delay);
  }

  cancel(callback: SessionCallback): void {
    const handle = this.timers.get(callback.id);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.timers.delete(callback.id);
    this.dues.delete(callback.id);
  }

  cancelAll(): void {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
    this.dues.clear();
  }

  private arm(callback: SessionCallback, delay: number): void {
    const handle = this.clock.setTimeout(() => void after(this.run(callback), () => this.ran(callback, handle)), delay);
    this.timers.set(callback.id, handle);
  }

  /** A run has finished: the next one is armed (periodic), or the callback is done with. */
  private ran(callback: SessionCallback, handle: TimerHandle): void {
    if (this.timers.get(callback.id) !== handle) return; // cancelled while running
    if (callback.kind === "periodic") {
      const now = this.clock.now();
      const due = this.dues.get(callback.id) ?? now;
      // On the grid when on time; right away (and no catching up) when the run overran its period, as bokeh serve.
      const next = Math.max(due + callback.ms, now);
      this.dues.set(callback.id, next);
      this.arm(callback, next - now);
    } else {
      this.timers.delete(callback.id);
      this.completed(callback);
    }
  }
}
