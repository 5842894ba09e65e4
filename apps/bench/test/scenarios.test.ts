// Every scenario, scaled down, against the demo server in this process; and the roundtrip against a server whose
// sliders app answers wrongly, which must fail instead of producing a figure.
import { Agent } from "node:http";
import type { AddressInfo } from "node:net";
import { buildDemoServer } from "@fastify-bokeh/demo";
import { ColumnDataSource, column, type Document, figure, Slider, TextInput } from "@fastify-bokeh/document";
import fastify, { type FastifyInstance } from "fastify";
import { bokehApp, bokehCore } from "fastify-bokeh";
import t from "tap";
import { ValidationError } from "../src/client/bench-error.js";
import type { Target } from "../src/client/session.js";
import { big } from "../src/scenarios/big.js";
import { burst } from "../src/scenarios/burst.js";
import { churn } from "../src/scenarios/churn.js";
import { hugePatch } from "../src/scenarios/huge-patch.js";
import { memory } from "../src/scenarios/memory.js";
import { roundtrip } from "../src/scenarios/roundtrip.js";
import { scale } from "../src/scenarios/scale.js";
import { sessionOpen } from "../src/scenarios/session-open.js";
import { slowReader } from "../src/scenarios/slow-reader.js";
import { stream } from "../src/scenarios/stream.js";

const SETTINGS = { unusedSessionLifetime: 3000, checkUnusedSessions: 500 };

async function listen(server: FastifyInstance): Promise<Target> {
  await server.listen({ port: 0, host: "127.0.0.1" });
  const httpBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return { server: { httpBase, origin: httpBase, pid: process.pid }, agent: new Agent({ keepAlive: true }) };
}

t.test("the scenarios against the demo server", async (t) => {
  const server = await buildDemoServer(SETTINGS);
  const target = await listen(server);
  t.teardown(async () => {
    target.agent.destroy();
    await server.close();
  });

  const open = await sessionOpen(target, { concurrency: 2, durationMs: 500, maxSessions: 20, warmup: 2 });
  t.ok(open.sessions > 0 && open.sessions <= 20, `${open.sessions} sessions`);
  t.equal(open.latency.count, open.sessions);
  t.ok(open.rate > 0 && open.latency.p50 > 0 && open.latency.p99 >= open.latency.p50);

  const rounds = await roundtrip(target, {
    sessions: 2,
    durationMs: 500,
    maxRounds: 50,
    warmup: { durationMs: 500, maxIterations: 4 },
  });
  t.ok(rounds.rounds > 0 && rounds.rounds <= 50, `${rounds.rounds} validated round trips`);
  t.ok(rounds.latency.p99 >= rounds.latency.p50);
  t.equal(rounds.warmupRounds, 4, "the warm-up stops at its count, before measuring");

  const streamed = await stream(target, { sessions: 2, durationMs: 1000, settleMs: 200 });
  t.ok(streamed.delivered > 0, `${streamed.delivered} validated ColumnsStreamed events`);
  t.ok(streamed.deliveredRatio > 0.5 && streamed.deliveredRatio < 1.1, `delivered ratio ${streamed.deliveredRatio}`);

  const pulled = await big(target, { repetitions: 1, durationMs: 10_000 });
  t.equal(pulled.repetitions, 1);
  t.ok(pulled.bytesReceived > 16_000_000, `${pulled.bytesReceived} bytes for two 8 MB columns`);
  t.ok(pulled.pullMs > 0 && pulled.openAndPullMs >= pulled.pullMs);

  const levels: number[] = [];
  const held = await memory(target, { levels: [3, 6], warmup: 2, concurrency: 2, fillTimeoutMs: 30_000 }, async (n) => {
    levels.push(n);
  });
  t.same(levels, [0, 3, 6], "RSS read at the baseline and at each level");
  t.same(
    held.levels.map((level) => [level.level, level.sessions]),
    [
      [3, 3],
      [6, 6],
    ],
  );
  t.ok(held.baselineRssBytes > 0);
});

