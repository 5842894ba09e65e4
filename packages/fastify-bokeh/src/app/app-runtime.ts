import { Document, type SessionContext } from "@fastify-bokeh/document";
import {
  type Clock,
  createSessionStore,
  type Logger,
  ServerSession,
  type SessionStore,
  type TokenPayload,
  UnusedSessionReaper,
} from "@fastify-bokeh/session-store";
import { sessionRequest } from "../core/request-context.js";
import type { ResolvedAppOptions } from "../options/app-options.js";
import type { BokehCoreOptions, ResolvedCoreOptions } from "../options/core-options.js";

export interface AppRuntimeOptions {
  readonly app: ResolvedAppOptions;
  /** The prefix the app is mounted under (`""` or `/pfx`). */
  readonly prefix: string;
  readonly core: ResolvedCoreOptions;
  readonly store: BokehCoreOptions["sessionStore"];
  readonly clock: Clock;
  readonly logger: Logger;
}

/** One registered application: its live sessions, their records in the store, and their cleanup. */
export class AppRuntime {
  readonly app: ResolvedAppOptions;
  readonly prefix: string;
  /** Prefix + path: where the app's routes live. */
  readonly basePath: string;
  readonly store: SessionStore;
  private readonly core: ResolvedCoreOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly sessions = new Map<string, ServerSession>();
  private readonly creating = new Map<string, Promise<ServerSession>>();
  private readonly reaper: UnusedSessionReaper;
  private closed = false;

  constructor(options: AppRuntimeOptions) {
    this.app = options.app;
    this.prefix = options.prefix;
    this.basePath = `${options.prefix}${options.app.routePath}`;
    this.core = options.core;
    this.clock = options.clock;
    this.logger = options.logger;
    this.store = createSessionStore(options.store, { namespace: this.basePath || "/" });
    this.reaper = new UnusedSessionReaper({
      store: this.store,
      clock: this.clock,
      logger: this.logger,
      checkUnusedSessions: this.core.checkUnusedSessions,
      unusedSessionLifetime: this.core.unusedSessionLifetime,
      // A store instance may be shared by several apps: sessions that are not this app's are not its to discard.
      isBlocked: (id) => this.sessions.get(id)?.busy ?? true,
      onDestroy: (record) => this.destroySession(record.id),
    });
  }

  start(): void {
    this.reaper.start();
  }

  get sessionIds(): string[] {
    return [...this.sessions.keys()];
  }

  get(id: string): ServerSession | undefined {
    return this.sessions.get(id);
  }

  /**
   * The live session `id`, created (running the app code) if it does not exist. Concurrent calls for the same new
   * id share one creation.
   */
  getOrCreate(id: string, token: string, payload: TokenPayload, url: string): Promise<ServerSession> {
    if (this.closed) return Promise.reject(new Error("the server is shutting down"));
    const live = this.sessions.get(id);
    if (live !== undefined) return Promise.resolve(live);
    let pending = this.creating.get(id);
    if (pending === undefined) {
      pending = this.create(id, token, payload, url).finally(() => this.creating.delete(id));
      this.creating.set(id, pending);
    }
    return pending;
  }

  private async create(id: string, token: string, payload: TokenPayload, url: string): Promise<ServerSession> {
    const doc = new Document();
    const tokenPayload: Record<string, unknown> = { ...payload.fields };
    delete tokenPayload.session_id;
    const context: SessionContext = {
      id,
      request: sessionRequest(payload, url),
      token_payload: tokenPayload,
      get destroyed() {
        return destroyed;
      },
    };
    let destroyed = false;
    doc.session_context = context;
    if (this.app.title !== undefined) doc.title = this.app.title;
    const session = new ServerSession({ id, document: doc, token, clock: this.clock, logger: this.logger });
    doc.on_session_destroyed(() => {
      destroyed = true;
    });
    if (this.app.onSessionCreated !== undefined) {
      try {
        await this.app.onSessionCreated(context);
      } catch (error) {
        this.logger.error({ sessionId: id, err: error }, "onSessionCreated failed");
      }
    }
    try {
      await this.app.app(doc);
    } catch (error) {
      // As in bokeh serve: the session still opens, with the document as far as the app built it.
      this.logger.error({ sessionId: id, err: error }, `application ${this.app.path} failed`);
    }
    session.flush();
    this.sessions.set(id, session);
    const tokenExpiresAt = payload.sessionExpiry !== undefined ? payload.sessionExpiry * 1000 : undefined;
    await this.store
      .create({ id, token, ...(tokenExpiresAt !== undefined ? { tokenExpiresAt } : {}) }, this.clock.now())
      .catch((error: unknown) => this.logger.error({ sessionId: id, err: error }, "session store create failed"));
    return session;
  }

  async connected(id: string): Promise<void> {
    await this.store.markConnected(id);
  }

  async disconnected(id: string): Promise<void> {
    await this.store.markDisconnected(id, this.clock.now());
  }

  async destroySession(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (session === undefined) return;
    this.sessions.delete(id);
    await session.destroy();
    if (this.app.onSessionDestroyed !== undefined && session.document.session_context !== null) {
      try {
        await this.app.onSessionDestroyed(session.document.session_context);
      } catch (error) {
        this.logger.error({ sessionId: id, err: error }, "onSessionDestroyed failed");
      }
    }
  }

  /** Stops cleanup and destroys every session (running their hooks). */
  async close(): Promise<void> {
    this.closed = true;
    await this.reaper.stop();
    await Promise.allSettled([...this.creating.values()]);
    for (const id of [...this.sessions.keys()]) {
      await this.destroySession(id);
      await this.store.delete(id);
    }
  }
}
