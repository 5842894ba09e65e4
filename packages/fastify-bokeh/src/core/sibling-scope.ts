import { createServer } from "node:http";
import websocket from "@fastify/websocket";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import type { BokehServer } from "./bokeh-server.js";
import { websocketServerOptions } from "./websocket-options.js";

/**
 * Lets a scope that does not see the core (a sibling of the scope it was registered in, as with one plugin per
 * feature under @fastify/autoload) host apps of the same server: it decorates the scope with the server's state and
 * registers @fastify/websocket there for its routes' sake only. The core's instance already receives every upgrade
 * of the HTTP server and dispatches it through the shared router; this one is given a server that never listens, so
 * it only turns this scope's websocket routes into websocket handlers.
 */
const siblingScope: FastifyPluginAsync<{ server: BokehServer }> = async (fastify, { server }) => {
  fastify.decorate("bokeh", server);
  if (!fastify.hasDecorator("websocketServer")) {
    await fastify.register(websocket, {
      options: { ...websocketServerOptions(server.options), server: createServer() },
    });
  }
};

export const bokehSiblingScope = fp(siblingScope, { fastify: "5.x", name: "fastify-bokeh-sibling-scope" });
