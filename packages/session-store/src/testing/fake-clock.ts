import type { Clock, TimerHandle } from "../clock.js";

interface FakeTimer {
  readonly callback: () => void;
  /** Undefined for one-shot timers. */
  readonly periodMs: number | undefined;
  dueAt: number;
  /** Breaks ties between timers due at the same instant: first scheduled runs first. */
  order: number;
}

/**
 * Like Node, delays below 1 ms (or not numbers) become 1 ms, so an interval
 * can never run twice at the same instant.
 */
function clampDelay(delayMs: number): number {
  return Number.isFinite(delayMs) && delayMs >= 1 ? delayMs : 1;
}

/**
 * A clock that only moves when told to. `advance(ms)` runs every timer that
 * falls due in that span in due-time order, with `now()` set to each
 * timer's due time while it runs.
 */
export class FakeClock implements Clock {
  #now: number;
  #nextOrder = 0;
  readonly #timers = new Map<TimerHandle, FakeTimer>();

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Timers scheduled and not yet run (one-shot) or cancelled. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.#schedule(callback, clampDelay(delayMs), undefined);
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle);
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    const period = clampDelay(periodMs);
    return this.#schedule(callback, period, period);
  }

  clearInterval(handle: TimerHandle): void {
    this.#timers.delete(handle);
  }

  /** Moves time forward by `ms`, running due timers synchronously. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (let timer = this.#takeDue(target); timer; timer = this.#takeDue(target)) {
      timer.callback();
    }
    this.#now = target;
  }

  /**
   * Like {@link advance}, but lets pending promise chains settle after each
   * timer, so async work a timer starts (e.g. a sweep) finishes before the
   * next timer runs.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (let timer = this.#takeDue(target); timer; timer = this.#takeDue(target)) {
      timer.callback();
      await settle();
    }
    this.#now = target;
  }

  #schedule(callback: () => void, delayMs: number, periodMs: number | undefined): TimerHandle {
    const handle: TimerHandle = {};
    this.#timers.set(handle, { callback, periodMs, dueAt: this.#now + delayMs, order: this.#nextOrder++ });
    return handle;
  }

  /** Removes (or reschedules) the next timer due by `target` and moves `now` to it. */
  #takeDue(target: number): FakeTimer | undefined {
    let nextHandle: TimerHandle | undefined;
    let next: FakeTimer | undefined;
    for (const [handle, timer] of this.#timers) {
      if (timer.dueAt > target) continue;
      if (!next || timer.dueAt < next.dueAt || (timer.dueAt === next.dueAt && timer.order < next.order)) {
        nextHandle = handle;
        next = timer;
      }
    }
    if (!next || !nextHandle) return undefined;
    this.#now = next.dueAt;
    if (next.periodMs === undefined) {
      this.#timers.delete(nextHandle);
    } else {
      next.dueAt += next.periodMs;
      next.order = this.#nextOrder++;
    }
    return next;
  }
}

/** Resolves once every promise callback queued so far (and those they queue) has run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
