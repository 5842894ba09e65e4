import type { SlowReaderResult } from "../scenarios/slow-reader.js";
import type { ServerResults } from "./results.js";

/** A target of the issue: a bound on ours ÷ bokeh serve's figure, or on our figure alone. */
interface Goal {
  on: "ratio" | "ours";
  op: ">=" | "<=";
  value: number;
  /** As the issue writes it, e.g. "≥ 25×" or "≤ 1/20". */
  text: string;
}

/** One line of the table. */
export interface Row {
  metric: string;
  ours: number | null;
  bokeh: number | null;
  /** ours ÷ bokeh. */
  ratio: number | null;
  target: string | null;
  /** null when there is no target or a figure is missing. */
  met: boolean | null;
}

interface Metric {
  metric: string;
  pick: (results: ServerResults) => number | undefined;
  goal?: Goal;
}

const atLeast = (value: number, text: string): Goal => ({ on: "ratio", op: ">=", value, text });
const oursAtMost = (value: number, text: string): Goal => ({ on: "ours", op: "<=", value, text });
const MIB = 1024 * 1024;
const atMost = (value: number, text: string): Goal => ({ on: "ratio", op: "<=", value, text });
const KIB = 1024;

/** The issue-12 scenarios' lines (load and abuse). */
const LOAD_METRICS: readonly Metric[] = [
  {
    metric: "slow reader, RSS growth while paused MiB",
    pick: (r) => mib(r.slowReader?.maxGrowthBytes),
    goal: oursAtMost(20, "≤ 20 MiB"),
  },
  {
    metric: "slow reader, paused or closed (1 = yes)",
    pick: (r) => (r.slowReader === undefined ? undefined : pausedOrClosed(r.slowReader)),
    goal: { on: "ours", op: ">=", value: 1, text: "= 1" },
  },
  { metric: "slow reader, close code (0 = open)", pick: (r) => r.slowReader && (r.slowReader.closed?.code ?? 0) },
  { metric: "churn, cycles", pick: (r) => r.churn?.cycles },
  {
    metric: "churn, peak RSS growth MiB",
    pick: (r) => r.churn && mib(r.churn.peakRssBytes - r.churn.baselineRssBytes),
  },
  {
    metric: "churn + reaper + idle, RSS − baseline MiB",
    pick: (r) => r.churn && mib(r.churn.afterIdleRssBytes - r.churn.baselineRssBytes),
    goal: oursAtMost(20, "≤ +20 MiB"),
  },
  { metric: "burst of PATCH-DOCs, handled in ms", pick: (r) => r.burst?.burstMs },
  { metric: "burst, probes p99 ms", pick: (r) => r.burst?.probe.p99, goal: oursAtMost(50, "≤ 50 ms") },
  { metric: "burst, probes max ms", pick: (r) => r.burst?.probe.max },
  { metric: "huge patch, applied in ms", pick: (r) => r.hugePatch?.appliedMs },
  { metric: "huge patch, relayed to a 2nd tab in ms", pick: (r) => r.hugePatch?.relayedMs },
  { metric: "huge patch, probes p99 ms", pick: (r) => r.hugePatch?.probe.p99, goal: oursAtMost(50, "≤ 50 ms") },
  { metric: "huge patch, probes max ms", pick: (r) => r.hugePatch?.probe.max },
  {
    metric: "scale, sessions open",
    pick: (r) => r.scale?.sessions,
    goal: { on: "ours", op: ">=", value: 10_000, text: "≥ 10,000" },
  },
  { metric: "scale, round trips", pick: (r) => r.scale?.rounds },
  { metric: "scale, failed round trips", pick: (r) => r.scale?.failedRounds },
  { metric: "scale, roundtrip p99 ms", pick: (r) => r.scale?.latency.p99, goal: oursAtMost(50, "≤ 50 ms") },
  { metric: "scale, peak RSS MiB", pick: (r) => mib(r.scale?.peakRssBytes), goal: oursAtMost(1536, "≤ 1.5 GiB") },
];

/** Issue 13's scale-out lines: the Redis store against the memory store on the same machine, and failover. */
const SCALE_OUT_METRICS: readonly Metric[] = [
  { metric: "scale-out, open c=8, memory store, sessions/s", pick: (r) => r.scaleOutMemory?.open.rate },
  { metric: "scale-out, open c=8, Redis store, sessions/s", pick: (r) => r.scaleOutRedis?.open.rate },
  {
    metric: "scale-out, open rate Redis ÷ memory",
    pick: (r) => r.scaleOutRedis && r.scaleOutMemory && r.scaleOutRedis.open.rate / r.scaleOutMemory.open.rate,
    goal: { on: "ours", op: ">=", value: 0.7, text: "≥ 0.7× (issue 13)" },
  },
  { metric: "scale-out, roundtrip p99, memory store ms", pick: (r) => r.scaleOutMemory?.roundtrip.latency.p99 },
  { metric: "scale-out, roundtrip p99, Redis store ms", pick: (r) => r.scaleOutRedis?.roundtrip.latency.p99 },
  {
    metric: "scale-out, roundtrip p99 Redis − memory ms",
    pick: (r) =>
      r.scaleOutRedis &&
      r.scaleOutMemory &&
      r.scaleOutRedis.roundtrip.latency.p99 - r.scaleOutMemory.roundtrip.latency.p99,
    goal: oursAtMost(2, "≤ +2 ms (issue 13)"),
  },
  { metric: "scale-out, failover rounds", pick: (r) => r.failover?.rounds },
  { metric: "scale-out, failover p50 ms", pick: (r) => r.failover?.latency.p50 },
  {
    metric: "scale-out, failover p99 ms",
    pick: (r) => r.failover?.latency.p99,
    goal: oursAtMost(2000, "≤ 2 s (issue 13)"),
  },
];

