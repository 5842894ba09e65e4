import type { BigOptions } from "./big.js";
import type { MemoryOptions } from "./memory.js";
import type { RoundtripOptions } from "./roundtrip.js";
import type { SessionOpenOptions } from "./session-open.js";
import type { StreamOptions } from "./stream.js";

export const SCENARIOS = ["memory", "open", "roundtrip", "stream", "big", "procs"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/**
 * Sizes and bounds of every scenario (the numbers). Sized so that both servers together finish well
 * within the 8-minute budget on 2 cores: every loop stops at its count or its time, whichever comes first.
 */
export const PLAN = {
  memory: { levels: [100, 1000], warmup: 10, concurrency: 4, fillTimeoutMs: 90_000 } satisfies MemoryOptions,
  sessionOpenC1: { concurrency: 1, durationMs: 8000, maxSessions: 50_000, warmup: 20 } satisfies SessionOpenOptions,
  sessionOpenC8: { concurrency: 8, durationMs: 8000, maxSessions: 50_000, warmup: 40 } satisfies SessionOpenOptions,
  roundtrip: { sessions: 10, durationMs: 8000, maxRounds: 500_000, warmupRounds: 20 } satisfies RoundtripOptions,
  stream: { sessions: 50, durationMs: 10_000 } satisfies StreamOptions,
  big: { repetitions: 5, durationMs: 20_000 } satisfies BigOptions,
  /** Session open on our server with --num-procs 1, then 2 (issue 13), with enough in flight to keep both workers busy. */
  numProcs: { concurrency: 32, durationMs: 8000, maxSessions: 50_000, warmup: 40 } satisfies SessionOpenOptions,
} as const;
