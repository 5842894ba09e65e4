import t from "tap";
import {
  DEFAULT_CHECK_UNUSED_SESSIONS_MS,
  DEFAULT_KEEP_ALIVE_MS,
  DEFAULT_SESSION_TOKEN_EXPIRATION_S,
  DEFAULT_UNUSED_SESSION_LIFETIME_MS,
  type Logger,
  MemorySessionStore,
  type SessionRecord,
  UnusedSessionReaper,
  type UnusedSessionReaperOptions,
} from "../../src/index.js";
import { HeapRelease, SETTLE_MS, SPIKE_SESSIONS } from "../../src/lifetimes/heap-release.js";
import { FakeClock } from "../../src/testing/index.js";
import { at } from "../helpers/checked.js";

interface Logged {
  readonly level: "error" | "info" | "debug";
  readonly details: Record<string, unknown>;
  readonly message: string;
}

function recordingLogger(): Logger & { readonly entries: Logged[] } {
  const entries: Logged[] = [];
  return {
    entries,
    error: (details, message) => entries.push({ level: "error", details: { ...details }, message }),
    info: (details, message) => entries.push({ level: "info", details: { ...details }, message }),
    debug: (details, message) => entries.push({ level: "debug", details: { ...details }, message }),
  };
}

function setup(overrides: Partial<UnusedSessionReaperOptions> = {}) {
  const clock = new FakeClock(1_700_000_000_000);
  const store = new MemorySessionStore();
  const logger = recordingLogger();
  const destroyed: { id: string; at: number }[] = [];
  const reaper = new UnusedSessionReaper({
    store,
    clock,
    logger,
    onDestroy: (record: SessionRecord) => {
      destroyed.push({ id: record.id, at: clock.now() });
    },
    ...overrides,
  });
  return { clock, store, logger, destroyed, reaper };
}

t.test("bokeh serve defaults", async (t) => {
  t.equal(DEFAULT_KEEP_ALIVE_MS, 37_000);
  t.equal(DEFAULT_CHECK_UNUSED_SESSIONS_MS, 17_000);
  t.equal(DEFAULT_UNUSED_SESSION_LIFETIME_MS, 15_000);
  t.equal(DEFAULT_SESSION_TOKEN_EXPIRATION_S, 300);
  const { reaper } = setup();
  t.equal(reaper.checkUnusedSessions, 17_000);
  t.equal(reaper.unusedSessionLifetime, 15_000);
});

t.test("an unused session is destroyed between lifetime and lifetime + check period", async (t) => {
  // Whatever the phase of the sweep timer when the session was created.
  for (const offset of [0, 1, 1_999, 2_000, 2_001, 8_500, 16_999]) {
    const { clock, store, destroyed, reaper } = setup();
    reaper.start();
    await clock.advanceAsync(offset);
    const createdAt = clock.now();
    await store.create({ id: "idle", token: "t" }, createdAt);
    await clock.advanceAsync(15_000 + 17_000 + 1);
    t.equal(destroyed.length, 1, `offset ${offset}: destroyed once`);
    const age = at(destroyed, 0).at - createdAt;
    t.ok(age > 15_000 && age <= 15_000 + 17_000, `offset ${offset}: destroyed after ${age} ms`);
    t.equal(await store.get("idle"), undefined, `offset ${offset}: gone from the store`);
    await reaper.stop();
  }
});

t.test("connected and blocked sessions are kept", async (t) => {
  const blocked = new Set(["locked"]);
  const { clock, store, destroyed, reaper } = setup({ isBlocked: (id) => blocked.has(id) });
  reaper.start();
  for (const id of ["idle", "connected", "locked", "left-later"]) await store.create({ id, token: "t" }, clock.now());
  await store.markConnected("connected");
  await store.markConnected("left-later");
  await clock.advanceAsync(10_000);
  await store.markDisconnected("left-later", clock.now());

  await clock.advanceAsync(7_000); // first sweep at 17 s
  t.same(
    destroyed.map((d) => d.id),
    ["idle"],
  );
  await clock.advanceAsync(17_000); // 34 s: left-later idle for 24 s
  t.same(
    destroyed.map((d) => d.id),
    ["idle", "left-later"],
  );
  await clock.advanceAsync(17_000 * 5);
  t.same(
    destroyed.map((d) => d.id),
    ["idle", "left-later"],
    "still kept after many sweeps",
  );
  t.ok(await store.get("connected"));
  t.ok(await store.get("locked"));

  blocked.delete("locked");
  await clock.advanceAsync(17_000);
  t.same(
    destroyed.map((d) => d.id),
    ["idle", "left-later", "locked"],
    "destroyed once unblocked",
  );
  await reaper.stop();
});

