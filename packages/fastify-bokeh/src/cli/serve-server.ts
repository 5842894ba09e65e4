import fastify, { type FastifyInstance } from "fastify";
import { bokehApp } from "../app/bokeh-app.js";
import { bokehCore } from "../core/core-plugin.js";
import type { BokehAppOptions } from "../options/app-options.js";
import type { ServeArgs } from "./serve-args.js";

/** The server `fastify-bokeh serve` runs: the core with the flags' options, and one bokehApp per module, under --prefix. */
export async function buildServeServer(args: ServeArgs, apps: readonly BokehAppOptions[]): Promise<FastifyInstance> {
  const server = fastify({ logger: { level: args.logLevel } });
  await server.register(
    async (scope) => {
      await scope.register(bokehCore, args.options);
      for (const app of apps) await scope.register(bokehApp, app);
    },
    { prefix: args.prefix },
  );
  return server;
}
