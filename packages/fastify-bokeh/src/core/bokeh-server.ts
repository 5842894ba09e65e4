import type { Clock, Logger } from "@fastify-bokeh/session-store";
import { FST_BOKEH_DUPLICATE_APP } from "../errors.js";
import type { AppRuntime } from "../app/app-runtime.js";
import type { BokehCoreOptions, ResolvedCoreOptions, ServerContext } from "../options/core-options.js";

/** A websocket the keep-alive timer pings. */
export interface Pingable {
  ping(payload: string): void;
}

/**
 * The server-wide state behind `fastify.bokeh`: options, the registered applications, open websockets and the
 * timers that are not per session (keep-alive).
 */
export class BokehServer {
  readonly apps = new Map<string, AppRuntime>();
  private readonly sockets = new Map<Pingable, number>();
  private keepAliveTimer: ReturnType<Clock["setInterval"]> | undefined;
  private readonly staticPrefixes = new Set<string>();

  constructor(
    readonly options: ResolvedCoreOptions,
    readonly raw: BokehCoreOptions,
    readonly clock: Clock,
    readonly logger: Logger,
  ) {}

  addApp(runtime: AppRuntime): void {
    if (this.apps.has(runtime.basePath)) throw new FST_BOKEH_DUPLICATE_APP(runtime.basePath || "/");
    this.apps.set(runtime.basePath, runtime);
  }

  /** Whether the BokehJS static route still has to be registered for this prefix (and claims it). */
  claimStaticPrefix(prefix: string): boolean {
    if (this.staticPrefixes.has(prefix)) return false;
    this.staticPrefixes.add(prefix);
    return true;
  }

  get context(): ServerContext {
    return { sessions: new Map([...this.apps].map(([path, app]) => [path || "/", app.sessionIds])) };
  }

  start(): void {
    for (const app of this.apps.values()) app.start();
    if (this.options.keepAlive > 0 && this.keepAliveTimer === undefined) {
      this.keepAliveTimer = this.clock.setInterval(() => this.pingAll(), this.options.keepAlive);
    }
  }

  track(socket: Pingable): void {
    this.sockets.set(socket, 0);
  }

  untrack(socket: Pingable): void {
    this.sockets.delete(socket);
  }

  /** Pings every open websocket with its own counter as payload, as bokeh serve does; pongs are not enforced. */
  private pingAll(): void {
    for (const [socket, count] of this.sockets) {
      try {
        socket.ping(String(count));
      } catch (error) {
        this.logger.debug({ err: error }, "ping failed");
      }
      this.sockets.set(socket, count + 1);
    }
  }

  async close(): Promise<void> {
    if (this.keepAliveTimer !== undefined) this.clock.clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    await Promise.all([...this.apps.values()].map((app) => app.close()));
  }
}
