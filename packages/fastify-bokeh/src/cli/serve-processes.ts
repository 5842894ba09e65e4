/** `fastify-bokeh serve --num-procs N`: the serve server in N worker processes behind the one port. */
import cluster from "node:cluster";
import { resolveNumProcs } from "../cluster/num-procs.js";
import { runInProcesses } from "../cluster/run-processes.js";
import { appPathOf } from "./app-modules.js";
import { appUrls } from "./app-urls.js";
import { loadServeApps } from "./serve-apps.js";
import type { ServeArgs } from "./serve-args.js";
import { buildServing } from "./serve-run.js";
import { describeStartupFailure } from "./startup-errors.js";

/** The worker count when the args ask for several processes (in a forked worker: always), else undefined. */
export function processCount(args: ServeArgs): number | undefined {
  if (args.numProcs === undefined) return undefined;
  const workers = resolveNumProcs(args.numProcs);
  return workers > 1 || cluster.isWorker ? workers : undefined;
}

/** Runs the primary (or, forked, a worker) until SIGINT/SIGTERM; resolves the exit code. */
export async function serveInProcesses(args: ServeArgs, workers: number): Promise<number> {
  const exit = await runInProcesses({
    workers,
    port: args.port,
    address: args.address,
    logLevel: args.logLevel,
    build: async (core) => {
      const { apps, plugin } = await loadServeApps(args);
      return buildServing({ ...args, options: { ...core, ...args.options } }, apps, plugin);
    },
    describeFailure: (error) => describeStartupFailure(error, args.port, args.address),
    onReady: (addresses, log) => {
      const paths = [...args.files.map(appPathOf), ...(args.admin ? ["/admin"] : [])];
      log.info(`${workers} worker processes serving on one port`);
      for (const url of appUrls(args.address, addresses, args.port, args.prefix, paths))
        log.info(`Bokeh app running at: ${url}`);
    },
  });
  if (exit.failure !== undefined) console.error(`fastify-bokeh serve: ${exit.failure.message}`);
  return exit.exitCode;
}