t.test("a session in use again by the time its turn comes is kept", async (t) => {
  const { clock, store, reaper } = setup();
  const destroyed: string[] = [];
  const slow = new UnusedSessionReaper({
    store,
    clock,
    logger: recordingLogger(),
    onDestroy: async (record) => {
      destroyed.push(record.id);
      // While the first is being destroyed, the second gets a connection.
      if (record.id === "first") await store.markConnected("second");
    },
  });
  await store.create({ id: "first", token: "t" }, clock.now());
  await store.create({ id: "second", token: "t" }, clock.now());
  clock.advance(20_000);
  const discarded = await slow.sweep();
  t.same(
    discarded.map((r) => r.id),
    ["first"],
  );
  t.same(destroyed, ["first"]);
  t.equal((await store.get("second"))?.connectionCount, 1);
  t.notOk(reaper.running);
});

t.test("onDestroy errors are logged and the reaper keeps working", async (t) => {
  let calls = 0;
  const { clock, store, logger, reaper } = setup({
    onDestroy: async (record) => {
      calls++;
      if (record.id === "throws") throw new Error("hook failed");
      if (record.id === "throws-sync") throw new TypeError("sync failure");
    },
  });
  reaper.start();
  await store.create({ id: "throws", token: "t" }, clock.now());
  await store.create({ id: "throws-sync", token: "t" }, clock.now());
  await store.create({ id: "fine", token: "t" }, clock.now());
  await clock.advanceAsync(17_000);
  t.equal(calls, 3, "every session was handed over despite the failures");
  t.same(await store.list(), [], "failed destroys still leave the store");
  const errors = logger.entries.filter((e) => e.level === "error");
  t.equal(errors.length, 2);
  t.same(
    errors.map((e) => e.details.sessionId),
    ["throws", "throws-sync"],
  );
  t.match(at(errors, 0).details.err, { message: "hook failed" });

  await store.create({ id: "later", token: "t" }, clock.now());
  await clock.advanceAsync(17_000 * 2);
  t.equal(calls, 4, "later sweeps still run");
  t.ok(reaper.running);
  await reaper.stop();
});

t.test("store and isBlocked failures are logged, not thrown", async (t) => {
  const logger = recordingLogger();
  const clock = new FakeClock();
  let failFind = true;
  class FlakyStore extends MemorySessionStore {
    override async findUnused(now: number, lifetime: number) {
      if (failFind) throw new Error("store down");
      return super.findUnused(now, lifetime);
    }
  }
  const store = new FlakyStore();
  const reaper = new UnusedSessionReaper({
    store,
    clock,
    logger,
    onDestroy: () => undefined,
    isBlocked: (id) => {
      if (id === "bad") throw new Error("isBlocked failed");
      return false;
    },
  });
  await store.create({ id: "bad", token: "t" }, 0);
  await store.create({ id: "good", token: "t" }, 0);
  clock.advance(20_000);
  t.same(await reaper.sweep(), []);
  t.match(logger.entries.at(-1), { level: "error", message: /look for unused/ });
  failFind = false;
  t.same(
    (await reaper.sweep()).map((r) => r.id),
    ["good"],
  );
  t.match(
    logger.entries.filter((e) => e.level === "error").at(-1),
    { details: { sessionId: "bad" }, message: /discard/ },
    "the failure is logged with the session",
  );
  t.match(logger.entries.at(-1), { level: "debug", message: "Discarded unused sessions", details: { count: 1 } });
  t.ok(await store.get("bad"), "a session whose block state is unknown is kept");
});

t.test("start/stop", async (t) => {
  const { clock, store, destroyed, reaper } = setup();
  t.notOk(reaper.running);
  reaper.start();
  reaper.start();
  t.equal(clock.pendingTimers, 1, "starting twice schedules one timer");
  await reaper.stop();
  t.notOk(reaper.running);
  t.equal(clock.pendingTimers, 0);
  await store.create({ id: "s", token: "t" }, clock.now());
  await clock.advanceAsync(100_000);
  t.same(destroyed, [], "nothing happens once stopped");
  reaper.start();
  await clock.advanceAsync(17_000);
  t.same(
    destroyed.map((d) => d.id),
    ["s"],
    "restartable",
  );
  await reaper.stop();
});

t.test("stop waits for the sweep in progress; sweeps do not overlap", async (t) => {
  const { clock, store } = setup();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];
  let finished = false;
  const reaper = new UnusedSessionReaper({
    store,
    clock,
    logger: recordingLogger(),
    checkUnusedSessions: 1_000,
    unusedSessionLifetime: 1_000,
    onDestroy: async (record) => {
      started.push(record.id);
      await gate;
      finished = true;
    },
  });
  await store.create({ id: "slow", token: "t" }, clock.now());
  reaper.start();
  await clock.advanceAsync(2_000);
  await clock.advanceAsync(5_000);
  t.same(started, ["slow"], "later ticks did not start a second sweep");
  const sameSweep = reaper.sweep();
  const stopped = reaper.stop();
  let stopDone = false;
  void stopped.then(() => (stopDone = true));
  await clock.advanceAsync(0);
  t.notOk(stopDone, "stop is waiting");
  release();
  await stopped;
  t.ok(finished);
  t.same(
    (await sameSweep).map((r) => r.id),
    ["slow"],
    "sweep() joined the running pass",
  );
});

