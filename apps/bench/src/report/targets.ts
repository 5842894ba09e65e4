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
const atMost = (value: number, text: string): Goal => ({ on: "ratio", op: "<=", value, text });
const KIB = 1024;

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
