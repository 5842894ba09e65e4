import { type Clock, GOING_AWAY, type SessionStore, type SessionStoreClass } from "@fastify-bokeh/session-store";
import type { FastifyBaseLogger } from "fastify";
import type { MountedApp } from "../app/mounted-app.js";
import { FST_BOKEH_DUPLICATE_APP } from "../errors.js";
import { BokehMetrics } from "../metrics/bokeh-metrics.js";
import type { ResolvedCoreOptions, ServerContext, ServerHook } from "../options/core-options.js";
import type { ClusterNode } from "../scale-out/cluster-node.js";
import { KeepAlive, type PingTarget } from "./keep-alive.js";
import { defaultAllowlist, type ListeningAddress } from "./origin.js";

/** What the server needs of an open websocket: keep-alive pings and shutdown. */
export interface TrackedSocket extends PingTarget {
  close(code: number, reason: string): void;
  terminate(): void;
}

/** A prefix apps are mounted at: it serves the BokehJS files, and the index of apps unless an app is at its root. */
export interface Mount {
  readonly prefix: string;
  /** The BokehJS files are served at `{prefix}/static/`. */
  static: boolean;
  /** The index of apps is served at the prefix root. */
  index: boolean;
  /** Apps registered at this prefix so far. */
  apps: number;
}

export interface BokehServerOptions {
  readonly options: ResolvedCoreOptions;
  readonly sessionStore: SessionStore | SessionStoreClass | undefined;
  readonly clock: Clock;
  readonly logger: FastifyBaseLogger;
  /** The addresses the HTTP server listens on (empty before `listen`). */
  readonly addresses: () => readonly ListeningAddress[];
}

/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const SHUTDOWN_GRACE_MS = 2000;

/**
 * The server-wide state behind `fastify.bokeh`: options, the registered applications, open websockets and the
 * timers that are not per session (keep-alive).
 */
export class BokehServer {
  readonly options: ResolvedCoreOptions;
  readonly sessionStore: SessionStore | SessionStoreClass | undefined;
  readonly clock: Clock;
  readonly logger: FastifyBaseLogger;
  /** The server's Prometheus metrics, when the `metrics` option is on. */
  readonly metrics: BokehMetrics | undefined;
  readonly apps = new Map<string, MountedApp>();
  /** The Redis cluster this node is part of (the `redis` option); undefined with a store of this process only. */
  cluster: ClusterNode | undefined;
  /** Lifecycle hooks of the core and of every app, run in registration order. */
  readonly serverLoaded: ServerHook[] = [];
  readonly serverUnloaded: ServerHook[] = [];
  private readonly sockets = new Map<TrackedSocket, { closed: Promise<void> }>();
  private readonly keepAlive: KeepAlive<TrackedSocket>;
  private readonly mounts = new Map<string, Mount>();
  private readonly addresses: () => readonly ListeningAddress[];
  private ownOrigins: string[] | undefined;
  private closingPromise: Promise<void> | undefined;

  constructor(init: BokehServerOptions) {
    this.options = init.options;
    this.sessionStore = init.sessionStore;
    this.clock = init.clock;
    this.logger = init.logger;
    this.metrics = init.options.metrics === undefined ? undefined : new BokehMetrics();
    this.addresses = init.addresses;
    this.keepAlive = new KeepAlive(init.clock, init.options.keepAlive, this.sockets, init.logger);
  }

  /** Open websockets (bokeh's "clients connected"). */
  get clientCount(): number {
    return this.sockets.size;
  }

  /** True once `fastify.close()` has begun: no new websockets or sessions. */
  get closing(): boolean {
    return this.closingPromise !== undefined;
  }

  addApp(mounted: MountedApp): void {
    if (this.apps.has(mounted.basePath)) throw new FST_BOKEH_DUPLICATE_APP(mounted.basePath || "/");
    this.apps.set(mounted.basePath, mounted);
  }

  /** The mount at `prefix` (created empty the first time). */
  mountAt(prefix: string): Mount {
    let mount = this.mounts.get(prefix);
    if (mount === undefined) {
      mount = { prefix, static: false, index: false, apps: 0 };
      this.mounts.set(prefix, mount);
    }
    return mount;
  }

  /** The websocket Origin allowlist: the configured one, or the server's own host:port once it listens. */
  allowedOrigins(): readonly string[] {
    if (this.options.allowWebsocketOrigin !== undefined) return this.options.allowWebsocketOrigin;
    if (this.ownOrigins !== undefined) return this.ownOrigins;
    const addresses = this.addresses();
    if (addresses.length === 0) return [];
    this.ownOrigins = defaultAllowlist(addresses);
    return this.ownOrigins;
  }

  get context(): ServerContext {
    return { sessions: new Map([...this.apps].map(([path, app]) => [path || "/", app.sessionIds])) };
  }

  /** Starts keep-alive and unused-session cleanup, then runs the onServerLoaded hooks. */
  async start(): Promise<void> {
    for (const app of this.apps.values()) app.context.start();
    this.keepAlive.start();
    for (const hook of this.serverLoaded) await hook(this.context);
  }

  /** Registers an open websocket until `closed` settles. */
  track(socket: TrackedSocket, closed: Promise<void>): void {
    this.sockets.set(socket, { closed });
    void closed.finally(() => this.sockets.delete(socket));
  }

  /**
   * Shutdown: stops the timers, closes every websocket as going away (1001), destroys every session (running its
   * hooks) and waits, briefly, for the clients to complete the close handshake.
   */
  close(): Promise<void> {
    this.closingPromise ??= this.shutdown();
    return this.closingPromise;
  }

  private async shutdown(): Promise<void> {
    this.keepAlive.stop();
    const open = [...this.sockets];
    // 1001, not bokeh serve's 1000: clients and proxies can tell a shutdown from a connection that simply ended.
    for (const [socket] of open) socket.close(GOING_AWAY, "server shutting down");
    await Promise.all([...this.apps.values()].map((app) => app.context.close()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS);
    });
    const allClosed = Promise.all(open.map(([, state]) => state.closed)).then(() => true as const);
    const clean = await Promise.race([allClosed, graceOver]);
    clearTimeout(timer);
    if (!clean) for (const [socket] of this.sockets) socket.terminate();
  }

  /** Runs the onServerUnloaded hooks (after shutdown). */
  async unload(): Promise<void> {
    for (const hook of this.serverUnloaded) await hook(this.context);
  }
}
