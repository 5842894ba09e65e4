import type { BokehServer } from "../core/bokeh-server.js";

/** One live session as the admin page lists it. */
interface SessionRow {
  readonly app: string;
  /** The start of the session id. */
  readonly id: string;
  /** Seconds since the session was created. */
  readonly age: number;
  /** Seconds since the session was last used (0 while a client is connected). */
  readonly idle: number;
  readonly connections: number;
}

/** Callback timings of one app and kind, from the server's metrics. */
interface CallbackRow {
  readonly app: string;
  readonly kind: string;
  readonly count: number;
  /** Mean wall time in milliseconds. */
  readonly meanMs: number;
}

export interface AdminSnapshot {
  readonly sessions: readonly SessionRow[];
  /** undefined when the server collects no metrics. */
  readonly callbacks: readonly CallbackRow[] | undefined;
  readonly memory: NodeJS.MemoryUsage;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** Every live session of every app but `except` (the admin app itself, left out of every table), from the stores. */
async function sessionRows(server: BokehServer, except: string): Promise<SessionRow[]> {
  const now = server.clock.now();
  const rows: SessionRow[] = [];
  for (const mounted of server.apps.values()) {
    if (mounted.name === except) continue;
    const live = new Set(mounted.sessionIds);
    for (const record of await mounted.store.list()) {
      if (!live.has(record.id)) continue;
      const idle = record.connectionCount > 0 ? 0 : now - record.lastAccessAt;
      rows.push({
        app: mounted.name,
        // A session id opens the session: show enough to tell sessions apart, not enough to join one.
        id: `${record.id.slice(0, 8)}…`,
        age: seconds(now - record.createdAt),
        idle: seconds(idle),
        connections: record.connectionCount,
      });
    }
  }
  return rows;
}

async function callbackRows(server: BokehServer, except: string): Promise<CallbackRow[] | undefined> {
  const totals = await server.metrics?.callbackTotals();
  return totals
    ?.filter((total) => total.app !== except)
    .map(({ app, kind, count, seconds }) => ({
      app,
      kind,
      count,
      meanMs: count === 0 ? 0 : Math.round((seconds / count) * 1e6) / 1e3,
    }));
}

/** What the admin page shows, now. */
export async function adminSnapshot(server: BokehServer, adminApp: string): Promise<AdminSnapshot> {
  return {
    sessions: await sessionRows(server, adminApp),
    callbacks: await callbackRows(server, adminApp),
    memory: process.memoryUsage(),
  };
}
