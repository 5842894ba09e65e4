import type { Target } from "../client/session.js";
import { mapConcurrent, sleep } from "../stats/bounded-loop.js";
import { type LatencySummary, summarize } from "../stats/latency.js";
import { openSliders, round, type SlidersSession } from "./roundtrip.js";

export interface ProbeOptions {
  /** Sliders sessions that each keep doing round trips. */
  sessions: number;
  /** Pause between one session's rounds, ms. */
  intervalMs: number;
}

/** A probe waits this long for its answer: a stalled server is measured, not failed. */
const PROBE_TIMEOUT_MS = 120_000;

interface Sample {
  /** performance.now() when the round started. */
  start: number;
  ms: number;
}

/**
 * Other users of the server while one connection misbehaves: a few sliders sessions that each do a checked round
 * trip, pause, and again, until stopped. Latencies are read for the rounds that started within a window.
 */
export class Probes {
  private readonly samples: Sample[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  private constructor(
    private readonly states: SlidersSession[],
    private readonly intervalMs: number,
  ) {}

  static async open(target: Target, options: ProbeOptions): Promise<Probes> {
    const states = await mapConcurrent(options.sessions, 4, () => openSliders(target));
    return new Probes(states, options.intervalMs);
  }

  /** Starts every session's loop; a failed round stops the run (rethrown by `stop`). */
  start(): void {
    this.running = true;
    this.loops = this.states.map((state) => this.loop(state));
  }

  /** Stops the loops (each ends after its current round), closes the sessions; rethrows a failed round. */
  async stop(): Promise<void> {
    this.running = false;
    try {
      await Promise.all(this.loops);
    } finally {
      await Promise.all(this.states.map((state) => state.connection.close()));
    }
  }

  /** Latency of the rounds that overlapped [from, to] (performance.now() times). */
  during(from: number, to: number): LatencySummary {
    return summarize(this.samples.filter((s) => s.start <= to && s.start + s.ms >= from).map((s) => s.ms));
  }

  private async loop(state: SlidersSession): Promise<void> {
    while (this.running) {
      const start = performance.now();
      await round(state, PROBE_TIMEOUT_MS);
      this.samples.push({ start, ms: performance.now() - start });
      await sleep(this.intervalMs);
    }
  }
}
