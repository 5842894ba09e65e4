/** Application data a store keeps with a session record; a shared store needs it serialisable. */
export type SessionMeta = object;

/**
 * What a store knows about a session. The live Document and connections stay
 * in the process that owns the session; this is the part that can be shared.
 * Records are immutable snapshots: stores hand out new ones on every change.
 */
export interface SessionRecord<Meta extends SessionMeta = Readonly<Record<string, unknown>>> {
  /** The session id (signed form included, when signing). */
  readonly id: string;
  /** The token the session was created with. */
  readonly token: string;
  /** Clock milliseconds. */
  readonly createdAt: number;
  /** Clock milliseconds of creation or of the last connection leaving, whichever is later. */
  readonly lastAccessAt: number;
  /** Open websocket connections. */
  readonly connectionCount: number;
  /** Clock milliseconds from which `token` can no longer open a websocket (its `session_expiry`), when known. */
  readonly tokenExpiresAt?: number;
  readonly meta?: Meta;
}

/** What creating a session needs; the store fills in the times and counters. */
export interface NewSessionRecord<Meta extends SessionMeta = Readonly<Record<string, unknown>>> {
  readonly id: string;
  readonly token: string;
  readonly tokenExpiresAt?: number;
  readonly meta?: Meta;
}

/**
 * Bokeh's discard rule: no connections and idle for longer than
 * `unusedLifetimeMs` (strictly, as Python compares).
 */
export function isUnusedSession(record: SessionRecord<SessionMeta>, now: number, unusedLifetimeMs: number): boolean {
  return record.connectionCount === 0 && now - record.lastAccessAt > unusedLifetimeMs;
}
