// The public API: a node of a Redis-backed cluster and the session store it gives each application.
export { indexKey, nodeKey, type SessionKeys, sessionKeys } from "./keys.js";
export {
  DEFAULT_LEASE_TTL_MS,
  DEFAULT_LIVENESS_TTL_MS,
  DEFAULT_RETENTION_MS,
  DEFAULT_SNAPSHOT_EVERY,
  type RedisClusterOptions,
  RedisUrlError,
  type ResolvedClusterOptions,
} from "./options.js";
export { RedisNode, RedisUnreachableError } from "./redis-node.js";
export type { RedisOwnership } from "./redis-ownership.js";
export { RedisSessionStore } from "./redis-session-store.js";
