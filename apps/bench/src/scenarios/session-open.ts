import { checkSliders } from "../client/contract-apps.js";
import { openSession, type Target } from "../client/session.js";
import { CpuMeter } from "../process/proc-stats.js";
import { boundedLoop, clientCpuPercent } from "../stats/bounded-loop.js";
import { type LatencySummary, summarize } from "../stats/latency.js";

export interface SessionOpenOptions {
  concurrency: number;
  durationMs: number;
  maxSessions: number;
  /** Sessions opened first and not measured (JIT, caches, first-use allocations). */
  warmup: number;
}

export interface SessionOpenResult {
  concurrency: number;
  sessions: number;
  elapsedMs: number;
  /** Sessions per second. */
  rate: number;
  /** Per session, GET → close handshake done, ms. */
  latency: LatencySummary;
  /** The load generator's own CPU, % of one core (near 100 means the client, not the server, was the limit). */
  clientCpuPercent: number;
  /** The server process's CPU over the same time, % of one core. */
  serverCpuPercent: number;
}

/** The warm-up stops at its count or after this long. */
const WARMUP_MS = 5000;

/** One complete session: GET page → token → websocket → ACK → PULL-DOC (checked) → close. */
async function oneSession(target: Target): Promise<void> {
  const session = await openSession(target, "sliders");
  try {
    checkSliders(session);
  } finally {
    await session.connection.close();
  }
}

export async function sessionOpen(target: Target, options: SessionOpenOptions): Promise<SessionOpenResult> {
  await boundedLoop(options.concurrency, { durationMs: WARMUP_MS, maxIterations: options.warmup }, () =>
    oneSession(target),
  );
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  const serverCpu = new CpuMeter(target.server.pid);
  serverCpu.start();
  const outcome = await boundedLoop(
    options.concurrency,
    { durationMs: options.durationMs, maxIterations: options.maxSessions },
    async () => {
      const start = performance.now();
      await oneSession(target);
      samples.push(performance.now() - start);
    },
  );
  const serverCpuPercent = serverCpu.stop();
  return {
    concurrency: options.concurrency,
    sessions: outcome.iterations,
    elapsedMs: outcome.elapsedMs,
    rate: (1000 * outcome.iterations) / outcome.elapsedMs,
    latency: summarize(samples),
    clientCpuPercent: clientCpuPercent(cpu, outcome.elapsedMs),
    serverCpuPercent,
  };
}
