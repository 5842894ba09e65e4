import type { Target } from "../client/session.js";
import { rssBytes } from "../process/proc-stats.js";
import { boundedLoop, sleep } from "../stats/bounded-loop.js";
import { settledRss } from "./memory.js";
import { openSliders } from "./roundtrip.js";

export interface ChurnOptions {
  /** Open-pull-close cycles (10,000), stopped early at `durationMs`. */
  cycles: number;
  concurrency: number;
  durationMs: number;
  /** Idle time after the reaper has discarded the sessions, before the last RSS read, ms (30 s). */
  idleMs: number;
  /** How long the reaper needs to discard closed sessions, ms (waited after the warm-up and after the churn). */
  reapWaitMs: number;
  warmup: number;
}

export interface ChurnResult {
  cycles: number;
  churnMs: number;
  baselineRssBytes: number;
  /** Highest RSS read during the churn. */
  peakRssBytes: number;
  /** RSS after the churn, the reaper and the idle time. */
  afterIdleRssBytes: number;
}

/** Opens a sliders session, checks its document, closes it. */
async function cycle(target: Target): Promise<void> {
  const state = await openSliders(target);
  await state.connection.close();
}

/**
 * Many sessions opened and closed, then left to the unused-session reaper, then idle: does the server's memory
 * come back to where it was before? Run on a freshly started server (its baseline is read after a warm-up).
 */
export async function churn(target: Target, options: ChurnOptions): Promise<ChurnResult> {
  const { pid } = target.server;
  await boundedLoop(2, { durationMs: 60_000, maxIterations: options.warmup }, () => cycle(target));
  await sleep(options.reapWaitMs);
  const baselineRssBytes = await settledRss(pid);
  let peakRssBytes = baselineRssBytes;
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, rssBytes(pid));
  }, 250);
  let outcome: Awaited<ReturnType<typeof boundedLoop>>;
  try {
    outcome = await boundedLoop(
      options.concurrency,
      { durationMs: options.durationMs, maxIterations: options.cycles },
      () => cycle(target),
    );
  } finally {
    clearInterval(sampler);
  }
  await sleep(options.reapWaitMs + options.idleMs);
  return {
    cycles: outcome.iterations,
    churnMs: outcome.elapsedMs,
    baselineRssBytes,
    peakRssBytes,
    afterIdleRssBytes: await settledRss(pid),
  };
}
