import { Document, type SessionContext } from "@fastify-bokeh/document";
import type { Clock } from "../clock.js";
import { INTERNAL_ERROR } from "../connection/close-codes.js";
import type { ServerConnection, SessionPresence } from "../connection/server-connection.js";
import type { AppScope, FaultOrigin } from "../faults/app-scope.js";
import { UnusedSessionReaper } from "../lifetimes/unused-session-reaper.js";
import type { Logger } from "../logger.js";
import type { DestroyReason, SessionObserver } from "../observe/session-observer.js";
import { ServerSession } from "../session/server-session.js";
import { createSessionStore } from "../store/create-store.js";
import type { SessionStore, SessionStoreClass } from "../store/session-store.js";
import type { Application, SessionAccess } from "./application.js";
import { ContextClosedError } from "./context-closed-error.js";
import { sessionRequest } from "./session-request.js";

export interface ApplicationContextOptions {
  readonly application: Application;
  /** A store instance (possibly shared by several contexts), a class to instantiate, or none for a memory store. */
  readonly store?: SessionStore | SessionStoreClass | undefined;
  /** The namespace a store class is instantiated with: where the application is served. */
  readonly namespace: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Milliseconds between looks for unused sessions. */
  readonly checkUnusedSessions?: number;
  /** Milliseconds an unconnected session lives. */
  readonly unusedSessionLifetime?: number;
  /** Told of sessions created and destroyed, and of what their sessions and connections do. */
  readonly observer?: SessionObserver | undefined;
}

/** Errors escaping a session's code (stray timers, unhandled rejections) after which the session is discarded. */
export const FAULTS_BEFORE_DISCARD = 3;

/**
 * One application as the server runs it: its live sessions (each created once, however many requests ask for it
 * at the same time), their records in the store, and the discarding of unused ones. Knows nothing of HTTP.
 */
export class ApplicationContext implements SessionPresence {
  readonly application: Application;
  readonly store: SessionStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly observer: SessionObserver | undefined;
  /** Errors that escaped each live session's code so far. */
  private readonly faults = new Map<string, number>();
  private readonly sessions = new Map<string, ServerSession>();
  private readonly creating = new Map<string, Promise<ServerSession>>();
  private readonly reaper: UnusedSessionReaper;
  private closed = false;

  constructor(options: ApplicationContextOptions) {
    this.application = options.application;
    this.clock = options.clock;
    this.logger = options.logger;
    this.observer = options.observer;
    this.store = createSessionStore(options.store, { namespace: options.namespace });
    this.reaper = new UnusedSessionReaper({
      store: this.store,
      clock: this.clock,
      logger: this.logger,
      ...(options.checkUnusedSessions !== undefined ? { checkUnusedSessions: options.checkUnusedSessions } : {}),
      ...(options.unusedSessionLifetime !== undefined ? { unusedSessionLifetime: options.unusedSessionLifetime } : {}),
      // A store instance may be shared by several apps: sessions that are not this app's are not its to discard.
      isBlocked: (id) => this.sessions.get(id)?.busy ?? true,
      onDestroy: (record) => this.destroySession(record.id, "unused"),
    });
  }

  /** Starts looking for unused sessions. */
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
   * The live session `access` names, created (running the app code) if it does not exist. Concurrent calls for the
   * same new id share one creation. Rejects with {@link ContextClosedError} once the context is closing.
   */
  getOrCreate(access: SessionAccess): Promise<ServerSession> {
    if (this.closed) return Promise.reject(new ContextClosedError());
    const id = access.payload.sessionId;
    const live = this.sessions.get(id);
    if (live !== undefined) return Promise.resolve(live);
    let pending = this.creating.get(id);
    if (pending === undefined) {
      pending = this.create(access).finally(() => this.creating.delete(id));
      this.creating.set(id, pending);
    }
    return pending;
  }

  /** Opens the session `access` names for `connection` (creating it if needed) and tells the connection how it went. */
  async connect(connection: ServerConnection, access: SessionAccess): Promise<void> {
    let session: ServerSession;
    try {
      session = await this.getOrCreate(access);
    } catch (error) {
      connection.onError(error);
      return;
    }
    await connection.onSessionReady(session, this);
  }

  async connected(id: string): Promise<void> {
    await this.store.markConnected(id);
  }

  async disconnected(id: string): Promise<void> {
    await this.store.markDisconnected(id, this.clock.now());
  }

