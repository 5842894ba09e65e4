import type { Logger, SharedSessionStore } from "@fastify-bokeh/session-store";
import { FST_BOKEH_REDIS } from "../errors.js";
import type { BokehRedisOptions } from "../options/core-options.js";

/** What the plugin needs of a node of a Redis cluster (`@fastify-bokeh/session-store-redis`'s `RedisNode`). */
export interface ClusterNode {
  readonly nodeId: string;
  /** Milliseconds a session's lease lasts: the longest a session waits for its unreachable owner. */
  readonly leaseTtl: number;
  /** The shared store of one application. */
  store(namespace: string): SharedSessionStore;
  /** Publishes where other nodes reach this one. */
  advertise(listening: { readonly address: string; readonly port: number } | undefined): Promise<void>;
  close(): Promise<void>;
}

interface RedisStoreModule {
  readonly RedisNode: { connect(options: BokehRedisOptions, logger: Logger): Promise<ClusterNode> };
}

/** The Redis store package, loaded only when the `redis` option is used (it is an optional peer dependency). */
async function loadRedisStore(): Promise<RedisStoreModule> {
  try {
    return await import("@fastify-bokeh/session-store-redis");
  } catch (error) {
    const missing = error instanceof Error && "code" in error && error.code === "ERR_MODULE_NOT_FOUND";
    if (!missing) throw error;
    throw new FST_BOKEH_REDIS(
      "the redis option needs @fastify-bokeh/session-store-redis: install it next to fastify-bokeh",
    );
  }
}

/** Joins the Redis cluster `options` names, or throws FST_BOKEH_REDIS with one line saying why not. */
export async function joinCluster(options: BokehRedisOptions, logger: Logger): Promise<ClusterNode> {
  const { RedisNode } = await loadRedisStore();
  try {
    return await RedisNode.connect(options, logger);
  } catch (error) {
    throw new FST_BOKEH_REDIS(error instanceof Error ? error.message : String(error));
  }
}
