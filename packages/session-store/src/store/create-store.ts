import { MemorySessionStore } from "./memory-store.js";
import type { SessionMeta } from "./session-record.js";
import type { SessionStore, SessionStoreClass, SessionStoreOptions } from "./session-store.js";

/**
 * Turns a plugin's `store` option into a store: an instance is used as is, a
 * class is instantiated with `options`, nothing gives a {@link MemorySessionStore}.
 */
export function createSessionStore<Meta extends SessionMeta = Readonly<Record<string, unknown>>>(
  store: SessionStore<Meta> | SessionStoreClass<Meta> | undefined,
  options: SessionStoreOptions,
): SessionStore<Meta> {
  if (store === undefined) return new MemorySessionStore<Meta>();
  return typeof store === "function" ? new store(options) : store;
}
