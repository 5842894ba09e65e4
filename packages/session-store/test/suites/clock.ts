import t from "tap";
import { systemClock } from "../../src/index.js";
import { FakeClock } from "../../src/testing/index.js";

t.test("FakeClock runs due timers in due-time order, at their due time", async (t) => {
  const clock = new FakeClock(1_000);
  const runs: string[] = [];
  const log = (name: string) => () => runs.push(`${name}@${clock.now()}`);
  clock.setTimeout(log("c"), 300);
  clock.setTimeout(log("a"), 100);
  clock.setTimeout(log("b"), 100);
  const interval = clock.setInterval(log("i"), 150);
  t.equal(clock.now(), 1_000);
  t.equal(clock.pendingTimers, 4);

  clock.advance(99);
  t.same(runs, []);
  t.equal(clock.now(), 1_099);

  clock.advance(251);
  t.same(runs, ["a@1100", "b@1100", "i@1150", "c@1300", "i@1300"]);
  t.equal(clock.now(), 1_350, "ends at the target time");
  t.equal(clock.pendingTimers, 1, "only the interval is left");

  clock.clearInterval(interval);
  clock.advance(1_000);
  t.equal(runs.length, 5);
  t.equal(clock.pendingTimers, 0);
});

t.test("FakeClock: timers scheduled or cleared by timers", async (t) => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const victim = clock.setTimeout(() => runs.push(-1), 20);
  clock.setTimeout(() => {
    runs.push(clock.now());
    clock.clearTimeout(victim);
    clock.setTimeout(() => runs.push(clock.now()), 5);
  }, 10);
  clock.advance(100);
  t.same(runs, [10, 15]);
});

t.test("FakeClock clamps delays to 1 ms like Node", async (t) => {
  const clock = new FakeClock();
  let count = 0;
  clock.setInterval(() => count++, 0);
  clock.setTimeout(() => count++, Number.NaN);
  clock.advance(0);
  t.equal(count, 0);
  clock.advance(3);
  t.equal(count, 4, "interval at 1, 2, 3 and the timeout at 1");
});

t.test("FakeClock.advanceAsync lets promise chains started by a timer settle first", async (t) => {
  const clock = new FakeClock();
  const events: string[] = [];
  clock.setTimeout(() => {
    void (async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
      events.push(`async@${clock.now()}`);
    })();
  }, 10);
  clock.setTimeout(() => events.push(`sync@${clock.now()}`), 20);
  await clock.advanceAsync(30);
  t.same(events, ["async@10", "sync@20"]);
});

t.test("systemClock uses real time and timers", async (t) => {
  const before = Date.now();
  t.ok(Math.abs(systemClock.now() - before) < 1_000);
  await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 5));
  let ticks = 0;
  await new Promise<void>((resolve) => {
    const handle = systemClock.setInterval(() => {
      if (++ticks === 3) {
        systemClock.clearInterval(handle);
        resolve();
      }
    }, 2);
  });
  t.equal(ticks, 3);
  let fired = false;
  const cancelled = systemClock.setTimeout(() => (fired = true), 1);
  systemClock.clearTimeout(cancelled);
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.notOk(fired);
});
