import type { SessionPlacement } from "../cluster/ownership.js";
import type { SessionAccess } from "../contexts/application.js";
import type { NewSessionRecord, SessionMeta, SessionRecord } from "./session-record.js";

/**
 * Where session records live. Every method is async so a shared store (e.g.
 * Redis) can implement it; each must be atomic for one id. Times are passed
 * in (from the caller's clock) rather than read by the store.
 */
export interface SessionStore<Meta extends SessionMeta = Readonly<Record<string, unknown>>> {
  get(id: string): Promise<SessionRecord<Meta> | undefined>;
  /** Every record, in no particular order. */
  list(): Promise<SessionRecord<Meta>[]>;
  /**
   * Adds a record with `createdAt = lastAccessAt = now` and no connections.
   * Rejects with {@link SessionExistsError} if the id is taken.
   */
  create(session: NewSessionRecord<Meta>, now: number): Promise<SessionRecord<Meta>>;
  /** One more connection; undefined if the session is gone. */
  markConnected(id: string): Promise<SessionRecord<Meta> | undefined>;
  /** One connection fewer (never below 0) and `lastAccessAt = now`; undefined if the session is gone. */
  markDisconnected(id: string, now: number): Promise<SessionRecord<Meta> | undefined>;
  /** Whether there was a record to delete. */
  delete(id: string): Promise<boolean>;
  /** Records that `isUnusedSession` would discard at `now`. */
  findUnused(now: number, unusedLifetimeMs: number): Promise<SessionRecord<Meta>[]>;
  /**
   * Deletes the record only if it is still unused at `now`, and returns it;
   * undefined otherwise. This is how a session is claimed for destruction,
   * so a connection arriving meanwhile wins and nothing is destroyed twice.
   */
  deleteIfUnused(id: string, now: number, unusedLifetimeMs: number): Promise<SessionRecord<Meta> | undefined>;
}

/** What the plugin passes when it instantiates a store class. */
export interface SessionStoreOptions {
  /** Names the application the store serves (e.g. its path), so a shared store can keep applications apart. */
  readonly namespace: string;
}

/** A store class, for the plugin to instantiate (as @fastify/rate-limit does with its `store` option). */
export type SessionStoreClass<Meta extends SessionMeta = Readonly<Record<string, unknown>>> = new (
  options: SessionStoreOptions,
) => SessionStore<Meta>;

export class SessionExistsError extends Error {
  readonly code = "SESSION_EXISTS";

  constructor(readonly sessionId: string) {
    super(`a session with id ${JSON.stringify(sessionId)} already exists`);
    this.name = "SessionExistsError";
  }
}

/**
 * A store several server processes share (e.g. Redis): one of them owns each live session, and `claim` says which
 * (taking the session for this process when nobody holds it). Told apart by `shared`.
 */
export interface SharedSessionStore<Meta extends SessionMeta = Readonly<Record<string, unknown>>>
  extends SessionStore<Meta> {
  readonly shared: true;
  /**
   * Where the session `access` names lives: owned by this process (new, or taken over with its history, when its
   * owner's lease has expired) or by another one, to relay to.
   */
  claim(access: SessionAccess): Promise<SessionPlacement>;
}

export function isSharedStore<Meta extends SessionMeta>(store: SessionStore<Meta>): store is SharedSessionStore<Meta> {
  return "shared" in store && store.shared === true;
}
