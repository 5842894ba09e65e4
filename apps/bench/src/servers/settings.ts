/** The settings both servers run with (the issue: same settings for both). */
export const SERVER_SETTINGS = {
  /** --unused-session-lifetime, ms. */
  unusedSessionLifetimeMs: 3000,
  /** --check-unused-sessions, ms. */
  checkUnusedSessionsMs: 500,
  host: "127.0.0.1",
} as const;

/** How long to wait, once sessions are closed, until both servers have discarded them. */
export const REAP_WAIT_MS = SERVER_SETTINGS.unusedSessionLifetimeMs + 2 * SERVER_SETTINGS.checkUnusedSessionsMs + 500;
