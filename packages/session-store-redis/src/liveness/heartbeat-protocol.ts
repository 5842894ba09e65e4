/** What the heartbeat thread is started with. */
export interface HeartbeatSetup {
  readonly url: string;
  /** The node's liveness key. */
  readonly key: string;
  /** What the key holds: the node's address (empty until it has one). */
  readonly address: string;
  /** Milliseconds the key lasts without renewal. */
  readonly ttl: number;
  /** Milliseconds between renewals. */
  readonly every: number;
  readonly commandTimeout: number;
}

/** From the node to its heartbeat thread: a new address to publish, or stop (and delete the key). */
export type ToHeartbeat = { readonly kind: "address"; readonly address: string } | { readonly kind: "stop" };

/** From the heartbeat thread: the key was written (after start or a new address), or it is deleted and done. */
export type FromHeartbeat = { readonly kind: "written" } | { readonly kind: "stopped" };
