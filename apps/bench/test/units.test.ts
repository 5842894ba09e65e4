// The pure parts of the benchmark: statistics, targets and table, document JSON decoding, the contract checks
// (a wrong reply must fail), and the /proc readers.
import t from "tap";
import { ValidationError } from "../src/client/bench-error.js";
import { checkStreamBatch, checkWave, expectedWave } from "../src/client/contract-apps.js";
import { mapEntries, maxAbsDifference, modelsByName, numericColumn } from "../src/client/doc-json.js";
import { sessionIdOf } from "../src/client/page.js";
import { Children } from "../src/process/children.js";
import { CpuMeter, cpuSeconds, rssBytes } from "../src/process/proc-stats.js";
import type { ServerResults } from "../src/report/results.js";
import { formatTable } from "../src/report/table.js";
import { buildRows, METRICS } from "../src/report/targets.js";
import { boundedLoop, mapConcurrent } from "../src/stats/bounded-loop.js";
import { median, percentile, summarize } from "../src/stats/latency.js";

t.test("percentiles are nearest-rank", async (t) => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  t.equal(percentile(values, 50), 50);
  t.equal(percentile(values, 99), 99);
  t.equal(percentile(values, 100), 100);
  t.equal(percentile([7], 99), 7);
  t.ok(Number.isNaN(percentile([], 50)));
  const summary = summarize([5, 1, 3, 2, 4]);
  t.same(summary, { count: 5, p50: 3, p99: 5, mean: 3, max: 5 });
  t.equal(median([9, 1, 5]), 5);
});

t.test("bounded loops stop at their count or their time and rethrow the first failure", async (t) => {
  let calls = 0;
  const counted = await boundedLoop(3, { durationMs: 10_000, maxIterations: 10 }, async () => {
    calls++;
  });
  t.equal(counted.iterations, 10);
  t.equal(calls, 10);
  const timed = await boundedLoop(
    2,
    { durationMs: 50, maxIterations: 1e9 },
    () => new Promise((resolve) => setTimeout(resolve, 5)),
  );
  t.ok(timed.iterations > 0 && timed.iterations < 100, `${timed.iterations} iterations in 50 ms`);
  t.ok(timed.elapsedMs >= 50 && timed.elapsedMs < 1000);
  await t.rejects(
    boundedLoop(2, { durationMs: 10_000, maxIterations: 100 }, async (_w, i) => {
      if (i === 3) throw new Error("boom");
    }),
    { message: "boom" },
  );
  t.same(await mapConcurrent(5, 2, async (i) => i * i), [0, 1, 4, 9, 16]);
});

