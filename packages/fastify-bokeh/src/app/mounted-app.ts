import { ApplicationContext, type Clock, type Logger, type SessionStore } from "@fastify-bokeh/session-store";
import type { ResolvedAppOptions } from "../options/app-options.js";
import type { BokehCoreOptions, ResolvedCoreOptions } from "../options/core-options.js";

export interface MountedAppOptions {
  readonly app: ResolvedAppOptions;
  /** The prefix the app is mounted under (`""` or `/pfx`). */
  readonly prefix: string;
  readonly core: ResolvedCoreOptions;
  readonly store: BokehCoreOptions["sessionStore"];
  readonly clock: Clock;
  readonly logger: Logger;
}

/** One registered application where Fastify serves it: its options, its routes' base path and its sessions. */
export class MountedApp {
  readonly app: ResolvedAppOptions;
  readonly prefix: string;
  /** Prefix + path: where the app's routes live. */
  readonly basePath: string;
  /** The app's sessions, their store and their cleanup. */
  readonly context: ApplicationContext;

  constructor(options: MountedAppOptions) {
    this.app = options.app;
    this.prefix = options.prefix;
    this.basePath = `${options.prefix}${options.app.routePath}`;
    this.context = new ApplicationContext({
      application: options.app,
      store: options.store,
      namespace: this.basePath || "/",
      clock: options.clock,
      logger: options.logger,
      checkUnusedSessions: options.core.checkUnusedSessions,
      unusedSessionLifetime: options.core.unusedSessionLifetime,
    });
  }

  /** Ids of the app's live sessions. */
  get sessionIds(): string[] {
    return this.context.sessionIds;
  }

  get store(): SessionStore {
    return this.context.store;
  }
}