t.test("the load scenarios, as short smoke runs", async (t) => {
  // Small back-pressure limits, so that the paused client is given up on within the smoke run.
  const server = await buildDemoServer({
    ...SETTINGS,
    websocketHighWaterMark: 64 * 1024,
    websocketMaxBacklog: 256 * 1024,
    websocketSlowClientTimeout: 500,
  });
  const target = await listen(server);
  t.teardown(async () => {
    target.agent.destroy();
    await server.close();
  });

  const slow = await slowReader(target, {
    query: "period=10&n=2000",
    readingMs: 300,
    pausedMs: 3000,
    sampleMs: 500,
    drainMs: 1500,
  });
  t.ok(slow.batchesBefore > 0, `${slow.batchesBefore} batches read before pausing`);
  t.equal(slow.closed?.code, 1013, `the paused client was closed: ${JSON.stringify(slow.closed)}`);
  t.match(slow.closed?.reason, /client too slow/);

  const probes = { sessions: 2, intervalMs: 10 };
  const burstResult = await burst(target, { messages: 100, probes, calmMs: 200, timeoutMs: 30_000 });
  t.equal(burstResult.messages, 100);
  t.ok(burstResult.probe.count > 0, `${burstResult.probe.count} probe rounds during the burst`);
  t.ok(burstResult.probeCalm.count > 0, "and before it");

  const huge = await hugePatch(target, { models: 2000, probes, calmMs: 200, timeoutMs: 30_000, relay: true });
  t.ok(huge.bytes > 100_000, `${huge.bytes} bytes for 2,000 new models`);
  t.ok(huge.appliedMs > 0 && huge.probe.count > 0);
  t.ok((huge.relayedMs ?? 0) > 0, "the session's second connection was sent the patch");

  const many = await scale(target, {
    sessions: 10,
    concurrency: 4,
    fillTimeoutMs: 30_000,
    periodMs: 400,
    windowMs: 800,
    warmup: { sessions: 2, durationMs: 500, maxIterations: 6 },
    settleMs: 10,
  });
  t.equal(many.sessions, 10);
  t.equal(many.warmupRounds, 6, "the warm-up ran on its own sessions, bounded by its count");
  t.equal(many.rounds, 20, "each session changed its slider once per period");
  t.equal(many.failedRounds, 0);
  t.equal(many.latency.count, 20);

  const churned = await churn(target, {
    cycles: 20,
    concurrency: 4,
    durationMs: 30_000,
    idleMs: 100,
    reapWaitMs: 0,
    warmup: 2,
  });
  t.equal(churned.cycles, 20);
  t.ok(churned.peakRssBytes >= churned.baselineRssBytes && churned.afterIdleRssBytes > 0);
});

/** Looks like the sliders contract app, but computes y = amp·sin(freq·x) + 0.001 on change. */
function wrongSliders(doc: Document): void {
  const x = Float64Array.from({ length: 200 }, (_, i) => (4 * Math.PI * i) / 199);
  const source = new ColumnDataSource({ data: { x, y: x.map((v) => Math.sin(v)) }, name: "source" });
  const plot = figure({ title: "sliders", name: "plot" });
  plot.line("x", "y", { source, name: "line" });
  const freq = new Slider({ title: "freq", start: 0.1, end: 5.1, value: 1, step: 0.1, name: "freq" });
  const amp = new Slider({ title: "amp", start: 0.1, end: 5, value: 1, step: 0.1, name: "amp" });
  freq.on_change("value", () => {
    source.data = { x, y: x.map((v) => (amp.value as number) * Math.sin((freq.value as number) * v) + 0.001) };
  });
  doc.add_root(column([new TextInput({ value: "sliders", name: "title" }), freq, amp, plot]));
  doc.title = "sliders";
}

t.test("a wrong answer fails the roundtrip", async (t) => {
  const server = fastify();
  await server.register(bokehCore, SETTINGS);
  await server.register(bokehApp, { path: "/sliders", app: wrongSliders });
  const target = await listen(server);
  t.teardown(async () => {
    target.agent.destroy();
    await server.close();
  });
  await t.rejects(
    roundtrip(target, { sessions: 1, durationMs: 500, maxRounds: 5, warmup: { durationMs: 0, maxIterations: 0 } }),
    ValidationError,
  );
});
