import type { Message } from "@fastify-bokeh/protocol";
import { openSession, type Target } from "../client/session.js";
import { rssBytes } from "../process/proc-stats.js";
import { sleep } from "../stats/bounded-loop.js";
import { settledRss } from "./memory.js";

export interface SlowReaderOptions {
  /** The /stream app's query: a heavy stream (`period=10&n=2000`: 200,000 points a second). */
  query: string;
  /** Reading normally before pausing, ms. */
  readingMs: number;
  /** How long the client reads nothing, ms. */
  pausedMs: number;
  /** How often RSS is read while paused, ms. */
  sampleMs: number;
  /** After resuming: how long to read what the server kept for the client (and a close frame, if any), ms. */
  drainMs: number;
}

export interface SlowReaderResult {
  baselineRssBytes: number;
  /** Largest RSS − baseline while the client was paused. */
  maxGrowthBytes: number;
  /** RSS − baseline at the end of the pause. */
  endGrowthBytes: number;
  /** The close frame the client found once it read again; null when the connection stayed open. */
  closed: { code: number; reason: string } | null;
  /** Bytes read in `drainMs` after resuming: what the server (and the kernel buffers) still held for the client. */
  drainedBytes: number;
  /** Stream batches received before pausing and after resuming. */
  batchesBefore: number;
  batchesAfter: number;
}

/**
 * A client opens a heavy stream and then stops reading for a while: does the server keep queueing for it (its
 * RSS grows without bound) or pause (or drop) that client? The RSS of the server is read all along.
 */
export async function slowReader(target: Target, options: SlowReaderOptions): Promise<SlowReaderResult> {
  const { pid } = target.server;
  const session = await openSession(target, "stream", options.query);
  const { connection } = session;
  let batches = 0;
  connection.onPatch((message: Message<"PATCH-DOC">) => {
    batches += message.content.events.length;
  });
  try {
    await sleep(options.readingMs);
    // The baseline includes the session and its stream: what grows from here is what is kept for the client.
    const baselineRssBytes = await settledRss(pid);
    const batchesBefore = batches;
    connection.pause();
    let maxGrowthBytes = 0;
    let endGrowthBytes = 0;
    const until = performance.now() + options.pausedMs;
    while (performance.now() < until) {
      await sleep(options.sampleMs);
      endGrowthBytes = rssBytes(pid) - baselineRssBytes;
      maxGrowthBytes = Math.max(maxGrowthBytes, endGrowthBytes);
    }
    const readBefore = connection.bytesRead;
    const batchesPaused = batches;
    connection.resume();
    await sleep(options.drainMs);
    return {
      baselineRssBytes,
      maxGrowthBytes,
      endGrowthBytes,
      closed: connection.closedWith ?? null,
      drainedBytes: connection.bytesRead - readBefore,
      batchesBefore,
      batchesAfter: batches - batchesPaused,
    };
  } finally {
    await connection.close();
  }
}
