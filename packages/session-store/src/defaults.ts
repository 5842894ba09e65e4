// Defaults of `bokeh serve` 3.9.2, so the plugin and this package agree on them.

/** `--keep-alive`: websocket ping interval in milliseconds (0 disables). */
export const DEFAULT_KEEP_ALIVE_MS = 37_000;

/** `--check-unused-sessions`: how often unused sessions are looked for, in milliseconds. */
export const DEFAULT_CHECK_UNUSED_SESSIONS_MS = 17_000;

/** `--unused-session-lifetime`: idle time after which an unconnected session is discarded, in milliseconds. */
export const DEFAULT_UNUSED_SESSION_LIFETIME_MS = 15_000;

/** `--session-token-expiration`: how long a new token can open websockets, in seconds. */
export const DEFAULT_SESSION_TOKEN_EXPIRATION_S = 300;
