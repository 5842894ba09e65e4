import { checkSliders } from "../client/contract-apps.js";
import { type OpenedSession, openSession, type Target } from "../client/session.js";
import { rssBytes } from "../process/proc-stats.js";
import { REAP_WAIT_MS } from "../servers/settings.js";
import { boundedLoop, mapConcurrent, sleep } from "../stats/bounded-loop.js";
import { median } from "../stats/latency.js";

export interface MemoryOptions {
  /** Open-session counts at which RSS is read, ascending (100 and 1,000). */
  levels: readonly number[];
  warmup: number;
  /** Sessions opened at once while filling up. */
  concurrency: number;
  /**
   * Time allowed to open the sessions of one level. A server too slow to get there (bokeh serve on a loaded
   * machine) is measured at the count it reached, so that the run stays within its budget.
   */
  fillTimeoutMs: number;
}

interface MemoryLevel {
  /** The level aimed at. */
  level: number;
  /** Sessions open when RSS was read (less than `level` only if filling timed out). */
  sessions: number;
  rssBytes: number;
  /** (RSS − baseline) / sessions. */
  bytesPerSession: number;
}

export interface MemoryResult {
  baselineRssBytes: number;
  levels: MemoryLevel[];
}

/** After allocating, give the server a moment to finish and settle, then take the median of a few reads. */
async function settledRss(pid: number): Promise<number> {
  await sleep(1000);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssBytes(pid));
    await sleep(100);
  }
  return median(samples);
}

async function openSliders(target: Target): Promise<OpenedSession> {
  const session = await openSession(target, "sliders");
  checkSliders(session);
  return session;
}

/**
 * Server RSS per open sliders session: warm up (sessions opened, closed and discarded), read the baseline, then
 * open sessions up to each level, keeping them connected, and read RSS at each level.
 * Bounded: each level opens a fixed number of sessions, each with its own timeouts.
 */
export async function memory(
  target: Target,
  options: MemoryOptions,
  onLevel?: (sessions: number) => Promise<void>,
): Promise<MemoryResult> {
  const { pid } = target.server;
  const warm = await mapConcurrent(options.warmup, options.concurrency, () => openSliders(target));
  await Promise.all(warm.map((session) => session.connection.close()));
  await sleep(REAP_WAIT_MS);
  const baselineRssBytes = await settledRss(pid);
  await onLevel?.(0);
  const open: OpenedSession[] = [];
  const levels: MemoryLevel[] = [];
  try {
    for (const level of options.levels) {
      await boundedLoop(
        options.concurrency,
        { durationMs: options.fillTimeoutMs, maxIterations: level - open.length },
        async () => {
          open.push(await openSliders(target));
        },
      );
      const rss = await settledRss(pid);
      levels.push({
        level,
        sessions: open.length,
        rssBytes: rss,
        bytesPerSession: (rss - baselineRssBytes) / open.length,
      });
      await onLevel?.(open.length);
    }
  } finally {
    await Promise.all(open.map((session) => session.connection.close()));
  }
  return { baselineRssBytes, levels };
}
