import type { Target } from "../client/session.js";
import { rssBytes } from "../process/proc-stats.js";
import { boundedLoop, type LoopBounds, mapConcurrent, sleep } from "../stats/bounded-loop.js";
import { type LatencySummary, summarize } from "../stats/latency.js";
import { settledRss } from "./memory.js";
import { openSliders, round, type SlidersSession, warmUp } from "./roundtrip.js";

export interface ScaleOptions {
  /** Sliders sessions held open at once (10,000). */
  sessions: number;
  concurrency: number;
  /** Time allowed to open them; a server too slow to get there is measured at the count it reached. */
  fillTimeoutMs: number;
  /** Each session changes its slider once per period (10 s), the sessions spread evenly over it. */
  periodMs: number;
  /** How long the sessions keep changing their sliders, ms. */
  windowMs: number;
  /**
   * Rounds on a few sessions of their own before filling, as in the roundtrip scenario: a fresh Node server runs
   * its first second of rounds at a quarter of its steady rate while the JIT compiles them, and at 1,000 rounds/s
   * the window's first second then queued up to ~100 ms.
   */
  warmup: LoopBounds & { sessions: number };
  /** A pause between filling and the window: the collections that follow 10,000 new sessions are not the window's. */
  settleMs: number;
}

export interface ScaleResult {
  /** Sessions open during the window (less than asked only if filling timed out). */
  sessions: number;
  fillMs: number;
  /** Rounds run before filling (see {@link ScaleOptions.warmup}). */
  warmupRounds: number;
  rounds: number;
  /** Rounds that got no (checked) answer within their timeout. */
  failedRounds: number;
  /** Slider change sent → new y values and OK received, ms. */
  latency: LatencySummary;
  baselineRssBytes: number;
  /** Highest RSS read during the window. */
  peakRssBytes: number;
}

/** A round may take this long before it counts as failed (a server far behind is measured, not failed). */
const ROUND_TIMEOUT_MS = 30_000;

/** One session's rounds: first at its offset in the period, then once per period until the window ends. */
async function ticks(
  state: SlidersSession,
  offsetMs: number,
  options: ScaleOptions,
  end: number,
  tally: { samples: number[]; failed: number },
): Promise<void> {
  const first = performance.now() + offsetMs;
  for (let due = first; due < end; due += options.periodMs) {
    await sleep(Math.max(0, due - performance.now()));
    const start = performance.now();
    try {
      await round(state, ROUND_TIMEOUT_MS);
      tally.samples.push(performance.now() - start);
    } catch {
      tally.failed += 1;
      return;
    }
  }
}

/** Rounds on sessions opened for it, closed afterwards; how many ran. */
async function warmUpOn(target: Target, warmup: ScaleOptions["warmup"]): Promise<number> {
  const states = await mapConcurrent(warmup.sessions, 4, () => openSliders(target));
  try {
    return await warmUp(states, warmup);
  } finally {
    await Promise.all(states.map((state) => state.connection.close()));
  }
}

/**
 * Many concurrent sliders sessions, each a user who moves its slider every few seconds: latency of those round
 * trips and the server's memory with all of them open. On a fresh server.
 */
export async function scale(target: Target, options: ScaleOptions): Promise<ScaleResult> {
  const { pid } = target.server;
  const baselineRssBytes = await settledRss(pid);
  const warmupRounds = await warmUpOn(target, options.warmup);
  const states: SlidersSession[] = [];
  try {
    const fill = await boundedLoop(
      options.concurrency,
      { durationMs: options.fillTimeoutMs, maxIterations: options.sessions },
      async () => {
        states.push(await openSliders(target));
      },
    );
    await sleep(options.settleMs);
    let peakRssBytes = rssBytes(pid);
    const sampler = setInterval(() => {
      peakRssBytes = Math.max(peakRssBytes, rssBytes(pid));
    }, 500);
    const tally = { samples: [] as number[], failed: 0 };
    const end = performance.now() + options.windowMs;
    try {
      await Promise.all(
        states.map((state, i) => ticks(state, (i * options.periodMs) / states.length, options, end, tally)),
      );
    } finally {
      clearInterval(sampler);
    }
    return {
      sessions: states.length,
      fillMs: fill.elapsedMs,
      warmupRounds,
      rounds: tally.samples.length + tally.failed,
      failedRounds: tally.failed,
      latency: summarize(tally.samples),
      baselineRssBytes,
      peakRssBytes,
    };
  } finally {
    await Promise.all(states.map((state) => state.connection.close()));
  }
}
