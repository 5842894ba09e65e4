import type { SessionCallback, SessionCallbackScheduler } from "@fastify-bokeh/document";
import type { Clock, TimerHandle } from "../clock.js";

/**
 * Runs a document's periodic, timeout and next-tick callbacks on a clock, as bokeh serve does: a periodic callback
 * first runs one period after it is added; each later run starts once the period has passed since the previous
 * start and that run (including what it awaited) has finished, so runs never overlap and missed runs are skipped.
 */
export class CallbackScheduler implements SessionCallbackScheduler {
  private readonly timers = new Map<number, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    /** Runs one callback invocation (under the session lock); resolves when it has finished. */
    private readonly run: (callback: SessionCallback) => Promise<void>,
    /** Called after a one-shot callback has run, so the document forgets it. */
    private readonly completed: (callback: SessionCallback) => void,
  ) {}

  schedule(callback: SessionCallback): void {
    this.arm(callback, callback.kind === "next_tick" ? 0 : callback.ms);
  }

  cancel(callback: SessionCallback): void {
    const handle = this.timers.get(callback.id);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.timers.delete(callback.id);
  }

  cancelAll(): void {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private arm(callback: SessionCallback, delay: number): void {
    const handle = this.clock.setTimeout(() => void this.fire(callback, handle), delay);
    this.timers.set(callback.id, handle);
  }

  private async fire(callback: SessionCallback, handle: TimerHandle): Promise<void> {
    const started = this.clock.now();
    await this.run(callback);
    if (this.timers.get(callback.id) !== handle) return; // cancelled while running
    if (callback.kind === "periodic") {
      this.arm(callback, Math.max(0, callback.ms - (this.clock.now() - started)));
    } else {
      this.timers.delete(callback.id);
      this.completed(callback);
    }
  }
}