t.test("invalid periods are refused", async (t) => {
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    t.throws(() => setup({ checkUnusedSessions: bad }), RangeError);
    t.throws(() => setup({ unusedSessionLifetime: bad }), RangeError);
  }
});

t.test("each periodic sweep reports how many sessions it discarded", async (t) => {
  const swept: number[] = [];
  const { clock, store, reaper } = setup({
    checkUnusedSessions: 1000,
    unusedSessionLifetime: 1000,
    onSwept: (count) => swept.push(count),
  });
  for (const id of ["a", "b"]) await store.create({ id, token: "t" }, clock.now());
  reaper.start();
  for (let i = 0; i < 3; i++) {
    clock.advance(1000);
    await reaper.sweep();
    await Promise.resolve();
  }
  t.same(swept, [0, 2, 0], "none yet, both once idle past the lifetime, then none");
  await reaper.stop();
});

t.test("a heap release collects once per spike, then again once settled", async (t) => {
  let collections = 0;
  const later: { delayMs: number; work: () => void }[] = [];
  const release = new HeapRelease(
    () => {
      collections += 1;
    },
    () => true,
    (work, delayMs) => later.push({ work, delayMs }),
  );
  const reaper = {};
  release.swept(reaper, SPIKE_SESSIONS - 1);
  release.swept(reaper, 0);
  t.equal(collections, 0, "a trickle of discarded sessions is no spike");
  release.swept(reaper, 1);
  t.equal(collections, 0, "not while sessions are still being discarded");
  release.swept(reaper, 0);
  t.equal(collections, 1, "the spike is over");
  t.same(
    later.map(({ delayMs }) => delayMs),
    [SETTLE_MS],
    "a second collection is scheduled",
  );
  later[0]?.work();
  t.equal(collections, 2, "which collects again");
  release.swept(reaper, 0);
  t.equal(collections, 2, "once per spike");
  t.equal(later.length, 1);
});

t.test("a heap release waits for every app's reaper to sweep quiet", async (t) => {
  let collections = 0;
  const release = new HeapRelease(
    () => {
      collections += 1;
    },
    () => true,
    () => undefined,
  );
  const busy = {};
  const idle = {};
  const closed = {};
  release.swept(closed, 5);
  release.forget(closed);
  for (let sweep = 0; sweep < 3; sweep++) {
    release.swept(busy, SPIKE_SESSIONS);
    release.swept(idle, 0);
  }
  t.equal(collections, 0, "not while one app is still discarding, however quiet the others");
  release.swept(busy, 0);
  t.equal(collections, 1, "once the busy app's sweep is quiet too");
  release.swept(idle, 0);
  t.equal(collections, 1, "once");
});

t.test("a heap release does not pause a busy event loop: it waits for an idle one", async (t) => {
  let collections = 0;
  let loopIdle = false;
  const later: (() => void)[] = [];
  const release = new HeapRelease(
    () => {
      collections += 1;
    },
    () => loopIdle,
    (work) => later.push(work),
  );
  const reaper = {};
  release.swept(reaper, SPIKE_SESSIONS);
  release.swept(reaper, 0);
  release.swept(reaper, 0);
  t.equal(collections, 0, "quiet sweeps, but the loop is busy");
  loopIdle = true;
  release.swept(reaper, 0);
  t.equal(collections, 1, "collected at the first quiet sweep with an idle loop");
  loopIdle = false;
  later[0]?.();
  t.equal(collections, 1, "the settling collection is left out while the loop is busy");
});

t.test(
  "a heap release judges the loop by the last sweep interval, not by the time since the previous spike",
  async (t) => {
    // An event-loop clock: busy and total milliseconds, read as utilization since the previous look.
    let busyMs = 0;
    let totalMs = 0;
    let seen = { busyMs: 0, totalMs: 0 };
    const idleSinceLastLook = () => {
      const utilization = (busyMs - seen.busyMs) / (totalMs - seen.totalMs);
      seen = { busyMs, totalMs };
      return utilization < 0.1;
    };
    const interval = (busy: number) => {
      busyMs += busy;
      totalMs += 10_000;
    };
    let collections = 0;
    const release = new HeapRelease(
      () => {
        collections += 1;
      },
      idleSinceLastLook,
      () => undefined,
    );
    const reaper = {};
    for (let sweep = 0; sweep < 100; sweep++) {
      interval(0);
      release.swept(reaper, 0);
    }
    interval(2_000);
    release.swept(reaper, SPIKE_SESSIONS);
    interval(9_000);
    release.swept(reaper, 0);
    t.equal(collections, 0, "the sweep is quiet but the loop was busy through its interval: no pause");
    interval(100);
    release.swept(reaper, 0);
    t.equal(collections, 1, "collected once an interval was idle");
  },
);
