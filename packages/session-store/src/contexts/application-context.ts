import { createHash } from "node:crypto";
import { Document, ModelIdSequence, type SessionContext, withModelIds } from "@fastify-bokeh/document";
import type { Clock } from "../clock.js";
import { restoreEntry, snapshotOf } from "../cluster/document-snapshot.js";
import type { SessionHistory, SessionOwnership, SessionPage } from "../cluster/ownership.js";
import { describePage } from "../cluster/session-page.js";
import { INTERNAL_ERROR } from "../connection/close-codes.js";
import type { ServerConnection, SessionPresence } from "../connection/server-connection.js";
import type { AppScope, FaultOrigin } from "../faults/app-scope.js";
import { processHeapRelease } from "../lifetimes/heap-release.js";
import { UnusedSessionReaper } from "../lifetimes/unused-session-reaper.js";
import type { Logger } from "../logger.js";
import type { DestroyReason, SessionObserver } from "../observe/session-observer.js";
import { ServerSession } from "../session/server-session.js";
import { createSessionStore } from "../store/create-store.js";
import { isSharedStore, type SessionStore, type SessionStoreClass } from "../store/session-store.js";
import { decodeToken } from "../tokens/decode.js";
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

/** Where a session asked for lives: here, or on another node of a shared store (to relay to). */
export type SessionPlace =
  | { readonly kind: "local"; readonly session: ServerSession }
  | { readonly kind: "remote"; readonly owner: string; readonly page: SessionPage | undefined };

/** How a session is created: new, or taken over from another node with its history, under an ownership. */
interface Creation {
  readonly ownership: SessionOwnership;
  readonly history: SessionHistory | undefined;
}

