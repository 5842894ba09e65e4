import type { SessionCallback } from "@fastify-bokeh/document";
import t from "tap";
import type { Clock, TimerHandle } from "../../src/clock.js";
import { CallbackScheduler } from "../../src/session/callback-scheduler.js";
import { FakeClock } from "../../src/testing/index.js";

/** A clock whose timers fire `lateMs` after they are due, as a busy event loop makes them. */
class LateClock implements Clock {
  constructor(
    readonly fake: FakeClock,
    readonly lateMs: number,
  ) {}
  now(): number {
    return this.fake.now();
  }
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.fake.setTimeout(callback, delayMs + this.lateMs);
  }
  clearTimeout(handle: TimerHandle): void {
    this.fake.clearTimeout(handle);
  }
  setInterval(callback: () => void, periodMs: number): TimerHandle {
    return this.fake.setInterval(callback, periodMs);
  }
  clearInterval(handle: TimerHandle): void {
    this.fake.clearInterval(handle);
  }
}

const periodic = (callback: () => unknown, ms: number): SessionCallback => ({ id: 1, kind: "periodic", callback, ms });

t.test("late timers do not make a periodic callback drift", async (t) => {
  const fake = new FakeClock(0);
  const runs: number[] = [];
  const scheduler = new CallbackScheduler(
    new LateClock(fake, 7),
    async (cb) => void cb.callback(),
    () => {},
  );
  scheduler.schedule(periodic(() => runs.push(fake.now()), 100));
  await fake.advanceAsync(1000);
  // Each run is 7 ms late, but the next is aimed at the grid (100, 200, …), so lateness does not add up.
  t.same(runs, [107, 207, 307, 407, 507, 607, 707, 807, 907]);
  scheduler.cancelAll();
});

t.test("a run that overruns its period is followed at once, without catching up missed runs", async (t) => {
  const fake = new FakeClock(0);
  const runs: number[] = [];
  let release: (() => void) | undefined;
  const scheduler = new CallbackScheduler(
    fake,
    async (cb) => {
      await cb.callback();
    },
    () => {},
  );
  scheduler.schedule(
    periodic(() => {
      runs.push(fake.now());
      if (runs.length === 1) return new Promise<void>((resolve) => (release = resolve));
      return undefined;
    }, 50),
  );
  await fake.advanceAsync(50);
  await fake.advanceAsync(120); // the first run is still going at 170: no overlap, nothing queued up
  t.same(runs, [50]);
  release!();
  await fake.advanceAsync(1);
  // Right after (timers have a 1 ms floor, as in Node).
  t.same(runs.slice(0, 2), [50, 171], "the next run starts right after the overrun");
  await fake.advanceAsync(60);
  t.same(runs, [50, 171, 220], "then one period after the overrun ended, with the missed runs skipped");
  scheduler.cancelAll();
});