  /** Destroys the live session `id` (its callbacks, connections and hooks); its store record is the caller's. */
  async destroySession(id: string, reason: DestroyReason = "unused"): Promise<void> {
    const session = this.sessions.get(id);
    if (session === undefined) return;
    this.sessions.delete(id);
    this.faults.delete(id);
    this.logger.debug({ sessionId: id, reason }, "session destroyed");
    this.observer?.sessionDestroyed?.(id, reason);
    if (reason === "failing") await session.destroy(undefined, INTERNAL_ERROR, "application keeps failing");
    else await session.destroy();
    const context = session.document.session_context;
    const hook = this.application.onSessionDestroyed;
    if (hook === undefined || context === null) return;
    try {
      await hook(context);
    } catch (error) {
      this.logger.error({ sessionId: id, err: error }, "onSessionDestroyed failed");
    }
  }

  /** Stops cleanup and destroys every session (running their hooks), removing them from the store. */
  async close(): Promise<void> {
    this.closed = true;
    await this.reaper.stop();
    await Promise.allSettled([...this.creating.values()]);
    for (const id of [...this.sessions.keys()]) {
      await this.destroySession(id, "shutdown");
      await this.store.delete(id);
    }
  }

  private async create(access: SessionAccess): Promise<ServerSession> {
    const { token, payload } = access;
    const id = payload.sessionId;
    const doc = new Document();
    const context = this.sessionContext(doc, access);
    if (this.application.title !== undefined) doc.title = this.application.title;
    const session = new ServerSession({
      id,
      document: doc,
      token,
      clock: this.clock,
      logger: this.logger,
      observer: this.observer,
      scope: this.scopeOf(id),
    });
    await session.run(() => this.build(doc, context));
    this.sessions.set(id, session);
    this.logger.debug({ sessionId: id }, "session created");
    this.observer?.sessionCreated?.(id);
    const tokenExpiresAt = payload.sessionExpiry !== undefined ? payload.sessionExpiry * 1000 : undefined;
    await this.store
      .create({ id, token, ...(tokenExpiresAt !== undefined ? { tokenExpiresAt } : {}) }, this.clock.now())
      .catch((error: unknown) => this.logger.error({ sessionId: id, err: error }, "session store create failed"));
    return session;
  }

  private scopeOf(sessionId: string): AppScope {
    return { app: this.application.path, sessionId, fault: (error, origin) => this.fault(sessionId, error, origin) };
  }

  /**
   * An error escaped the code of session `sessionId` (a stray timer, an unhandled rejection): logged; once the
   * session has failed {@link FAULTS_BEFORE_DISCARD} times, it is discarded and its clients told why.
   */
  private fault(sessionId: string, error: unknown, origin: FaultOrigin): void {
    this.logger.error({ sessionId, err: error, origin }, `${origin} in application ${this.application.path}`);
    if (!this.sessions.has(sessionId)) return;
    const count = (this.faults.get(sessionId) ?? 0) + 1;
    this.faults.set(sessionId, count);
    if (count < FAULTS_BEFORE_DISCARD) return;
    this.logger.error({ sessionId, faults: count }, "discarding session: its application keeps failing");
    void this.destroySession(sessionId, "failing").then(() =>
      this.store
        .delete(sessionId)
        .catch((err: unknown) => this.logger.error({ sessionId, err }, "store delete failed")),
    );
  }

  /** The `session_context` of a new session's document; it reads as destroyed once the session is. */
  private sessionContext(doc: Document, access: SessionAccess): SessionContext {
    const { session_id: _id, ...tokenPayload } = access.payload.fields;
    let destroyed = false;
    const context: SessionContext = {
      id: access.payload.sessionId,
      request: sessionRequest(access.payload, access.url),
      token_payload: tokenPayload,
      get destroyed() {
        return destroyed;
      },
    };
    doc.session_context = context;
    doc.on_session_destroyed(() => {
      destroyed = true;
    });
    return context;
  }

  /** Runs the session hook and the app code; as in bokeh serve, a failing app still opens, as far as it got. */
  private async build(doc: Document, context: SessionContext): Promise<void> {
    const { onSessionCreated, app, path } = this.application;
    if (onSessionCreated !== undefined) {
      try {
        await onSessionCreated(context);
      } catch (error) {
        this.logger.error({ sessionId: context.id, err: error }, "onSessionCreated failed");
      }
    }
    try {
      await app(doc);
    } catch (error) {
      this.logger.error({ sessionId: context.id, err: error }, `application ${path} failed`);
    }
  }
}
