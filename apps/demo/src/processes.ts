/** `pnpm demo --num-procs N`: the demo server in N worker processes behind the one port. */
import cluster from "node:cluster";
import { resolveNumProcs, runInProcesses, type ServeArgs, type StartupFailure } from "fastify-bokeh";
import { buildDemoServer, DEMO_APPS } from "./server.js";

/** Option errors (FST_BOKEH_*) name the bad option: the message is all the user needs. */
export function optionFailure(error: unknown): StartupFailure | undefined {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  return error instanceof Error && code.startsWith("FST_BOKEH_") ? { message: error.message, exitCode: 2 } : undefined;
}

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
    build: async (core) => {
      const server = await buildDemoServer({ logger: true, prefix: args.prefix, ...core, ...args.options });
      server.log.level = args.logLevel;
      return server;
    },
    describeFailure: optionFailure,
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
