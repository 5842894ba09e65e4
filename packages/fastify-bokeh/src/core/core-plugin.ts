import fp from "fastify-plugin";
import websocket from "@fastify/websocket";
import type { FastifyPluginAsync } from "fastify";
import { systemClock } from "@fastify-bokeh/session-store";
import { resolveCoreOptions, type BokehCoreOptions } from "../options/core-options.js";
import { BokehServer } from "./bokeh-server.js";
import { FAVICON_SVG } from "../resources/favicon.js";

declare module "fastify" {
  interface FastifyInstance {
    /** fastify-bokeh's server-wide state: options, applications and their sessions. */
    bokeh: BokehServer;
  }
}

/**
 * The server-wide part of fastify-bokeh (not encapsulated): the websocket server, the application registry,
 * keep-alive and cleanup timers, and shutdown. `bokehApp` registers it when it is missing; register it yourself
 * first to set server-wide options.
 */
const core: FastifyPluginAsync<BokehCoreOptions> = async (fastify, options) => {
  const resolved = resolveCoreOptions(options);
  const server = new BokehServer(resolved, options, options.clock ?? systemClock, fastify.log);
  fastify.decorate("bokeh", server);
  if (!fastify.hasDecorator("websocketServer")) {
    await fastify.register(websocket, {
      options: {
        maxPayload: resolved.websocketMaxMessageSize,
        perMessageDeflate: resolved.websocketCompression,
        // BokehJS offers ["bokeh", token]; answer "bokeh" (the token is read from the request header).
        handleProtocols: (protocols: Set<string>) => (protocols.has("bokeh") ? "bokeh" : false),
      },
    });
  }
  if (!fastify.hasRoute({ method: "GET", url: "/favicon.ico" })) {
    fastify.get("/favicon.ico", async (_request, reply) => reply.type("image/svg+xml").header("cache-control", "max-age=86400").send(FAVICON_SVG));
  }
  fastify.addHook("onReady", async () => {
    server.start();
    if (options.onServerLoaded !== undefined) await options.onServerLoaded(server.context);
  });
  fastify.addHook("preClose", async () => {
    await server.close();
  });
  fastify.addHook("onClose", async () => {
    if (options.onServerUnloaded !== undefined) await options.onServerUnloaded(server.context);
  });
};

export const bokehCore = fp(core, { fastify: "5.x", name: "fastify-bokeh-core" });