/** The slow client was closed, or stayed open while the server's memory stayed within the bound (it paused). */
function pausedOrClosed(result: SlowReaderResult): number {
  return result.closed !== null || result.maxGrowthBytes <= 20 * MIB ? 1 : 0;
}

function mib(bytes: number | undefined): number | undefined {
  return bytes === undefined ? undefined : bytes / MIB;
}

/** The table's metrics with the targets (ratios to bokeh serve in the same run). */
export const METRICS: readonly Metric[] = [
  { metric: "session open c=1, sessions/s", pick: (r) => r.sessionOpenC1?.rate, goal: atLeast(25, "≥ 25×") },
  { metric: "session open c=1, p50 ms", pick: (r) => r.sessionOpenC1?.latency.p50 },
  { metric: "session open c=1, p99 ms", pick: (r) => r.sessionOpenC1?.latency.p99, goal: atMost(1 / 20, "≤ 1/20") },
  { metric: "session open c=8, sessions/s", pick: (r) => r.sessionOpenC8?.rate, goal: atLeast(25, "≥ 25×") },
  { metric: "session open c=8, p50 ms", pick: (r) => r.sessionOpenC8?.latency.p50 },
  { metric: "session open c=8, p99 ms", pick: (r) => r.sessionOpenC8?.latency.p99, goal: atMost(1 / 20, "≤ 1/20") },
  { metric: "roundtrip (10 sessions), rounds/s", pick: (r) => r.roundtrip?.rate, goal: atLeast(10, "≥ 10×") },
  { metric: "roundtrip, p50 ms", pick: (r) => r.roundtrip?.latency.p50 },
  { metric: "roundtrip, p99 ms", pick: (r) => r.roundtrip?.latency.p99, goal: atMost(1 / 10, "≤ 1/10") },
  {
    metric: "stream (50 sessions), delivered/expected",
    pick: (r) => r.stream?.deliveredRatio,
    goal: { on: "ours", op: ">=", value: 0.99, text: "≥ 0.99" },
  },
  { metric: "stream, server CPU %", pick: (r) => r.stream?.serverCpuPercent, goal: atMost(1 / 4, "≤ 1/4") },
  { metric: "stream, server CPU ms per 1000 events", pick: (r) => r.stream?.serverCpuMsPer1000Events },
  { metric: "memory @100 sessions, KiB/session", pick: (r) => perSession(r, 100), goal: atMost(1 / 4, "≤ 1/4") },
  { metric: "memory @1000 sessions, KiB/session", pick: (r) => perSession(r, 1000), goal: atMost(1 / 4, "≤ 1/4") },
  { metric: "big 1M points, open+pull ms", pick: (r) => r.big?.openAndPullMs, goal: atMost(1 / 4, "≤ 1/4") },
  { metric: "big, pull only ms", pick: (r) => r.big?.pullMs },
  { metric: "big, bytes received (MB)", pick: (r) => (r.big === undefined ? undefined : r.big.bytesReceived / 1e6) },
  { metric: "session open c=32, --num-procs 1, sessions/s", pick: (r) => r.numProcs?.one.rate },
  { metric: "session open c=32, --num-procs 2, sessions/s", pick: (r) => r.numProcs?.two.rate },
  {
    metric: "session open c=32, --num-procs 2 ÷ 1",
    pick: (r) => (r.numProcs === undefined ? undefined : r.numProcs.two.rate / r.numProcs.one.rate),
    goal: { on: "ours", op: ">=", value: 1.6, text: "≥ 1.6× (issue 13)" },
  },
  ...SCALE_OUT_METRICS,
  ...LOAD_METRICS,
];

function perSession(results: ServerResults, sessions: number): number | undefined {
  const level = results.memory?.levels.find((l) => l.level === sessions);
  return level === undefined ? undefined : level.bytesPerSession / KIB;
}

function holds(goal: Goal, value: number): boolean {
  return goal.op === ">=" ? value >= goal.value : value <= goal.value;
}

export function buildRows(ours: ServerResults | null, bokeh: ServerResults | null): Row[] {
  return METRICS.map(({ metric, pick, goal }) => {
    const o = ours === null ? undefined : pick(ours);
    const b = bokeh === null ? undefined : pick(bokeh);
    const ratio = o !== undefined && b !== undefined && b !== 0 ? o / b : undefined;
    let met: boolean | null = null;
    if (goal !== undefined) {
      const subject = goal.on === "ours" ? o : ratio;
      if (subject !== undefined) met = holds(goal, subject);
    }
    return { metric, ours: o ?? null, bokeh: b ?? null, ratio: ratio ?? null, target: goal?.text ?? null, met };
  });
}
