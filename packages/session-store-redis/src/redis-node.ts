import { networkInterfaces } from "node:os";
import type { Logger } from "@fastify-bokeh/session-store";
import { Redis } from "ioredis";
import { nodeKey } from "./keys.js";
import type { HeartbeatSetup } from "./liveness/heartbeat-protocol.js";
import { NodeHeartbeat } from "./liveness/node-heartbeat.js";
import { type RedisClusterOptions, type ResolvedClusterOptions, resolveClusterOptions } from "./options.js";
import type { RedisOwnership, RenewOutcome } from "./redis-ownership.js";
import { RedisSessionStore } from "./redis-session-store.js";
import { RENEW } from "./scripts.js";

/** Redis could not be reached at startup: one line that says where and why. */
export class RedisUnreachableError extends Error {
  readonly code = "FST_BOKEH_REDIS_UNREACHABLE";

  constructor(url: string, why: string) {
    super(`cannot reach Redis at ${redactedUrl(url)}: ${why}`);
    this.name = "RedisUnreachableError";
  }
}

/** The URL without its password, for messages. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

const RENEW_BATCH = 200;

/** A `host:port` other hosts can reach: a wildcard host becomes this host's first external IPv4 address. */
function reachable(host: string, port: number): string {
  if (host !== "0.0.0.0" && host !== "::") return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((nic) => nic !== undefined && nic.family === "IPv4" && !nic.internal);
  return `${external?.address ?? "127.0.0.1"}:${port}`;
}

/**
 * This process as a node of a Redis-backed cluster: its Redis connection, its advertised address, and the
 * renewal of the leases of the sessions it owns. Redis going away is logged once per outage; sessions keep working
 * meanwhile, and are written back when Redis returns empty.
 */
export class RedisNode {
  readonly options: ResolvedClusterOptions;
  readonly redis: Redis;
  readonly #logger: Logger;
  readonly #owned = new Set<RedisOwnership>();
  #heartbeat: NodeHeartbeat | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #outage = false;
  #renewing = false;
  /** The last connection error, for a startup failure message that says more than "connection closed". */
  #lastError: Error | undefined;

