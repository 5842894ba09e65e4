/**
 * `--num-procs`: one host, several processes, one port, no load balancer. The same entry script runs as the primary
 * (it listens and routes) and, forked by it, as each worker (it builds the server and serves what it is handed).
 */
import cluster from "node:cluster";
import { pino } from "pino";
import type { StartupFailure } from "../cli/startup-errors.js";
import type { ListeningAddress } from "../core/origin.js";
import { listenAll } from "./listeners.js";
import { ClusterPrimary } from "./primary.js";
import { runWorker, type WorkerOptions } from "./worker.js";

export interface ProcessesOptions extends WorkerOptions {
  /** Worker processes, at least 2 (see resolveNumProcs). */
  readonly workers: number;
  readonly port: number;
  readonly address: string;
  /** The primary's log level (pino's names); the workers log through their own servers. */
  readonly logLevel: string;
  /** In the primary, once every worker is ready: where the port is, e.g. to print the apps' URLs. */
  readonly onReady?: (addresses: readonly ListeningAddress[], log: pino.Logger) => void;
}

/** How a run ended: the exit code, and the one-line reason when it could not start. */
export interface ProcessesExit {
  readonly exitCode: number;
  readonly failure?: StartupFailure;
}

/** Resolves at SIGINT or SIGTERM. */
function untilSignal(log: pino.Logger): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => {
        log.info(`${signal}: shutting down`);
        resolve();
      });
  });
}

async function runPrimary(options: ProcessesOptions): Promise<ProcessesExit> {
  const log = pino({ level: options.logLevel });
  const primary = new ClusterPrimary({ workers: options.workers, placement: "pinned", log });
  let listening: Awaited<ReturnType<typeof listenAll>>;
  try {
    listening = await listenAll(options.address, options.port, (socket) => primary.onConnection(socket));
  } catch (error) {
    const failure = options.describeFailure(error);
    if (failure === undefined) throw error;
    return { exitCode: failure.exitCode, failure };
  }
  const stopped = untilSignal(log);
  const started = await Promise.race([primary.start(listening.addresses), stopped.then(() => undefined)]);
  if (started?.ok) options.onReady?.(listening.addresses, log);
  if (started?.ok === true) await stopped;
  for (const server of listening.servers) server.close();
  await primary.stop();
  if (started !== undefined && !started.ok) return { exitCode: started.failure.exitCode, failure: started.failure };
  return { exitCode: 0 };
}

/** Runs the primary or, in a forked worker, the worker; resolves when it has shut down. */
export async function runInProcesses(options: ProcessesOptions): Promise<ProcessesExit> {
  if (cluster.isWorker) return { exitCode: await runWorker(options) };
  return runPrimary(options);
}