t.test("rows carry ratios and say which targets are met", async (t) => {
  const ours: ServerResults = {
    label: "ours",
    sessionOpenC1: {
      concurrency: 1,
      sessions: 100,
      elapsedMs: 1000,
      rate: 300,
      latency: { count: 100, p50: 2, p99: 4, mean: 2, max: 5 },
      clientCpuPercent: 10,
      serverCpuPercent: 50,
    },
    stream: {
      sessions: 50,
      windowMs: 10_000,
      delivered: 9_950,
      expected: 10_000,
      deliveredRatio: 0.995,
      serverCpuPercent: 10,
      serverCpuMsPer1000Events: 10,
    },
  };
  const bokeh: ServerResults = {
    label: "bokeh",
    sessionOpenC1: {
      concurrency: 1,
      sessions: 10,
      elapsedMs: 1000,
      rate: 10,
      latency: { count: 10, p50: 50, p99: 100, mean: 50, max: 100 },
      clientCpuPercent: 1,
      serverCpuPercent: 99,
    },
    stream: {
      sessions: 50,
      windowMs: 10_000,
      delivered: 5_000,
      expected: 10_000,
      deliveredRatio: 0.5,
      serverCpuPercent: 50,
      serverCpuMsPer1000Events: 1000,
    },
  };
  const rows = buildRows(ours, bokeh);
  t.equal(rows.length, METRICS.length);
  const row = (metric: string) => rows.find((r) => r.metric === metric)!;
  t.match(row("session open c=1, sessions/s"), { ours: 300, bokeh: 10, ratio: 30, target: "≥ 25×", met: true });
  t.match(row("session open c=1, p99 ms"), { ratio: 0.04, met: true });
  t.match(row("session open c=1, p50 ms"), { target: null, met: null });
  t.match(row("stream (50 sessions), delivered/expected"), { ours: 0.995, met: true });
  t.match(row("stream, server CPU %"), { ratio: 0.2, met: true });
  t.match(row("roundtrip (10 sessions), rounds/s"), { ours: null, bokeh: null, ratio: null, met: null });
  const slow = buildRows({ ...ours, sessionOpenC1: { ...ours.sessionOpenC1!, rate: 200 } }, bokeh);
  t.equal(slow.find((r) => r.metric === "session open c=1, sessions/s")!.met, false, "20× is below 25×");
  const alone = buildRows(ours, null);
  t.match(
    alone.find((r) => r.metric === "stream (50 sessions), delivered/expected"),
    { met: true },
    "our own targets hold without bokeh serve",
  );
  t.match(
    alone.find((r) => r.metric === "stream, server CPU %"),
    { ratio: null, met: null },
  );

  const table = formatTable(rows);
  t.match(table, /\| session open c=1, sessions\/s +\| +300 \| +10\.0 \| +30\.0× \| +≥ 25× \| yes \|/);
  t.match(table, /\| session open c=1, p99 ms +\| +4\.00 \| +100 \| +1\/25\.0 \| +≤ 1\/20 \| yes \|/);
  t.match(table, /\| roundtrip, p99 ms +\| +— \| +— \| +— \| +≤ 1\/10 \| +— \|/);
});

t.test("document JSON: models by name, map reps, numeric columns", async (t) => {
  const doc = {
    roots: [
      {
        type: "object",
        name: "Column",
        id: "p1",
        attributes: {
          name: "layout",
          children: [
            { type: "object", name: "Slider", id: "p2", attributes: { name: "freq", value: 1 } },
            { id: "p9" },
          ],
        },
      },
    ],
  };
  const models = modelsByName(doc.roots);
  t.same([...models.keys()].sort(), ["freq", "layout"]);
  t.match(models.get("freq"), { id: "p2", type: "Slider", attributes: { value: 1 } });
  t.same([...mapEntries({ type: "map", entries: [["x", [1]]] })], [["x", [1]]]);
  t.same([...mapEntries({ type: "map" })], []);
  t.throws(() => mapEntries({ x: 1 }), ValidationError);

  // A float64 buffer at an odd offset (as in a pooled socket buffer) is copied, not misread.
  const values = new Float64Array([1.5, -2, 3]);
  const pool = new Uint8Array(8 * 3 + 1);
  pool.set(new Uint8Array(values.buffer), 1);
  const unaligned = pool.subarray(1);
  const rep = {
    type: "ndarray",
    array: { type: "bytes", data: { id: "b1" } },
    shape: [3],
    dtype: "float64",
    order: "little",
  };
  t.same([...numericColumn(rep, new Map([["b1", unaligned]]))], [1.5, -2, 3]);
  t.same(numericColumn([1, 2], new Map()), [1, 2]);
  t.throws(() => numericColumn({ ...rep, dtype: "int32" }, new Map([["b1", unaligned]])), ValidationError);
  t.throws(() => numericColumn(rep, new Map()), ValidationError, "missing buffer");
  t.throws(
    () => numericColumn({ ...rep, shape: [4] }, new Map([["b1", unaligned]])),
    ValidationError,
    "shape disagrees with bytes",
  );
  t.throws(() => numericColumn(["a"], new Map()), ValidationError);
  t.equal(maxAbsDifference([1, 2], [1, 2.5]), 0.5);
  t.equal(maxAbsDifference([1], [1, 2]), Infinity);
  t.equal(maxAbsDifference([NaN], [1]), Infinity);
});

