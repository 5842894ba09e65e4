/** Why a live session was destroyed. */
export type DestroyReason = "unused" | "shutdown" | "failing";

/**
 * What the session core reports as it works, for metrics (the Fastify plugin feeds Prometheus from it). Every
 * method is optional and must not throw.
 */
export interface SessionObserver {
  sessionCreated?(sessionId: string): void;
  sessionDestroyed?(sessionId: string, reason: DestroyReason): void;
  /** A session callback (periodic, timeout, next tick) ran for `seconds` of wall time; `failed` if it threw. */
  callbackFinished?(kind: string, seconds: number, failed: boolean): void;
  /** A whole message (all its frames) arrived from a client. */
  messageReceived?(msgtype: string, bytes: number): void;
  /** A whole message (all its frames) went to a client. */
  messageSent?(msgtype: string, bytes: number): void;
}
