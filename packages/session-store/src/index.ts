// The public API, by folder. Test helpers (FakeClock, MemoryTransport) are in "@fastify-bokeh/session-store/testing".

// clock
export { type Clock, systemClock, type TimerHandle } from "./clock.js";

// cluster: sessions in a store shared by several server processes
export { decodeBuffers, encodeBuffers, type JournalEntry } from "./cluster/journal-entry.js";
export {
  OwnershipLostError,
  type SessionHistory,
  type SessionOwnership,
  type SessionPage,
  type SessionPlacement,
  type SessionSnapshot,
} from "./cluster/ownership.js";
export { describePage } from "./cluster/session-page.js";

// connection: one client of a session, over any transport
export {
  GOING_AWAY,
  INTERNAL_ERROR,
  NORMAL_CLOSURE,
  POLICY_VIOLATION,
  PROTOCOL_ERROR,
  TRY_AGAIN_LATER,
} from "./connection/close-codes.js";
export type { ConnectionTransport } from "./connection/connection-transport.js";
export { DEFAULT_FLOW_LIMITS, type FlowLimits } from "./connection/outgoing-queue.js";
export {
  ServerConnection,
  type ServerConnectionOptions,
  type SessionPresence,
} from "./connection/server-connection.js";

// contexts: one application's sessions
export type { Application, SessionAccess, SessionHook } from "./contexts/application.js";
export {
  ApplicationContext,
  type ApplicationContextOptions,
  FAULTS_BEFORE_DISCARD,
  type SessionPlace,
} from "./contexts/application-context.js";
export { ContextClosedError } from "./contexts/context-closed-error.js";
export { queryArguments, sessionRequest } from "./contexts/session-request.js";

// defaults
export {
  DEFAULT_CHECK_UNUSED_SESSIONS_MS,
  DEFAULT_KEEP_ALIVE_MS,
  DEFAULT_SESSION_TOKEN_EXPIRATION_S,
  DEFAULT_UNUSED_SESSION_LIFETIME_MS,
} from "./defaults.js";

// faults: tracing errors that escape app code back to their app and session
export { type AppScope, currentAppScope, type FaultOrigin, runInAppScope } from "./faults/app-scope.js";

// ids
export { checkSessionIdSignature, generateSessionId, type SessionIdOptions } from "./ids/session-id.js";

// lifetimes
export { UnusedSessionReaper, type UnusedSessionReaperOptions } from "./lifetimes/unused-session-reaper.js";

// logger
export type { Logger } from "./logger.js";

// observe: what metrics are made of
export type { DestroyReason, SessionObserver } from "./observe/session-observer.js";

// session: one live document and the order of work on it
export { CallbackScheduler } from "./session/callback-scheduler.js";
export { ServerSession, type ServerSessionOptions } from "./session/server-session.js";

// signing
export type { SecretKey } from "./signing/hmac.js";

// store
export { createSessionStore } from "./store/create-store.js";
export { MemorySessionStore } from "./store/memory-store.js";
export {
  isUnusedSession,
  type NewSessionRecord,
  type SessionMeta,
  type SessionRecord,
} from "./store/session-record.js";
export {
  isSharedStore,
  SessionExistsError,
  type SharedSessionStore,
  type SessionStore,
  type SessionStoreClass,
  type SessionStoreOptions,
} from "./store/session-store.js";

// tokens
export { decodeToken } from "./tokens/decode.js";
export type { ExtraPayload, ExtraPayloadValue } from "./tokens/extra-payload.js";
export type { TokenRejection, TokenRejectionCode, TokenResult } from "./tokens/rejection.js";
export { checkTokenSignature, generateToken, type MintedToken, type TokenOptions } from "./tokens/token.js";
export type { TokenPayload } from "./tokens/token-payload.js";
export type { TokenObject, TokenValue } from "./tokens/token-value.js";
export { type ValidateTokenOptions, validateToken } from "./tokens/validate.js";
