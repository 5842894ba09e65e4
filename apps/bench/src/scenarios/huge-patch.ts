import { encode, patchDoc } from "@fastify-bokeh/protocol";
import { check } from "../client/bench-error.js";
import type { BokehConnection } from "../client/connection.js";
import { requireModel } from "../client/doc-json.js";
import { joinSession, type OpenedSession, openSession, type Target } from "../client/session.js";
import { sleep } from "../stats/bounded-loop.js";
import type { LatencySummary } from "../stats/latency.js";
import { type ProbeOptions, Probes } from "./probes.js";

export interface HugePatchOptions {
  /** New models in the one PATCH-DOC (100,000: about 8 MiB of JSON). */
  models: number;
  probes: ProbeOptions;
  /** Probing before the patch, for the undisturbed figure, ms. */
  calmMs: number;
  /** How long the patch's OK may take. */
  timeoutMs: number;
  /**
   * Whether a second connection shows the patched session (another tab of the page): the server must then relay
   * the new models to it, in full.
   */
  relay: boolean;
}

export interface HugePatchResult {
  models: number;
  /** Bytes of the message's frames. */
  bytes: number;
  /** From the PATCH-DOC sent to its OK received, ms. */
  appliedMs: number;
  /** From the PATCH-DOC sent to the second connection receiving it, ms (when there is one). */
  relayedMs?: number;
  /** The other sessions' round trips while the patch was handled. */
  probe: LatencySummary;
  probeCalm: LatencySummary;
}

/** `count` new Range1d models, each given in full (the first time a model appears in a patch). */
function newModels(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    type: "object",
    name: "Range1d",
    id: `huge${i}`,
    attributes: { start: i, end: i + 1 },
  }));
}

/** Resolves with the time (performance.now()) at which `connection` is sent a PATCH-DOC. */
function patchArrival(connection: BokehConnection): Promise<number> {
  return new Promise((resolve) => connection.onPatch(() => resolve(performance.now())));
}

/** The second connection on the sender's session, if the scenario relays the patch. */
async function relayTo(target: Target, sender: OpenedSession, options: HugePatchOptions) {
  if (!options.relay) return undefined;
  const connection = await joinSession(target, "sliders", sender);
  return { connection, arrival: patchArrival(connection) };
}

/**
 * One client sends a single valid PATCH-DOC that adds `models` new models to its document (as the `tags` of the
 * sliders app's TextInput), while other sliders sessions keep doing round trips: how much are they held up? With
 * `relay`, a second connection on the same session is sent the new models in full meanwhile.
 */
export async function hugePatch(target: Target, options: HugePatchOptions): Promise<HugePatchResult> {
  const probes = await Probes.open(target, options.probes);
  const sender = await openSession(target, "sliders").catch(async (error: unknown) => {
    await probes.stop();
    throw error;
  });
  const relay = await relayTo(target, sender, options).catch(async (error: unknown) => {
    await Promise.all([probes.stop(), sender.connection.close()]);
    throw error;
  });
  try {
    const title = requireModel(sender.models, "title", "TextInput");
    const message = patchDoc([
      { kind: "ModelChanged", model: { id: title.id }, attr: "tags", new: newModels(options.models) },
    ]);
    // Encoded before the window: the client's own work must not count as the server's stall.
    const frames = encode(message);
    const bytes = frames.reduce((sum, f) => sum + (typeof f === "string" ? Buffer.byteLength(f) : f.byteLength), 0);
    probes.start();
    const calmStart = performance.now();
    await sleep(options.calmMs);
    const start = performance.now();
    const reply = await sender.connection.request(message, options.timeoutMs, frames);
    const applied = performance.now();
    check(reply.header.msgtype === "OK", `the huge PATCH-DOC was answered with ${reply.header.msgtype}`);
    const relayed = relay === undefined ? undefined : await relay.arrival;
    const end = Math.max(applied, relayed ?? 0);
    await sleep(Math.min(options.calmMs, 500));
    return {
      models: options.models,
      bytes,
      appliedMs: applied - start,
      ...(relayed === undefined ? {} : { relayedMs: relayed - start }),
      probe: probes.during(start, end),
      probeCalm: probes.during(calmStart, start),
    };
  } finally {
    await Promise.all([probes.stop(), sender.connection.close(), relay?.connection.close()]);
  }
}
