import { type Message, type PatchEvent, patchDoc } from "@fastify-bokeh/protocol";
import { check } from "../client/bench-error.js";
import type { BokehConnection } from "../client/connection.js";
import { checkSliders, checkWave } from "../client/contract-apps.js";
import { openSession, type Target } from "../client/session.js";
import { CpuMeter } from "../process/proc-stats.js";
import { boundedLoop, clientCpuPercent, type LoopBounds, mapConcurrent } from "../stats/bounded-loop.js";
import { type LatencySummary, summarize } from "../stats/latency.js";

export interface RoundtripOptions {
  sessions: number;
  durationMs: number;
  maxRounds: number;
  /**
   * Rounds before measuring, all sessions together as in the measured loop: until the JIT of both processes has
   * compiled a round's code. Measured on ours: the first ~1.2 s of rounds ran at a quarter of the steady rate and
   * held three quarters of the rounds above the p99 (200 rounds were not enough).
   */
  warmup: LoopBounds;
}

export interface RoundtripResult {
  sessions: number;
  /** Rounds run before measuring (see {@link RoundtripOptions.warmup}). */
  warmupRounds: number;
  rounds: number;
  elapsedMs: number;
  /** Round trips per second, all sessions together. */
  rate: number;
  /** PATCH-DOC sent → new y values and OK received, ms. */
  latency: LatencySummary;
  clientCpuPercent: number;
  /** The server process's CPU over the same time, % of one core. */
  serverCpuPercent: number;
}

/** The slider's values 0.1, 0.2, …, 5.1; consecutive rounds always change the value (else no callback runs). */
const FREQS = Array.from({ length: 51 }, (_, i) => (i + 1) / 10);

/** What a round needs of an open sliders session (not the pulled document: thousands of these may be held). */
export interface SlidersSession {
  connection: BokehConnection;
  sourceId: string;
  freqId: string;
  x: ArrayLike<number>;
  round: number;
}

/** One round: set freq, then the server must send y = 1·sin(freq·x) for the source (before its OK). */
export async function round(state: SlidersSession, timeoutMs = 10_000): Promise<void> {
  // Start after the initial value 1.0 (index 9), so that the first round is a change too.
  const freq = FREQS[(state.round + 10) % FREQS.length];
  if (freq === undefined) throw new RangeError("FREQS must not be empty");
  state.round += 1;
  const received: { events: PatchEvent[]; buffers: ReadonlyMap<string, ArrayBufferView> }[] = [];
  state.connection.onPatch((message: Message<"PATCH-DOC">) =>
    received.push({ events: message.content.events, buffers: message.buffers }),
  );
  const reply = await state.connection.request(
    patchDoc([{ kind: "ModelChanged", model: { id: state.freqId }, attr: "value", new: freq }]),
    timeoutMs,
  );
  check(reply.header.msgtype === "OK", `PATCH-DOC answered with ${reply.header.msgtype}`);
  const events = received.flatMap(({ events, buffers }) => events.map((event) => ({ event, buffers })));
  const [only] = events;
  check(only !== undefined && events.length === 1, `expected one event before the OK, got ${events.length}`);
  const { event, buffers } = only;
  check(
    event.kind === "ColumnDataChanged" && event.model.id === state.sourceId && event.attr === "data",
    `expected ColumnDataChanged on the source, got ${event.kind}`,
  );
  checkWave(event, buffers, state.x, 1, freq);
}

/** Opens a sliders session and checks its document, ready for rounds. */
export async function openSliders(target: Target): Promise<SlidersSession> {
  const session = await openSession(target, "sliders");
  try {
    const { sourceId, freqId, x } = checkSliders(session);
    return { connection: session.connection, sourceId, freqId, x: Float64Array.from(x), round: 0 };
  } catch (error) {
    await session.connection.close();
    throw error;
  }
}

/** Closed-loop rounds on `states` (one worker per session) within `bounds`; how many ran. */
export async function warmUp(states: readonly SlidersSession[], bounds: LoopBounds): Promise<number> {
  const warmup = await boundedLoop(states.length, bounds, (worker) => round(sessionOf(states, worker)));
  return warmup.iterations;
}

function sessionOf(states: readonly SlidersSession[], worker: number): SlidersSession {
  const state = states[worker];
  if (state === undefined) throw new Error(`no session for worker ${worker}`);
  return state;
}

export async function roundtrip(target: Target, options: RoundtripOptions): Promise<RoundtripResult> {
  const states = await mapConcurrent(options.sessions, 4, () => openSliders(target));
  try {
    const warmupRounds = await warmUp(states, options.warmup);
    const samples: number[] = [];
    const cpu = process.cpuUsage();
    const serverCpu = new CpuMeter(target.server.pid);
    serverCpu.start();
    const outcome = await boundedLoop(
      options.sessions,
      { durationMs: options.durationMs, maxIterations: options.maxRounds },
      async (worker) => {
        const start = performance.now();
        await round(sessionOf(states, worker));
        samples.push(performance.now() - start);
      },
    );
    const serverCpuPercent = serverCpu.stop();
    return {
      sessions: options.sessions,
      warmupRounds,
      rounds: outcome.iterations,
      elapsedMs: outcome.elapsedMs,
      rate: (1000 * outcome.iterations) / outcome.elapsedMs,
      latency: summarize(samples),
      clientCpuPercent: clientCpuPercent(cpu, outcome.elapsedMs),
      serverCpuPercent,
    };
  } finally {
    await Promise.all(states.map((state) => state.connection.close()));
  }
}
