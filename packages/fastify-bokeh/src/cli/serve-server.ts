import fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { bokehApp } from "../app/bokeh-app.js";
import { bokehCore } from "../core/core-plugin.js";
import type { BokehAppOptions } from "../options/app-options.js";
import type { ServeArgs } from "./serve-args.js";

/**
 * The server `fastify-bokeh serve` runs: the core with the flags' options, `beforeApps` (what the apps need beside
 * them), and one bokehApp per app, under --prefix.
 */
export async function buildServeServer(
  args: ServeArgs,
  apps: readonly BokehAppOptions[],
  beforeApps?: FastifyPluginAsync,
): Promise<FastifyInstance> {
  const server = fastify({ logger: { level: args.logLevel } });
  await server.register(
    async (scope) => {
      await scope.register(bokehCore, args.options);
      if (beforeApps !== undefined) await scope.register(beforeApps);
      for (const app of apps) await scope.register(bokehApp, app);
    },
    { prefix: args.prefix },
  );
  return server;
}