t.test("contract checks reject wrong answers", async (t) => {
  const x = Float64Array.from({ length: 200 }, (_, i) => (4 * Math.PI * i) / 199);
  const bytes = (values: Float64Array) => new Uint8Array(values.buffer);
  const ndarray = (id: string) => ({
    type: "ndarray",
    array: { type: "bytes", data: { id } },
    shape: [200],
    dtype: "float64",
    order: "little",
  });
  const event = {
    data: {
      type: "map",
      entries: [
        ["x", ndarray("bx")],
        ["y", ndarray("by")],
      ],
    },
  };
  const good = new Map([
    ["bx", bytes(x)],
    ["by", bytes(expectedWave(x, 1, 2.5))],
  ]);
  t.doesNotThrow(() => checkWave(event, good, x, 1, 2.5));
  const wrong = new Map([
    ["bx", bytes(x)],
    ["by", bytes(expectedWave(x, 1, 2.4))],
  ]);
  t.throws(() => checkWave(event, wrong, x, 1, 2.5), ValidationError, "y for another freq");
  const shifted = new Map([
    ["bx", bytes(x.map((v) => v + 1e-3))],
    ["by", bytes(expectedWave(x, 1, 2.5))],
  ]);
  t.throws(() => checkWave(event, shifted, x, 1, 2.5), ValidationError, "x changed");

  const batch = (start: number, n = 10, rollover: number | null = 1000) => {
    const xs = Array.from({ length: n }, (_, i) => start + i);
    return {
      data: {
        type: "map",
        entries: [
          ["x", xs],
          ["y", xs.map((v) => Math.sin(v / 10))],
        ],
      },
      rollover,
    };
  };
  t.equal(checkStreamBatch(batch(20), 20, 10), 30);
  t.throws(() => checkStreamBatch(batch(30), 20, 10), ValidationError, "a lost batch");
  t.throws(() => checkStreamBatch(batch(20, 9), 20, 10), ValidationError, "a short batch");
  t.throws(() => checkStreamBatch(batch(20, 10, null), 20, 10), ValidationError, "no rollover");
  const badY = batch(20);
  (badY.data.entries[1]![1] as number[])[3] = 0.5;
  t.throws(() => checkStreamBatch(badY, 20, 10), ValidationError, "a wrong y");
});

t.test("tokens: the session id comes from the payload", async (t) => {
  const token = Buffer.from(JSON.stringify({ session_id: "abc", session_expiry: 1 })).toString("base64url");
  t.equal(sessionIdOf(token), "abc");
  t.equal(sessionIdOf(`${token}.signature`), "abc");
  t.throws(() => sessionIdOf(Buffer.from("{}").toString("base64url")), ValidationError);
});

t.test("/proc readers and child processes", async (t) => {
  t.ok(rssBytes(process.pid) > 10 * 1024 * 1024, "RSS of this process is plausible");
  const before = cpuSeconds(process.pid);
  const meter = new CpuMeter(process.pid);
  meter.start();
  const until = performance.now() + 200;
  let spin = 0;
  while (performance.now() < until) spin++;
  t.ok(spin > 0);
  t.ok(cpuSeconds(process.pid) > before, "CPU time grows while spinning");
  t.ok(meter.stop() > 20, "a busy loop shows as CPU use");

  const children = new Children();
  const child = children.spawn(process.execPath, ["-e", "console.log('ready'); setInterval(() => {}, 1000)"]);
  for (let waited = 0; !child.output().includes("ready") && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  t.match(child.output(), /ready/, "the child's output is kept");
  await children.stopAll();
  t.ok(child.process.signalCode === "SIGTERM" || child.process.exitCode !== null, "stopped");
});
