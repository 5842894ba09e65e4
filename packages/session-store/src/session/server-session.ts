import {
  applyPatch,
  applyPatchInSlices,
  BOKEH_VERSION,
  type Document,
  type DocumentChangedEvent,
  type HasProps,
  type ModelIdSequence,
  Serializer,
  type SessionCallback,
  type SessionContext,
  withModelIds,
} from "@fastify-bokeh/document";
import {
  type DocJson,
  error as errorReply,
  isMessageOf,
  type Message,
  ok,
  type PatchEvent,
  pullDocReply,
  serverInfoReply,
} from "@fastify-bokeh/protocol";
import type { Clock } from "../clock.js";
import { decodeBuffers, encodeBuffers, type JournalEntry } from "../cluster/journal-entry.js";
import { GOING_AWAY } from "../connection/close-codes.js";
import type { ServerConnection } from "../connection/server-connection.js";
import { type AppScope, runInAppScope } from "../faults/app-scope.js";
import type { Logger } from "../logger.js";
import type { SessionObserver } from "../observe/session-observer.js";
import { CallbackScheduler } from "./callback-scheduler.js";
import { after, isPromiseLike, type MaybePromise } from "./maybe-promise.js";
import { fanOut } from "./patch-fanout.js";

export interface ServerSessionOptions {
  readonly id: string;
  readonly document: Document;
  /** The token the session was created with. */
  readonly token: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told how long callbacks take. */
  readonly observer?: SessionObserver | undefined;
  /** Whose code the session's work is: what it starts carries this scope (see `runInAppScope`). */
  readonly scope?: AppScope | undefined;
  /**
   * Logs each client change before it is applied (a shared store's fenced append); a change it refuses is not
   * applied and its request is answered with an error.
   */
  readonly journal?: ((entry: JournalEntry) => Promise<void>) | undefined;
  /** Told once a logged client change has been applied (a shared store may snapshot the document then). */
  readonly applied?: (() => Promise<void>) | undefined;
  /** Where the session's model ids come from, so a re-run of its app gives the same ones; the process' by default. */
  readonly ids?: ModelIdSequence | undefined;
}

/** Who replayed changes come from: no connection, so they are sent to every client. */
const REPLAY = Object.freeze({ replay: true });

/** What a unit of work answers, sent once its changes have gone out. */
interface Reply {
  readonly to: ServerConnection;
  readonly message: Message;
}

/** What `handle` and `run` return for a unit of work that finished synchronously (most requests): one shared promise. */
const DONE: Promise<void> = Promise.resolve();

/** Models noted as known between two looks at the clock. */
const LEARNED_PER_CHECK = 1024;

/** Notes that `connection` knows `models`; in time slices when they are many (a patch may define 100,000). */
function learn(connection: ServerConnection, models: readonly HasProps[]): MaybePromise<void> {
  if (models.length > LEARNED_PER_CHECK) return learnInSlices(connection, models);
  for (const model of models) connection.known.add(model);
}