  private constructor(options: ResolvedClusterOptions, logger: Logger) {
    this.options = options;
    this.#logger = logger;
    this.redis = new Redis(options.url, {
      lazyConnect: true,
      // Fail fast while Redis is away, rather than queueing: sessions keep working, new ones are refused clearly.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeout,
      retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    });
    this.redis.on("error", (error: Error) => {
      this.#lastError = error;
      this.#wentAway(error);
    });
    this.redis.on("close", () => this.#wentAway(new Error("connection closed")));
    this.redis.on("ready", () => this.#cameBack());
  }

  /** Connects (checking the URL and that Redis answers) or rejects with one clear line. */
  static async connect(options: RedisClusterOptions, logger: Logger): Promise<RedisNode> {
    const resolved = resolveClusterOptions(options);
    const node = new RedisNode(resolved, logger);
    try {
      await withTimeout(node.redis.connect(), resolved.commandTimeout * 2, "no answer");
      await node.redis.ping();
      // Alive in Redis before claiming anything: a holder without a liveness key is taken for dead.
      node.#heartbeat = await NodeHeartbeat.start(
        node.#heartbeatSetup(),
        Math.max(5000, resolved.commandTimeout * 2),
        (error) => logger.error({ err: { message: error.message } }, "liveness heartbeat thread died: restarting it"),
      );
    } catch (error) {
      node.redis.disconnect();
      const cause = node.#lastError ?? error;
      throw new RedisUnreachableError(resolved.url, cause instanceof Error ? cause.message : String(cause));
    }
    node.#timer = setInterval(() => void node.#tick(), Math.max(100, Math.floor(resolved.leaseTtl / 3)));
    node.#timer.unref();
    return node;
  }

  #heartbeatSetup(): HeartbeatSetup {
    const { url, keyPrefix, nodeId, livenessTtl, commandTimeout, advertise } = this.options;
    const key = nodeKey(keyPrefix, nodeId);
    const every = Math.max(50, Math.floor(livenessTtl / 4));
    return { url, key, address: advertise ?? "", ttl: livenessTtl, every, commandTimeout };
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** Milliseconds a session's lease lasts unless renewed. */
  get leaseTtl(): number {
    return this.options.leaseTtl;
  }

  /** Whether Redis answers now. */
  get reachable(): boolean {
    return !this.#outage && this.redis.status === "ready";
  }

  /** The sessions of one application (`namespace`) in this cluster. */
  store(namespace: string): RedisSessionStore {
    return new RedisSessionStore(this, namespace);
  }

  /** Publishes the address other nodes relay to (the configured one, else where the server listens). */
  async advertise(listening: { readonly address: string; readonly port: number } | undefined): Promise<void> {
    const address =
      this.options.advertise ?? (listening === undefined ? undefined : reachable(listening.address, listening.port));
    if (address !== undefined) await this.#heartbeat?.advertise(address, this.options.commandTimeout);
  }

  /**
   * Where the node `nodeId` is reached: "" while it is alive but has no address yet, undefined once its liveness key
   * has expired (it died, or is paused or cut off from Redis).
   */
  async addressOf(nodeId: string): Promise<string | undefined> {
    return (await this.redis.get(nodeKey(this.options.keyPrefix, nodeId))) ?? undefined;
  }

  adoptOwnership(ownership: RedisOwnership): void {
    this.#owned.add(ownership);
  }

  forgetOwnership(ownership: RedisOwnership): void {
    this.#owned.delete(ownership);
  }

  /** Stops renewing and disconnects (the sessions should have been released first). */
  async close(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#heartbeat?.stop(this.options.commandTimeout);
    this.#heartbeat = undefined;
    await this.redis.del(nodeKey(this.options.keyPrefix, this.nodeId)).catch(() => undefined);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** One renewal round: every owned session's lease (the liveness key has its own thread); one at a time. */
  async #tick(): Promise<void> {
    if (this.#renewing || this.redis.status !== "ready") return;
    this.#renewing = true;
    try {
      const owned = [...this.#owned];
      for (let i = 0; i < owned.length; i += RENEW_BATCH) await this.#renew(owned.slice(i, i + RENEW_BATCH));
    } catch (error) {
      this.#logger.debug({ err: error }, "lease renewal failed");
    } finally {
      this.#renewing = false;
    }
  }

  async #renew(batch: RedisOwnership[]): Promise<void> {
    const keys = batch.flatMap(({ keys: k }) => [k.record, k.lease, k.epoch, k.log, k.state]);
    const { nodeId, leaseTtl, retention } = this.options;
    const codes = await this.redis.eval(
      RENEW,
      keys.length,
      ...keys,
      nodeId,
      String(leaseTtl),
      String(retention),
      ...batch.map((o) => String(o.epoch)),
    );
    const list: unknown[] = Array.isArray(codes) ? codes : [];
    for (const [i, ownership] of batch.entries()) await this.#settle(ownership, outcomeOf(list[i]));
  }

  async #settle(ownership: RedisOwnership, outcome: RenewOutcome): Promise<void> {
    if (outcome === "lost") {
      ownership.markLost();
      return;
    }
    if (outcome === "gone") {
      const back = await ownership.reseed();
      if (!back) ownership.markLost();
      else this.#logger.info({ sessionId: ownership.id }, "session written back to Redis");
      return;
    }
    await ownership.flush();
  }

  #wentAway(error: Error): void {
    if (this.#outage || this.#timer === undefined) return;
    this.#outage = true;
    this.#logger.error(
      { err: { message: error.message } },
      `Redis unreachable (${error.message}): sessions on this node keep running; new sessions wait until it is back`,
    );
  }

  #cameBack(): void {
    if (!this.#outage) return;
    this.#outage = false;
    this.#logger.info({}, "Redis reachable again");
    void this.#tick();
  }
}

function outcomeOf(code: unknown): RenewOutcome {
  return code === 1 ? "renewed" : code === 2 ? "gone" : "lost";
}

function withTimeout<T>(promise: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
