import { REAP_WAIT_MS } from "../servers/settings.js";
import type { BigOptions } from "./big.js";
import type { BurstOptions } from "./burst.js";
import type { ChurnOptions } from "./churn.js";
import type { HugePatchOptions } from "./huge-patch.js";
import type { MemoryOptions } from "./memory.js";
import type { RoundtripOptions } from "./roundtrip.js";
import type { ScaleOptions } from "./scale.js";
import type { FailoverOptions } from "./scale-out.js";
import type { SessionOpenOptions } from "./session-open.js";
import type { SlowReaderOptions } from "./slow-reader.js";
import type { StreamOptions } from "./stream.js";

/** The scenarios of issue 12 (load and abuse), each run on a freshly started server. */
const LOAD_SCENARIOS = ["slow-reader", "churn", "burst", "huge-patch", "scale"] as const;
export type LoadScenario = (typeof LOAD_SCENARIOS)[number];

/** The scenarios of issue 7 (throughput, latency, memory), --num-procs (issue 13), then those of issue 12. */
export const SCENARIOS = [
  "memory",
  "open",
  "roundtrip",
  "stream",
  "big",
  "procs",
  "scaleout",
  ...LOAD_SCENARIOS,
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isLoadScenario(name: ScenarioName): name is LoadScenario {
  return (LOAD_SCENARIOS as readonly string[]).includes(name);
}

export interface Plan {
  memory: MemoryOptions;
  sessionOpenC1: SessionOpenOptions;
  sessionOpenC8: SessionOpenOptions;
  roundtrip: RoundtripOptions;
  stream: StreamOptions;
  big: BigOptions;
  slowReader: SlowReaderOptions;
  churn: ChurnOptions;
  burst: BurstOptions;
  hugePatch: HugePatchOptions;
  scale: ScaleOptions;
  /** Session open on our server with --num-procs 1, then 2 (issue 13), with enough in flight to keep both busy. */
  numProcs: SessionOpenOptions;
  /** Redis store vs memory store (issue 13): open and roundtrip on each, then failover between two nodes. */
  scaleOut: { open: SessionOpenOptions; roundtrip: RoundtripOptions; failover: FailoverOptions };
}

const PROBES = { sessions: 4, intervalMs: 10 } as const;
/** Warm-up rounds (roundtrip, scale): 3 s or 30,000 rounds (a cold server reached its steady rate after ~1.2 s). */
const WARMUP = { durationMs: 3000, maxIterations: 30_000 } as const;
const QUICK_WARMUP = { durationMs: 200, maxIterations: 200 } as const;

/**
 * Sizes and bounds of every scenario (the issues' numbers): every loop stops at its count or its time, whichever
 * comes first. The issue-7 scenarios of both servers together finish within about 7 minutes on 2 cores, the
 * issue-12 ones within about 12 more.
 */
export const PLAN: Plan = {
  memory: { levels: [100, 1000], warmup: 10, concurrency: 4, fillTimeoutMs: 90_000 },
  sessionOpenC1: { concurrency: 1, durationMs: 8000, maxSessions: 50_000, warmup: 20 },
  sessionOpenC8: { concurrency: 8, durationMs: 8000, maxSessions: 50_000, warmup: 40 },
  roundtrip: { sessions: 10, durationMs: 8000, maxRounds: 500_000, warmup: WARMUP },
  stream: { sessions: 50, durationMs: 10_000, settleMs: 3000 },
  big: { repetitions: 5, durationMs: 20_000 },
  slowReader: { query: "period=10&n=2000", readingMs: 2000, pausedMs: 30_000, sampleMs: 1000, drainMs: 3000 },
  churn: { cycles: 10_000, concurrency: 8, durationMs: 90_000, idleMs: 30_000, reapWaitMs: REAP_WAIT_MS, warmup: 20 },
  burst: { messages: 5000, probes: PROBES, calmMs: 1000, timeoutMs: 120_000 },
  hugePatch: { models: 100_000, probes: PROBES, calmMs: 1000, timeoutMs: 120_000, relay: true },
  scale: {
    sessions: 10_000,
    concurrency: 16,
    fillTimeoutMs: 240_000,
    periodMs: 10_000,
    windowMs: 30_000,
    warmup: { sessions: 10, ...WARMUP },
    settleMs: 5000,
  },
  numProcs: { concurrency: 32, durationMs: 8000, maxSessions: 50_000, warmup: 40 },
  scaleOut: {
    open: { concurrency: 8, durationMs: 5000, maxSessions: 50_000, warmup: 40 },
    roundtrip: { sessions: 10, durationMs: 5000, maxRounds: 500_000, warmup: WARMUP },
    failover: { rounds: 10, timeoutMs: 15_000 },
  },
};

/** `--quick`: every scenario scaled down to a smoke run of a few seconds (its figures are not the issues'). */
export const QUICK_PLAN: Plan = {
  memory: { levels: [10, 50], warmup: 4, concurrency: 4, fillTimeoutMs: 20_000 },
  sessionOpenC1: { concurrency: 1, durationMs: 1000, maxSessions: 200, warmup: 4 },
  sessionOpenC8: { concurrency: 8, durationMs: 1000, maxSessions: 400, warmup: 8 },
  roundtrip: { sessions: 4, durationMs: 1000, maxRounds: 5000, warmup: QUICK_WARMUP },
  stream: { sessions: 5, durationMs: 2000, settleMs: 200 },
  big: { repetitions: 1, durationMs: 20_000 },
  slowReader: { query: "period=10&n=2000", readingMs: 500, pausedMs: 4000, sampleMs: 500, drainMs: 1000 },
  churn: { cycles: 200, concurrency: 8, durationMs: 10_000, idleMs: 2000, reapWaitMs: REAP_WAIT_MS, warmup: 4 },
  burst: { messages: 500, probes: PROBES, calmMs: 300, timeoutMs: 60_000 },
  hugePatch: { models: 10_000, probes: PROBES, calmMs: 300, timeoutMs: 60_000, relay: true },
  scale: {
    sessions: 100,
    concurrency: 8,
    fillTimeoutMs: 20_000,
    periodMs: 1000,
    windowMs: 3000,
    warmup: { sessions: 2, ...QUICK_WARMUP },
    settleMs: 200,
  },
  numProcs: { concurrency: 8, durationMs: 1000, maxSessions: 400, warmup: 8 },
  scaleOut: {
    open: { concurrency: 8, durationMs: 1000, maxSessions: 400, warmup: 8 },
    roundtrip: { sessions: 4, durationMs: 1000, maxRounds: 5000, warmup: QUICK_WARMUP },
    failover: { rounds: 2, timeoutMs: 15_000 },
  },
};
