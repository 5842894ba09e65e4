export { type Clock, FakeClock, systemClock, type TimerHandle } from "./clock.js";
export {
  DEFAULT_CHECK_UNUSED_SESSIONS_MS,
  DEFAULT_KEEP_ALIVE_MS,
  DEFAULT_SESSION_TOKEN_EXPIRATION_S,
  DEFAULT_UNUSED_SESSION_LIFETIME_MS,
} from "./defaults.js";
export { checkSessionIdSignature, generateSessionId, type SessionIdOptions } from "./ids/session-id.js";
export { UnusedSessionReaper, type UnusedSessionReaperOptions } from "./lifetimes/unused-session-reaper.js";
export type { Logger } from "./logger.js";
export { CallbackScheduler } from "./session/callback-scheduler.js";
export { type ConnectionTransport, ServerConnection } from "./session/server-connection.js";
export { ServerSession, type ServerSessionOptions } from "./session/server-session.js";
export type { SecretKey } from "./signing/hmac.js";
export { createSessionStore } from "./store/create-store.js";
export { MemorySessionStore } from "./store/memory-store.js";
export {
  isUnusedSession,
  type NewSessionRecord,
  type SessionMeta,
  type SessionRecord,
} from "./store/session-record.js";
export {
  SessionExistsError,
  type SessionStore,
  type SessionStoreClass,
  type SessionStoreOptions,
} from "./store/session-store.js";
export { decodeToken } from "./tokens/decode.js";
export type { ExtraPayload, ExtraPayloadValue } from "./tokens/extra-payload.js";
export type { TokenRejection, TokenRejectionCode, TokenResult } from "./tokens/rejection.js";
export { checkTokenSignature, generateToken, type TokenOptions } from "./tokens/token.js";
export type { TokenPayload } from "./tokens/token-payload.js";
export type { TokenObject, TokenValue } from "./tokens/token-value.js";
export { type ValidateTokenOptions, validateToken } from "./tokens/validate.js";