/** {@link learn}, letting the event loop turn every ~2 ms. */
async function learnInSlices(connection: ServerConnection, models: readonly HasProps[]): Promise<void> {
  let sliceStart = performance.now();
  for (const [i, model] of models.entries()) {
    connection.known.add(model);
    if (i % LEARNED_PER_CHECK === LEARNED_PER_CHECK - 1 && performance.now() - sliceStart >= 2) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * A live session: one document, the connections that show it, and the order in which work on it happens.
 * Requests from all connections and session callbacks run one at a time (a FIFO lock, like bokeh serve's);
 * document changes are sent per connection as one PATCH-DOC per turn, with full definitions of the models that
 * connection has not seen, and never echoed back to the connection whose patch caused them. Async callbacks keep
 * the lock until they finish; what they change before each `await` goes out at that `await`.
 */
export class ServerSession {
  readonly id: string;
  readonly document: Document;
  readonly token: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly observer: SessionObserver | undefined;
  private readonly scope: AppScope | undefined;
  private readonly journal: ((entry: JournalEntry) => Promise<void>) | undefined;
  private readonly applied: (() => Promise<void>) | undefined;
  private readonly ids: ModelIdSequence | undefined;
  private readonly connections = new Set<ServerConnection>();
  private readonly scheduler: CallbackScheduler;
  private pending: DocumentChangedEvent[] = [];
  /** Models that left the document since the last turn ended: the clients drop them, so they are no longer known. */
  private detached: HasProps[] = [];
  /** PATCH-DOCs still being encoded (huge ones, in time slices): the turn that made them waits for them. */
  private encoding: Promise<void>[] = [];
  private turnEndQueued = false;
  private tail: Promise<void> = Promise.resolve();
  private locked = 0;
  private pulledOnce = false;
  private _destroyed = false;
  private _lastAccessAt: number;

  constructor(options: ServerSessionOptions) {
    this.id = options.id;
    this.document = options.document;
    this.token = options.token;
    this.clock = options.clock;
    this.logger = options.logger;
    this.observer = options.observer;
    this.scope = options.scope;
    this.journal = options.journal;
    this.applied = options.applied;
    this.ids = options.ids;
    this._lastAccessAt = this.clock.now();
    this.document.subscribe((event) => this.record(event));
    this.document.onDetach((models) => void this.detached.push(...models));
    this.document.onCallbackError = (error, where) =>
      this.logger.error({ sessionId: this.id, err: error }, `${where} failed`);
    this.scheduler = new CallbackScheduler(
      this.clock,
      (callback) => this.runCallback(callback),
      (callback) => this.document.callbacks.completed(callback.id),
    );
    this.document.callbacks.attach(this.scheduler);
  }

  get destroyed(): boolean {
    return this._destroyed;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** When the last connection left, or the session was created: what the unused-session check looks at. */
  get lastAccessAt(): number {
    return this.connections.size > 0 ? this.clock.now() : this._lastAccessAt;
  }

  /** True while a request or callback holds or waits for the lock: such a session must not be discarded. */
  get busy(): boolean {
    return this.locked > 0;
  }

  subscribe(connection: ServerConnection): void {
    this.connections.add(connection);
  }

  unsubscribe(connection: ServerConnection): void {
    if (!this.connections.delete(connection)) return;
    this._lastAccessAt = this.clock.now();
    if (!this._destroyed) this.document.triggerEvent({ event_name: "connection_lost", model: null });
  }

  /**
   * Handles one request from a connection and sends its reply after the PATCH-DOCs it caused. Request-level
   * failures become an ERROR reply; the session and connection keep working.
   */
  handle(connection: ServerConnection, message: Message): Promise<void> {
    if (message.header.msgtype === "SERVER-INFO-REQ") {
      // No lock, as in bokeh serve: clients use it as a cheap round-trip barrier.
      connection.send(serverInfoReply(message.header.msgid, { bokeh: BOKEH_VERSION, server: BOKEH_VERSION }));
      return DONE;
    }
    return this.runTurn(() =>
      after(this.respond(connection, message), (reply) => ({ to: connection, message: reply })),
    );
  }

  /**
   * Runs `work` (e.g. building the document of a new session) as one unit of work: under the session lock, its
   * changes sent when it ends. Rejects with what `work` throws.
   */
  run(work: () => void | Promise<void>): Promise<void> {
    return this.runTurn(() => after(work(), () => undefined));
  }

  /**
   * Makes logged client changes again, in order, as one unit of work: how a session taken over from another node
   * gets back to where it was, its callbacks' own state included.
   */
  replay(entries: readonly JournalEntry[]): Promise<void> {
    return this.run(async () => {
      for (const entry of entries) {
        const buffers = decodeBuffers(entry.buffers);
        if (entry.kind === "patch") applyPatch(this.document, entry.events, buffers, REPLAY);
        else this.document.replace_with_json(entry.doc, buffers);
        await this.document.settled();
      }
    });
  }

  /**
   * A request's reply; a failure becomes an ERROR reply. A small patch is applied and answered synchronously, as
   * is anything else that has nothing to wait for.
   */
  private respond(connection: ServerConnection, message: Message): MaybePromise<Message> {
    const failed = (error: unknown): Message => {
      this.logger.debug({ sessionId: this.id, err: error }, "request failed");
      return errorReply(message.header.msgid, describe(error));
    };
    try {
      const reply = this.perform(connection, message);
      return reply instanceof Promise ? reply.catch(failed) : reply;
    } catch (error) {
      return failed(error);
    }
  }

  /** What a request does to the document, and its reply. */
  private perform(connection: ServerConnection, message: Message): MaybePromise<Message> {
    const reqid = message.header.msgid;
    if (isMessageOf(message, "PULL-DOC-REQ")) return this.pull(connection, reqid);
    if (isMessageOf(message, "PATCH-DOC")) {
      const { events } = message.content;
      const logged = this.journal?.({ kind: "patch", events, buffers: encodeBuffers(message.buffers) });
      return after(logged, () => after(this.patch(connection, events, message.buffers), () => this.acknowledge(reqid)));
    }
    if (isMessageOf(message, "PUSH-DOC")) {
      const { doc } = message.content;
      const logged = this.journal?.({ kind: "push", doc, buffers: encodeBuffers(message.buffers) });
      return after(logged, () => {
        this.push(connection, doc, message.buffers);
        return this.acknowledge(reqid);
      });
    }
    return errorReply(reqid, `message type ${message.header.msgtype} is not handled by the server`);
  }

  /**
   * OK, once the changes a request made synchronously have gone out as their own turn, the async callbacks it
   * started have finished, and a shared store has been told.
   */
  private acknowledge(reqid: string): MaybePromise<Message> {
    this.endTurn();
    return after(this.callbacksSettled(), () => after(this.applied?.(), () => ok(reqid)));
  }

  /** Once the async callbacks started so far have finished; at once when none runs. */
  private callbacksSettled(): MaybePromise<void> {
    return this.document.settling ? this.document.settled() : undefined;
  }

  private pull(connection: ServerConnection, reqid: string): Message {
    connection.known.clear();
    // BokehJS ignores binary buffers when it re-pulls after a reconnect, so only a session's first pull uses them.
    const serializer = new Serializer({ known: connection.known, binary: !this.pulledOnce });
    const doc = this.document.toJSON(serializer);
    this.pulledOnce = true;
    connection.pulled = true;
    return pullDocReply(reqid, doc, serializer.buffers);
  }

  /**
   * Applies a client's patch in time slices: a huge one (100,000 new models) must not stall every other session
   * of the process. The session's lock is held throughout, so its other requests and callbacks wait behind it.
   */
  private patch(
    connection: ServerConnection,
    events: readonly PatchEvent[],
    buffers: ReadonlyMap<string, ArrayBufferView>,
  ): MaybePromise<void> {
    return after(applyPatchInSlices(this.document, events, buffers, connection), (outcome) => {
      if (outcome.ignored.length > 0)
        this.logger.debug(
          { sessionId: this.id, ignored: outcome.ignored },
          "client-only or invalid attributes ignored",
        );
      return learn(connection, outcome.defined);
    });
  }

  /**
   * PUSH-DOC replaces the document's roots and title; the changes go to every connection, the pusher included,
   * which from then on has the document (and is sent the new models in full, as bokeh serve does).
   */
  private push(connection: ServerConnection, doc: DocJson, buffers: ReadonlyMap<string, ArrayBufferView>): void {
    connection.known.clear();
    connection.pulled = true;
    this.document.replace_with_json(doc, buffers);
  }

  private record(event: DocumentChangedEvent): void {
    this.pending.push(event);
    if (!this.turnEndQueued) {
      this.turnEndQueued = true;
      // Code that changes the document and then awaits (an async callback) ends a turn at that await.
      queueMicrotask(() => this.endTurn());
    }
  }

  /**
   * The end of a turn, and the only place changes leave the session: the changes recorded so far go out as one
   * PATCH-DOC per connection that has the document, and models that left it are forgotten.
   */
  private endTurn(): void {
    this.turnEndQueued = false;
    if (this.pending.length > 0) {
      const events = this.pending;
      this.pending = [];
      const encoding = fanOut(events, this.connections);
      if (encoding !== undefined) this.encoding.push(encoding);
    }
    if (this.detached.length > 0) {
      for (const model of this.detached) {
        if (model.document === this.document) continue; // re-attached since
        for (const connection of this.connections) connection.known.delete(model);
      }
      this.detached = [];
    }
  }

  /**
   * Runs one unit of work (a request, a callback, a new session's document) once those before it have finished.
   * Changes made outside any unit (an app's own timer) go out first, as their own turn; the unit's changes go out
   * when it ends, and then its reply, so a client sees the effects of its request before the answer. A unit that
   * finds the session idle starts at once, and one that finishes synchronously allocates no promise.
   */
  private runTurn(work: () => MaybePromise<Reply | undefined>): Promise<void> {
    try {
      const turn = this.lockedTurn(work);
      return turn instanceof Promise ? turn : DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** {@link runTurn}, but a unit that finishes synchronously returns nothing, and throws what it fails with. */
  private lockedTurn(work: () => MaybePromise<Reply | undefined>): MaybePromise<void> {
    this.locked++;
    if (this.locked > 1) return this.queued(this.tail.then(() => this.turn(work)));
    let turn: MaybePromise<void>;
    try {
      turn = this.turn(work);
    } catch (error) {
      this.locked--;
      throw error;
    }
    if (turn instanceof Promise) return this.queued(turn);
    this.locked--;
  }

  /** A unit of work still to finish: later ones wait behind it, and it gives up the lock when it ends. */
  private queued(turn: Promise<void>): Promise<void> {
    const run = turn.finally(() => {
      this.locked--;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private turn(work: () => MaybePromise<Reply | undefined>): MaybePromise<void> {
    // Changes made outside any unit (an app's own timer) may still be being encoded.
    return after(this.flushTurn(), () => this.unit(work));
  }

  /** The work itself, then the end of its turn, then its reply (none if it failed). */
  private unit(work: () => MaybePromise<Reply | undefined>): MaybePromise<void> {
    let reply: MaybePromise<Reply | undefined>;
    try {
      reply = this.inScope(work);
    } catch (error) {
      return after(this.flushTurn(), () => {
        throw error;
      });
    }
    if (reply instanceof Promise) return this.unitLater(reply);
    const done = reply;
    return after(this.flushTurn(), () => done?.to.send(done.message));
  }

  private async unitLater(pending: Promise<Reply | undefined>): Promise<void> {
    let reply: Reply | undefined;
    try {
      reply = await pending;
    } finally {
      await this.flushTurn();
    }
    reply?.to.send(reply.message);
  }

  /**
   * Ends a turn: its changes go out. The document must stay as it is while they are encoded (a huge PATCH-DOC, in
   * time slices): what follows waits.
   */
  private flushTurn(): MaybePromise<void> {
    this.endTurn();
    return this.encoding.length > 0 ? this.encoded() : undefined;
  }

  /** Waits until every PATCH-DOC being encoded in slices is ready (and so in its connection's order). */
  private async encoded(): Promise<void> {
    while (this.encoding.length > 0) await Promise.all(this.encoding.splice(0));
  }

  /** Runs `work` as the session's code: in its app scope, drawing model ids from its own sequence when it has one. */
  private inScope<T>(work: () => T): T {
    const scope = this.scope;
    const scoped = scope === undefined ? work : () => runInAppScope(scope, work);
    return this.ids === undefined ? scoped() : withModelIds(this.ids, scoped);
  }

  private runCallback(callback: SessionCallback): MaybePromise<void> {
    if (this._destroyed) return;
    return this.lockedTurn(() => this.invoke(callback));
  }

  /** One run of a session callback: its failure logged, its duration observed, then its async callbacks awaited. */
  private invoke(callback: SessionCallback): MaybePromise<undefined> {
    const started = performance.now();
    const finished = (failed: boolean): MaybePromise<undefined> => {
      this.observer?.callbackFinished?.(callback.kind, (performance.now() - started) / 1000, failed);
      return after(this.callbacksSettled(), () => undefined);
    };
    const failed = (error: unknown): MaybePromise<undefined> => {
      this.logger.error({ sessionId: this.id, err: error }, `${callback.kind} callback failed`);
      return finished(true);
    };
    let result: unknown;
    try {
      result = callback.callback();
    } catch (error) {
      return failed(error);
    }
    return isPromiseLike(result) ? Promise.resolve(result).then(() => finished(false), failed) : finished(false);
  }

  /**
   * Stops the session's callbacks, closes its connections (with `closeCode`/`closeReason`) and runs its
   * on_session_destroyed callbacks.
   */
  async destroy(
    context: SessionContext | null = this.document.session_context,
    closeCode = GOING_AWAY,
    closeReason = "session destroyed",
  ): Promise<void> {
    if (this._destroyed) return;
    this._destroyed = true;
    this.scheduler.cancelAll();
    this.document.callbacks.attach(null);
    for (const connection of [...this.connections]) connection.close(closeCode, closeReason);
    this.connections.clear();
    for (const cb of this.document.sessionDestroyedCallbacks) {
      try {
        await cb(context);
      } catch (error) {
        this.logger.error({ sessionId: this.id, err: error }, "on_session_destroyed callback failed");
      }
    }
  }
}
