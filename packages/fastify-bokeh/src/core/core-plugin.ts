import websocket from "@fastify/websocket";
import { systemClock } from "@fastify-bokeh/session-store";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { FST_BOKEH_DUPLICATE_CORE } from "../errors.js";
import { acquireFaultHandlers } from "../faults/process-faults.js";
import { metricsRoute } from "../metrics/metrics-route.js";
import { type BokehCoreOptions, resolveCoreOptions } from "../options/core-options.js";
import { bokehFavicon } from "../resources/favicon-plugin.js";
import { bokehStaticPlugin } from "../resources/static-plugin.js";
import { BokehServer } from "./bokeh-server.js";
import { websocketServerOptions } from "./websocket-options.js";

declare module "fastify" {
  interface FastifyInstance {
    /** fastify-bokeh's server-wide state: options, applications and their sessions. */
    bokeh: BokehServer;
  }
}

// One core per HTTP server: two would attach two websocket upgrade handlers to it.
const servers = new WeakMap<object, BokehServer>();

/**
 * The fastify-bokeh state of the server `fastify` belongs to, from any scope (`fastify.bokeh` is only decorated in
 * the scope of bokehCore and below); undefined if it has no core.
 */
export function bokehServerOf(fastify: FastifyInstance): BokehServer | undefined {
  return servers.get(fastify.server);
}

/**
 * The server-wide part of fastify-bokeh (not encapsulated): the websocket server, the application registry,
 * keep-alive and cleanup timers, and shutdown. `bokehApp` registers it when it is missing; register it yourself
 * first to set server-wide options.
 */
const core: FastifyPluginAsync<BokehCoreOptions> = async (fastify, options) => {
  const resolved = resolveCoreOptions(options);
  if (servers.has(fastify.server)) throw new FST_BOKEH_DUPLICATE_CORE();
  const server = new BokehServer({
    options: resolved,
    sessionStore: options.sessionStore,
    clock: options.clock ?? systemClock,
    logger: fastify.log,
    addresses: () => fastify.addresses().flatMap((a) => (typeof a === "string" ? [] : [a])),
  });
  servers.set(fastify.server, server);
  if (options.onServerLoaded !== undefined) server.serverLoaded.push(options.onServerLoaded);
  if (options.onServerUnloaded !== undefined) server.serverUnloaded.push(options.onServerUnloaded);
  fastify.decorate("bokeh", server);

  // Added before @fastify/websocket's own preClose, which would close the sockets without a close code.
  fastify.addHook("preClose", async () => {
    await server.close();
  });
  if (!fastify.hasDecorator("websocketServer")) {
    await fastify.register(websocket, { options: websocketServerOptions(resolved) });
  } else if (options.websocketCompression !== undefined || options.websocketMaxMessageSize !== undefined) {
    // The ws server is the application's own; messages above the limit are still refused by the protocol receiver.
    fastify.log.warn(
      "@fastify/websocket was registered before bokehCore: its own ws options apply, not websocketCompression/websocketMaxMessageSize",
    );
  }
  // The BokehJS files live with the core, so the hooks of the core's scope (not of some app's) apply to them.
  await fastify.register(bokehStaticPlugin, { prefix: "" });
  server.mountAt(fastify.prefix).static = true;
  await fastify.register(bokehFavicon, { favicon: resolved.favicon });
  if (server.metrics !== undefined && resolved.metrics !== undefined)
    metricsRoute(fastify, server.metrics, resolved.metrics.path);
  fastify.addHook("onReady", async () => {
    await server.start();
  });
  if (resolved.isolateAppFaults) {
    const release = acquireFaultHandlers(fastify.log);
    fastify.addHook("onClose", async () => release());
  }
  fastify.addHook("onClose", async () => {
    await server.unload();
  });
};

export const bokehCore = fp(core, { fastify: "5.x", name: "fastify-bokeh-core" });
