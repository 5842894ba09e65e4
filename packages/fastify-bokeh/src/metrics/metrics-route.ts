import type { FastifyInstance } from "fastify";
import type { BokehMetrics } from "./bokeh-metrics.js";

/** `GET <path>`: the server's metrics in Prometheus's text format. */
export function metricsRoute(fastify: FastifyInstance, metrics: BokehMetrics, path: string): void {
  fastify.get(path, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
