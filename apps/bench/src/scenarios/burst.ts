import { encode, patchDoc } from "@fastify-bokeh/protocol";
import { check } from "../client/bench-error.js";
import type { Target } from "../client/session.js";
import { sleep } from "../stats/bounded-loop.js";
import type { LatencySummary } from "../stats/latency.js";
import { type ProbeOptions, Probes } from "./probes.js";
import { openSliders } from "./roundtrip.js";

export interface BurstOptions {
  /** PATCH-DOCs sent back to back on the one connection (5,000). */
  messages: number;
  probes: ProbeOptions;
  /** Probing before the burst, for the undisturbed figure, ms. */
  calmMs: number;
  /** How long the burst's answers may take in all. */
  timeoutMs: number;
}

export interface BurstResult {
  messages: number;
  /** From the first PATCH-DOC sent to the last OK received, ms. */
  burstMs: number;
  /** The other sessions' round trips while the burst was handled. */
  probe: LatencySummary;
  /** The same before the burst. */
  probeCalm: LatencySummary;
}

/** freq values the burst alternates between: each PATCH-DOC changes the value, so each runs the callback. */
const BURST_FREQS = [2, 3] as const;

/**
 * One connection sends a burst of slider changes (PATCH-DOC ModelChanged, each answered by a ColumnDataChanged
 * and an OK) all at once, while other sliders sessions keep doing round trips: how much are they held up?
 */
export async function burst(target: Target, options: BurstOptions): Promise<BurstResult> {
  const probes = await Probes.open(target, options.probes);
  const sender = await openSliders(target).catch(async (error: unknown) => {
    await probes.stop();
    throw error;
  });
  try {
    let changes = 0;
    sender.connection.onPatch(() => {
      changes += 1;
    });
    // Encoded before the window: the client's own work must not count as the server's stall.
    const messages = Array.from({ length: options.messages }, (_, i) => {
      const message = patchDoc([
        { kind: "ModelChanged", model: { id: sender.freqId }, attr: "value", new: BURST_FREQS[i % 2] ?? 2 },
      ]);
      return { message, frames: encode(message) };
    });
    probes.start();
    const calmStart = performance.now();
    await sleep(options.calmMs);
    const start = performance.now();
    const replies = await Promise.all(
      messages.map(({ message, frames }) => sender.connection.request(message, options.timeoutMs, frames)),
    );
    const end = performance.now();
    check(
      replies.every((reply) => reply.header.msgtype === "OK"),
      "every PATCH-DOC of the burst must be answered with OK",
    );
    check(changes === options.messages, `${changes} ColumnDataChanged for ${options.messages} slider changes`);
    await sleep(Math.min(options.calmMs, 500));
    return {
      messages: options.messages,
      burstMs: end - start,
      probe: probes.during(start, end),
      probeCalm: probes.during(calmStart, start),
    };
  } finally {
    await Promise.all([probes.stop(), sender.connection.close()]);
  }
}
