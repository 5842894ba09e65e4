import { randomUUID } from "node:crypto";

/** How a node joins a Redis-backed cluster of fastify-bokeh processes. */
export interface RedisClusterOptions {
  /** `redis://[:password@]host[:port][/db]` (or `rediss://` for TLS). */
  readonly url: string;
  /** This process' name in Redis: unique per process (default: a random UUID). */
  readonly nodeId?: string;
  /**
   * `host:port` other nodes reach this one at, to relay websockets to the sessions it owns (default: the address
   * the server listens on; a wildcard address is replaced by this host's first external IPv4 address).
   */
  readonly advertise?: string;
  /**
   * Milliseconds a node's liveness key lasts without renewal (1000): how long after a node dies (or is paused, or cut
   * off from Redis) other nodes take its sessions over. Renewed every quarter of it by a thread of its own, which
   * event-loop work cannot delay.
   */
  readonly livenessTtl?: number;
  /**
   * Milliseconds a session's lease lasts without renewal (5000), renewed every third of it from the event loop: how
   * long a node whose event loop is stuck keeps its sessions (its liveness key still being renewed).
   */
  readonly leaseTtl?: number;
  /** Milliseconds a session's data stays in Redis after its owner is gone and nobody resumed it (3600000). */
  readonly retention?: number;
  /** Prefix of every key (`fastify-bokeh`), so several clusters can share one Redis. */
  readonly keyPrefix?: string;
  /** Milliseconds a Redis command may take before it fails (2000). */
  readonly commandTimeout?: number;
  /**
   * Logged changes after which a session's owner saves a snapshot of its document and trims the log up to it (200),
   * for apps that allow it (`doc.state.allowSnapshots`); the log of such a session stays at most this long.
   */
  readonly snapshotEvery?: number;
}

export interface ResolvedClusterOptions {
  readonly url: string;
  readonly nodeId: string;
  readonly advertise: string | undefined;
  readonly livenessTtl: number;
  readonly leaseTtl: number;
  readonly retention: number;
  readonly keyPrefix: string;
  readonly commandTimeout: number;
  readonly snapshotEvery: number;
}

export const DEFAULT_LIVENESS_TTL_MS = 1000;
export const DEFAULT_LEASE_TTL_MS = 5000;
export const DEFAULT_RETENTION_MS = 3_600_000;
export const DEFAULT_SNAPSHOT_EVERY = 200;

/** The wrong `url` of a Redis cluster: says what is wrong in one line. */
export class RedisUrlError extends Error {
  readonly code = "FST_BOKEH_REDIS_URL";

  constructor(url: string, why: string) {
    super(`invalid Redis URL ${JSON.stringify(url)}: ${why}`);
    this.name = "RedisUrlError";
  }
}

/** Checks the URL (redis: or rediss:) and fills in the defaults. */
export function resolveClusterOptions(options: RedisClusterOptions): ResolvedClusterOptions {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new RedisUrlError(options.url, "expected redis://host:port");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    throw new RedisUrlError(options.url, `unsupported scheme ${parsed.protocol} (use redis: or rediss:)`);
  if (parsed.hostname === "") throw new RedisUrlError(options.url, "no host");
  const leaseTtl = options.leaseTtl ?? DEFAULT_LEASE_TTL_MS;
  if (!Number.isInteger(leaseTtl) || leaseTtl < 500) throw new RangeError("leaseTtl must be an integer ≥ 500 ms");
  const livenessTtl = options.livenessTtl ?? DEFAULT_LIVENESS_TTL_MS;
  if (!Number.isInteger(livenessTtl) || livenessTtl < 200)
    throw new RangeError("livenessTtl must be an integer ≥ 200 ms");
  const snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  if (!Number.isInteger(snapshotEvery) || snapshotEvery < 1)
    throw new RangeError("snapshotEvery must be an integer ≥ 1");
  return {
    url: options.url,
    nodeId: options.nodeId ?? randomUUID(),
    advertise: options.advertise,
    livenessTtl,
    leaseTtl,
    retention: options.retention ?? DEFAULT_RETENTION_MS,
    keyPrefix: options.keyPrefix ?? "fastify-bokeh",
    commandTimeout: options.commandTimeout ?? 2000,
    snapshotEvery,
  };
}
