/** `pnpm demo --num-procs N`: the demo server in N worker processes behind the one port. */
import cluster from "node:cluster";
import { buildServing, describeStartupFailure, resolveNumProcs, runInProcesses, type ServeArgs } from "fastify-bokeh";
import { DEMO_APPS } from "./server.js";

/** The worker count when the args ask for several processes (in a forked worker: always), else undefined. */
export function demoProcessCount(args: ServeArgs): number | undefined {
  if (args.numProcs === undefined) return undefined;
  const workers = resolveNumProcs(args.numProcs);
  return workers > 1 || cluster.isWorker ? workers : undefined;
}

/** Runs the primary (or, forked, a worker) until SIGINT/SIGTERM; resolves the exit code. */
export async function runDemoProcesses(args: ServeArgs, workers: number): Promise<number> {
  const exit = await runInProcesses({
    workers,
    port: args.port,
    address: args.address,
    logLevel: args.logLevel,
    build: (core) => buildServing({ ...args, options: { ...core, ...args.options } }, DEMO_APPS),
    describeFailure: (error) => describeStartupFailure(error, args.port, args.address),
    onReady: (addresses, log) => {
      const port = addresses[0]?.port ?? args.port;
      log.info(`${workers} worker processes serving on one port`);
      for (const demo of DEMO_APPS)
        log.info(`Bokeh app running at: http://${args.address}:${port}${args.prefix}${demo.path}`);
    },
  });
  if (exit.failure !== undefined) console.error(`pnpm demo: ${exit.failure.message}`);
  return exit.exitCode;
}
