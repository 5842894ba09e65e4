/** The Redis keys of one session; all in one hash slot (`{…}`), so the scripts work on Redis Cluster too. */
export interface SessionKeys {
  /** Hash: token, url, times, connection count, page description. */
  readonly record: string;
  /** String `<node> <epoch>`, with the lease's expiry. */
  readonly lease: string;
  /** Integer: the fencing epoch, incremented by every claim. */
  readonly epoch: string;
  /** Stream: the clients' changes (field `e`, JSON), with the epoch that wrote each (field `p`). */
  readonly log: string;
  /** Hash: the app's own saved state, JSON per key. */
  readonly state: string;
}

export function sessionKeys(prefix: string, namespace: string, id: string): SessionKeys {
  const base = `${prefix}:{${namespace}:${id}}`;
  return {
    record: `${base}:record`,
    lease: `${base}:lease`,
    epoch: `${base}:epoch`,
    log: `${base}:log`,
    state: `${base}:state`,
  };
}

/** Set of the ids of a namespace's sessions. */
export const indexKey = (prefix: string, namespace: string): string => `${prefix}:sessions:${namespace}`;

/** String: the `host:port` a node is reached at, expiring unless the node renews it. */
export const nodeKey = (prefix: string, nodeId: string): string => `${prefix}:node:${nodeId}`;
