import {
  Deserializer, Document, HasProps, Serializer, applyPatch, encodeEvent, BOKEH_VERSION,
  type DocumentChangedEvent, type SessionCallback, type SessionContext,
} from "@fastify-bokeh/document";
import {
  error as errorReply, isMessageOf, ok, patchDoc, pullDocReply, serverInfoReply,
  type Message, type PatchEvent,
} from "@fastify-bokeh/protocol";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import { CallbackScheduler } from "./callback-scheduler.js";
import { ServerConnection } from "./server-connection.js";

export interface ServerSessionOptions {
  readonly id: string;
  readonly document: Document;
  /** The token the session was created with. */
  readonly token: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * A live session: one document, the connections that show it, and the order in which work on it happens.
 * Requests from all connections and session callbacks run one at a time (a FIFO lock, like bokeh serve's);
 * document changes are sent per connection as one PATCH-DOC per turn, with full definitions of the models that
 * connection has not seen, and never echoed back to the connection whose patch caused them.
 */
export class ServerSession {
  readonly id: string;
  readonly document: Document;
  readonly token: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly connections = new Set<ServerConnection>();
  private readonly scheduler: CallbackScheduler;
  private pending: DocumentChangedEvent[] = [];
  private flushQueued = false;
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
    this._lastAccessAt = this.clock.now();
    this.document.subscribe((event) => this.record(event));
    this.document.onCallbackError = (error, where) => this.logger.error({ sessionId: this.id, err: error }, `${where} failed`);
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
   * Handles one request from a connection and sends its reply (after any PATCH-DOCs it caused). Request-level
   * failures become an ERROR reply; the session and connection keep working.
   */
  handle(connection: ServerConnection, message: Message): Promise<void> {
    const reqid = message.header.msgid;
    if (message.header.msgtype === "SERVER-INFO-REQ") {
      // No lock, as in bokeh serve: clients use it as a cheap round-trip barrier.
      connection.send(serverInfoReply(reqid, { bokeh: BOKEH_VERSION, server: BOKEH_VERSION }));
      return Promise.resolve();
    }
    return this.withLock(() => {
      try {
        if (isMessageOf(message, "PULL-DOC-REQ")) {
          this.pull(connection, reqid);
        } else if (isMessageOf(message, "PATCH-DOC")) {
          this.patch(connection, message.content.events, message.buffers);
          connection.send(ok(reqid));
        } else if (isMessageOf(message, "PUSH-DOC")) {
          this.push(message.content.doc, message.buffers);
          connection.send(ok(reqid));
        } else {
          connection.send(errorReply(reqid, `message type ${message.header.msgtype} is not handled by the server`));
        }
      } catch (error) {
        this.flush();
        this.logger.debug({ sessionId: this.id, err: error }, "request failed");
        connection.send(errorReply(reqid, describe(error)));
      }
    });
  }

  private pull(connection: ServerConnection, reqid: string): void {
    this.flush();
    connection.known.clear();
    // BokehJS ignores binary buffers when it re-pulls after a reconnect, so only a session's first pull uses them.
    const serializer = new Serializer({ known: connection.known, binary: !this.pulledOnce });
    const doc = this.document.toJSON(serializer);
    this.pulledOnce = true;
    connection.pulled = true;
    connection.send(pullDocReply(reqid, doc as Parameters<typeof pullDocReply>[1], serializer.buffers));
  }

  private patch(connection: ServerConnection, events: readonly unknown[], buffers: ReadonlyMap<string, ArrayBufferView>): void {
    const outcome = applyPatch(this.document, events, buffers, connection);
    for (const id of outcome.defined) connection.known.add(id);
    if (outcome.ignored.length > 0) this.logger.debug({ sessionId: this.id, ignored: outcome.ignored }, "client-only or invalid attributes ignored");
    this.flush();
  }

  /** PUSH-DOC replaces the document's content; the changes go to every connection, the pusher included. */
  private push(doc: { title?: unknown; roots?: unknown }, buffers: ReadonlyMap<string, ArrayBufferView>): void {
    const deserializer = new Deserializer((id) => this.document.get_model_by_id(id), buffers);
    const roots = Array.isArray(doc.roots) ? doc.roots.map((root) => deserializer.decode(root)) : [];
    deserializer.finalize();
    this.document.clear();
    for (const root of roots) if (root instanceof HasProps) this.document.add_root(root);
    if (typeof doc.title === "string") this.document.title = doc.title;
    this.flush();
  }

  private record(event: DocumentChangedEvent): void {
    this.pending.push(event);
    if (!this.flushQueued) {
      this.flushQueued = true;
      // A callback's changes go out when it returns or awaits: one PATCH-DOC per turn.
      queueMicrotask(() => this.flush());
    }
  }

  /** Sends the changes recorded so far, one PATCH-DOC per connection. */
  flush(): void {
    this.flushQueued = false;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    for (const connection of this.connections) {
      if (!connection.pulled) continue;
      const own = events.filter((event) => event.setter !== connection);
      if (own.length === 0) continue;
      const serializer = new Serializer({ known: connection.known });
      const wire = own.map((event) => encodeEvent(event, serializer) as unknown as PatchEvent);
      connection.send(patchDoc(wire, serializer.buffers));
    }
  }

  private withLock(fn: () => void | Promise<void>): Promise<void> {
    this.locked++;
    const run = this.tail.then(fn).finally(() => {
      this.locked--;
      this.flush();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private runCallback(callback: SessionCallback): Promise<void> {
    if (this._destroyed) return Promise.resolve();
    return this.withLock(async () => {
      try {
        await callback.callback();
      } catch (error) {
        this.logger.error({ sessionId: this.id, err: error }, `${callback.kind} callback failed`);
      }
    });
  }

  /** Stops the session's callbacks, closes its connections and runs its on_session_destroyed callbacks. */
  async destroy(context: SessionContext | null = this.document.session_context): Promise<void> {
    if (this._destroyed) return;
    this._destroyed = true;
    this.scheduler.cancelAll();
    this.document.callbacks.attach(null);
    for (const connection of [...this.connections]) connection.close(1001, "session destroyed");
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