/** A short, stable prefix for a shared session's model ids, so that sessions embedded side by side never clash. */
function sessionIdPrefix(sessionId: string): string {
  return `p${createHash("sha256").update(sessionId).digest("hex").slice(0, 6)}-`;
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
  private readonly creating = new Map<string, Promise<SessionPlace>>();
  /** This node's ownership of each live session, with a shared store. */
  private readonly owned = new Map<string, SessionOwnership>();
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
      onSwept: (discarded) => processHeapRelease().swept(this, discarded),
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
  async getOrCreate(access: SessionAccess): Promise<ServerSession> {
    const place = await this.open(access);
    if (place.kind === "local") return place.session;
    throw new Error(`session ${access.payload.sessionId} is owned by the node at ${place.owner}`);
  }

  /**
   * Where the session `access` names lives. With a memory store, always here (created if new). With a shared
   * store, here if this node owns it or could claim it (new, or its owner's lease expired: then it is resumed), or
   * on the node that owns it. Concurrent calls for the same id share one creation.
   */
  open(access: SessionAccess): Promise<SessionPlace> {
    if (this.closed) return Promise.reject(new ContextClosedError());
    const id = access.payload.sessionId;
    const live = this.sessions.get(id);
    if (live !== undefined) return Promise.resolve({ kind: "local", session: live });
    let pending = this.creating.get(id);
    if (pending === undefined) {
      pending = this.place(access).finally(() => this.creating.delete(id));
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

  private async place(access: SessionAccess): Promise<SessionPlace> {
    if (!isSharedStore(this.store)) return { kind: "local", session: await this.create(access, undefined) };
    const placement = await this.store.claim(access);
    if (placement.kind === "remote") return placement;
    const { ownership, history } = placement;
    try {
      return { kind: "local", session: await this.create(access, { ownership, history }) };
    } catch (error) {
      await ownership.release(false);
      throw error;
    }
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
    const ownership = this.owned.get(id);
    this.owned.delete(id);
    // A session lost to another node, or left at shutdown, lives on there; an unused or failing one is over.
    if (ownership !== undefined && reason !== "lost")
      await ownership
        .release(reason !== "shutdown")
        .catch((err: unknown) => this.logger.error({ sessionId: id, err }, "releasing the session failed"));
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
    processHeapRelease().forget(this);
    await Promise.allSettled([...this.creating.values()]);
    const shared = isSharedStore(this.store);
    for (const id of [...this.sessions.keys()]) {
      await this.destroySession(id, "shutdown");
      // In a shared store the session stays, for another node to resume.
      if (!shared) await this.store.delete(id);
    }
  }

  /**
   * Builds a session's document with the app code, under `creation`'s ownership when the store is shared; a
   * session taken over from another node is then brought back to where it was by replaying its history.
   */
  private async create(access: SessionAccess, creation: Creation | undefined): Promise<ServerSession> {
    const id = access.payload.sessionId;
    const history = creation?.history;
    const opened = history === undefined ? access : this.accessOf(history, access);
    // Ids of their own for shared sessions: a re-run on another node must give the models the same ids.
    const ids = creation === undefined ? undefined : new ModelIdSequence(sessionIdPrefix(id));
    const doc = ids === undefined ? new Document() : withModelIds(ids, () => new Document());
    const context = this.sessionContext(doc, opened);
    if (this.application.title !== undefined) doc.title = this.application.title;
    if (history !== undefined) doc.state.load(history.state);
    const session = new ServerSession({
      id,
      document: doc,
      token: opened.token,
      clock: this.clock,
      logger: this.logger,
      observer: this.observer,
      scope: this.scopeOf(id),
      journal: creation === undefined ? undefined : (entry) => creation.ownership.append(entry),
      applied: creation === undefined ? undefined : () => this.checkpoint(doc, id, creation.ownership),
      ids,
    });
    await session.run(() => this.build(doc, context));
    if (history !== undefined) await this.resume(session, history);
    this.sessions.set(id, session);
    this.logger.debug({ sessionId: id, resumed: history !== undefined }, "session created");
    this.observer?.sessionCreated?.(id);
    if (creation === undefined) await this.record(opened);
    else this.own(session, creation.ownership);
    return session;
  }

  /** The access a session was first opened with (its own token and URL), as its history keeps them. */
  private accessOf(history: SessionHistory, fallback: SessionAccess): SessionAccess {
    const decoded = decodeToken(history.token);
    return decoded.ok ? { token: history.token, payload: decoded.payload, url: history.url } : fallback;
  }

  /**
   * Brings a taken-over session back: its snapshot (if the log was compacted) applied to the re-built document,
   * then what its clients did since replayed, then the app state it saved last.
   */
  private async resume(session: ServerSession, history: SessionHistory): Promise<void> {
    const { snapshot } = history;
    if (snapshot !== undefined) {
      session.document.state.load(snapshot.state);
      await session.replay([restoreEntry(session.document, snapshot)]);
    }
    await session.replay(history.entries);
    session.document.state.load(history.state);
    this.logger.info({ sessionId: session.id, entries: history.entries.length }, "session resumed on this node");
  }

  /**
   * Offers the store a snapshot after a client change, only for apps that declared (`doc.state.allowSnapshots`)
   * that nothing they need lives in closures: otherwise only the full log can rebuild a resumed session.
   */
  private async checkpoint(doc: Document, id: string, ownership: SessionOwnership): Promise<void> {
    if (!doc.state.allowSnapshots) return;
    // A failed snapshot leaves the log longer, nothing worse: the change itself was logged and applied.
    await ownership
      .checkpoint(() => snapshotOf(doc))
      .catch((err: unknown) => this.logger.error({ sessionId: id, err }, "session snapshot failed"));
  }

  /** Keeps a shared session's page description and app state in the store, and gives it up if the lease is lost. */
  private own(session: ServerSession, ownership: SessionOwnership): void {
    const id = session.id;
    this.owned.set(id, ownership);
    const failed = (err: unknown) => this.logger.error({ sessionId: id, err }, "session store update failed");
    session.document.state.watch((key, value) => void ownership.saveState(key, value).catch(failed));
    void ownership.describe(describePage(session)).catch(failed);
    ownership.onLost(() => {
      this.logger.error({ sessionId: id }, "session taken over by another node: closing it here");
      void this.destroySession(id, "lost");
    });
  }

  /** The store record of a new session of a store that is not shared. */
  private async record(access: SessionAccess): Promise<void> {
    const { token, payload } = access;
    const id = payload.sessionId;
    const tokenExpiresAt = payload.sessionExpiry !== undefined ? payload.sessionExpiry * 1000 : undefined;
    await this.store
      .create({ id, token, ...(tokenExpiresAt !== undefined ? { tokenExpiresAt } : {}) }, this.clock.now())
      .catch((error: unknown) => this.logger.error({ sessionId: id, err: error }, "session store create failed"));
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
