import { ApplicationContext, type Clock, type SessionObserver, type SessionStore } from "@fastify-bokeh/session-store";
import type { FastifyBaseLogger } from "fastify";
import type { BokehMetrics } from "../metrics/bokeh-metrics.js";
import type { ResolvedAppOptions } from "../options/app-options.js";
import type { BokehCoreOptions, ResolvedCoreOptions } from "../options/core-options.js";

export interface MountedAppOptions {
  readonly app: ResolvedAppOptions;
  /** The prefix the app is mounted under (`""` or `/pfx`). */
  readonly prefix: string;
  readonly core: ResolvedCoreOptions;
  readonly store: BokehCoreOptions["sessionStore"];
  readonly clock: Clock;
  readonly logger: FastifyBaseLogger;
  readonly metrics: BokehMetrics | undefined;
}

/** One registered application where Fastify serves it: its options, its routes' base path and its sessions. */
export class MountedApp {
  readonly app: ResolvedAppOptions;
  readonly prefix: string;
  /** Prefix + path: where the app's routes live. */
  readonly basePath: string;
  /** The app's sessions, their store and their cleanup. */
  readonly context: ApplicationContext;
  /** The app's path in logs and metrics (`/` for the root). */
  readonly name: string;
  /** Logs with the app's path (`app`) in every line. */
  readonly logger: FastifyBaseLogger;
  /** Where the app's sessions and connections report, for metrics. */
  readonly observer: SessionObserver | undefined;
  private readonly metrics: BokehMetrics | undefined;

  constructor(options: MountedAppOptions) {
    this.app = options.app;
    this.prefix = options.prefix;
    this.basePath = `${options.prefix}${options.app.routePath}`;
    this.name = this.basePath || "/";
    this.logger = options.logger.child({ app: this.name });
    this.metrics = options.metrics;
    this.observer = options.metrics?.observerFor(this.name);
    this.context = new ApplicationContext({
      application: options.app,
      store: options.store,
      namespace: this.name,
      clock: options.clock,
      logger: this.logger,
      observer: this.observer,
      checkUnusedSessions: options.core.checkUnusedSessions,
      unusedSessionLifetime: options.core.unusedSessionLifetime,
    });
  }

  /** Ids of the app's live sessions. */
  get sessionIds(): string[] {
    return this.context.sessionIds;
  }

  /** A websocket to the app opened. */
  websocketOpened(): void {
    this.metrics?.websocketOpened(this.name);
  }

  /** A websocket to the app closed. */
  websocketClosed(): void {
    this.metrics?.websocketClosed(this.name);
  }

  get store(): SessionStore {
    return this.context.store;
  }
}
