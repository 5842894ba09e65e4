import type { Message } from "@fastify-bokeh/protocol";
import { check } from "../client/bench-error.js";
import { checkStream, checkStreamBatch } from "../client/contract-apps.js";
import { type OpenedSession, openSession, type Target } from "../client/session.js";
import { CpuMeter } from "../process/proc-stats.js";
import { mapConcurrent, sleep } from "../stats/bounded-loop.js";

export interface StreamOptions {
  sessions: number;
  durationMs: number;
  /**
   * How long the sessions stream before the window opens. Measured on ours: the first 3 s after opening 50 sessions
   * cost about twice the server CPU per event of the steady state (the stream path being compiled, the openings'
   * garbage collected); the window measures streaming, not what opening the sessions left behind.
   */
  settleMs: number;
}

/** The /stream app's defaults: 10 points every 50 ms. */
const PERIOD_MS = 50;
const BATCH = 10;

export interface StreamResult {
  sessions: number;
  windowMs: number;
  /** ColumnsStreamed events received during the window, all sessions. */
  delivered: number;
  /** sessions × window / period. */
  expected: number;
  /** delivered / expected. */
  deliveredRatio: number;
  /** Server process CPU during the window, % of one core. */
  serverCpuPercent: number;
  /** Server CPU time per 1,000 delivered events, ms (comparable even when a server delivers fewer events). */
  serverCpuMsPer1000Events: number;
}

interface Counter {
  session: OpenedSession;
  inWindow: number;
}

export async function stream(target: Target, options: StreamOptions): Promise<StreamResult> {
  let windowOpen = false;
  let failure: unknown;
  const counters = await mapConcurrent(options.sessions, 4, async () => {
    const session = await openSession(target, "stream");
    const counter: Counter = { session, inWindow: 0 };
    try {
      let { sourceId, nextX } = checkStream(session);
      session.connection.onPatch((message: Message<"PATCH-DOC">) => {
        try {
          for (const event of message.content.events) {
            check(
              event.kind === "ColumnsStreamed" && event.model.id === sourceId && event.attr === "data",
              `expected ColumnsStreamed on the source, got ${event.kind}`,
            );
            nextX = checkStreamBatch(event, nextX, BATCH);
            if (windowOpen) counter.inWindow += 1;
          }
        } catch (error) {
          failure ??= error;
        }
      });
    } catch (error) {
      await session.connection.close();
      throw error;
    }
    return counter;
  });
  try {
    await sleep(options.settleMs);
    if (failure !== undefined) throw failure;
    const cpu = new CpuMeter(target.server.pid);
    cpu.start();
    windowOpen = true;
    const start = performance.now();
    await sleep(options.durationMs);
    windowOpen = false;
    const windowMs = performance.now() - start;
    const serverCpuPercent = cpu.stop();
    if (failure !== undefined) throw failure;
    const delivered = counters.reduce((sum, counter) => sum + counter.inWindow, 0);
    const expected = (options.sessions * windowMs) / PERIOD_MS;
    const serverCpuMsPer1000Events = delivered > 0 ? (1000 * (serverCpuPercent / 100) * windowMs) / delivered : NaN;
    return {
      sessions: options.sessions,
      windowMs,
      delivered,
      expected,
      deliveredRatio: delivered / expected,
      serverCpuPercent,
      serverCpuMsPer1000Events,
    };
  } finally {
    await Promise.all(counters.map((counter) => counter.session.connection.close()));
  }
}
