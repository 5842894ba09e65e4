import type { HasProps } from "@fastify-bokeh/document";
import {
  ack,
  encode,
  error as errorReply,
  type Frame,
  type Message,
  type ParsedContent,
  ProtocolError,
  Receiver,
} from "@fastify-bokeh/protocol";
import { type Clock, systemClock } from "../clock.js";
import { ContextClosedError } from "../contexts/context-closed-error.js";
import type { Logger } from "../logger.js";
import { frameBytes } from "../observe/frame-bytes.js";
import type { SessionObserver } from "../observe/session-observer.js";
import type { ServerSession } from "../session/server-session.js";
import { GOING_AWAY, INTERNAL_ERROR, PROTOCOL_ERROR, TRY_AGAIN_LATER } from "./close-codes.js";
import { columnEffects } from "./column-effects.js";
import type { ConnectionTransport } from "./connection-transport.js";
import { DEFAULT_FLOW_LIMITS, type FlowLimits, OutgoingQueue } from "./outgoing-queue.js";
import { SlicedQueue } from "./sliced-queue.js";

/** Where a connection reports joining and leaving its session: the application context's store. */
export interface SessionPresence {
  connected(sessionId: string): Promise<void>;
  disconnected(sessionId: string): Promise<void>;
}

export interface ServerConnectionOptions {
  readonly logger: Logger;
  /** Largest message, and largest frame, accepted from the client in bytes; the protocol's default when omitted. */
  readonly maxMessageBytes?: number;
  /** Back-pressure towards a client that reads slowly; {@link DEFAULT_FLOW_LIMITS} when omitted. */
  readonly flow?: FlowLimits;
  /** Times the back-pressure checks; the system clock when omitted. */
  readonly clock?: Clock;
  /** Told of each whole message received and sent, with its size. */
  readonly observer?: SessionObserver | undefined;
}

/**
 * Where the connection is in its life: frames that arrive before the session is ready (while it is created, and
 * while the store records the connection) wait in `early`, in order.
 */
type ConnectionState =
  | { readonly kind: "waiting"; readonly early: Frame[] }
  | {
      readonly kind: "joining";
      readonly session: ServerSession;
      readonly presence: SessionPresence;
      readonly early: Frame[];
    }
  | { readonly kind: "open"; readonly session: ServerSession; readonly presence: SessionPresence }
  | { readonly kind: "closed" };

/** A message with its frames, ready to go out. */
export interface EncodedMessage {
  readonly message: Message;
  readonly frames: readonly Frame[];
}

let counter = 0;

/**
 * One client connection: turns the client's frames into requests for its session (in arrival order, one at a time)
 * and sends the session's messages over its transport. It knows nothing of HTTP: whoever accepts the connection
 * (the Fastify plugin's websocket route, a relay) wraps it in a {@link ConnectionTransport} and reports its events
 * here, one method each. Framing errors close the connection with a valid code; request errors are answered with
 * an ERROR message and the connection keeps working.
 */
export class ServerConnection {
  readonly id = `c${++counter}`;
  /**
   * Models the client has: everything in its last pull plus what was sent to or received from it since, less
   * what left the document. Kept by identity, so a new model reusing an old id is sent in full.
   */
  readonly known = new Set<HasProps>();
  /** Patches go only to connections that have the document (pulled or pushed it); they get everything there. */
  pulled = false;
  private readonly transport: ConnectionTransport;
  private readonly logger: Logger;
  private readonly receiver: Receiver;
  private readonly outgoing: OutgoingQueue;
  private readonly observer: SessionObserver | undefined;
  /** Bytes of the frames of the message being assembled. */
  private incomingBytes = 0;
  private state: ConnectionState = { kind: "waiting", early: [] };
  /**
   * The client's frames once the session is ready: assembled and handled one at a time (a request starts when the
   * one before has been answered), in time slices so that a burst does not hold up other connections.
   */
  private readonly inbox = new SlicedQueue<Frame>((frame) => this.handleFrame(frame));
  /** From the first message still being encoded: those waiting behind it, in order (empty: send at once). */
  private readonly encoding: (EncodedMessage | Promise<EncodedMessage | undefined>)[] = [];

  constructor(transport: ConnectionTransport, options: ServerConnectionOptions) {
    this.transport = transport;
    this.logger = options.logger;
    this.observer = options.observer;
    const limit = options.maxMessageBytes;
    this.receiver = new Receiver(limit === undefined ? {} : { maxMessageBytes: limit, maxFrameBytes: limit });
    this.outgoing = new OutgoingQueue(
      transport,
      options.flow ?? DEFAULT_FLOW_LIMITS,
      options.clock ?? systemClock,
      (reason) => this.tooSlow(reason),
    );
  }

  /** Whether the connection has ended (closed by either side). */
  get closed(): boolean {
    return this.state.kind === "closed";
  }

  /** Whether messages are held back because the client does not read them fast enough. */
  get behind(): boolean {
    return this.outgoing.behind;
  }

  /**
   * Sends a message now, or after those held back while the client is behind, or after one still being encoded
   * (see {@link sendEncoded}).
   */
  send(message: Message): void {
    const encoded: EncodedMessage = { message, frames: encode(message) };
    if (this.encoding.length === 0) this.transmit(encoded);
    else this.encoding.push(encoded);
  }

  /**
   * Sends a message that is still being encoded (a huge one, in time slices) once it is ready; what is sent to
   * this connection meanwhile goes out after it, in order. Resolves once it is encoded; a failed encoding is
   * logged and the message skipped.
   */
  sendEncoded(encoding: Promise<EncodedMessage>): Promise<void> {
    const ready = encoding.catch((err: unknown) => {
      this.logger.error({ err, connectionId: this.id }, "message encoding failed");
      return undefined;
    });
    this.encoding.push(ready);
    if (this.encoding.length === 1) void this.sendInOrder();
    return ready.then(() => undefined);
  }

  /** Sends the messages waiting behind encodings, in order, each once it is ready. */
  private async sendInOrder(): Promise<void> {
    while (this.encoding.length > 0) {
      const next = await this.encoding[0];
      this.encoding.shift();
      if (next !== undefined) this.transmit(next);
    }
  }

  private transmit({ message, frames }: EncodedMessage): void {
    if (this.observer?.messageSent !== undefined)
      this.observer.messageSent(
        message.header.msgtype,
        frames.reduce((sum, f) => sum + frameBytes(f), 0),
      );
    this.outgoing.send(frames, columnEffects(message));
  }

  close(code: number, reason: string): void {
    this.outgoing.stop();
    this.transport.close(code, reason);
  }

  /** A frame from the client: queued until the session is ready, then assembled into requests for it. */
  onFrame(frame: Frame): void {
    const state = this.state;
    if (state.kind === "waiting" || state.kind === "joining") {
      state.early.push(frame);
      return;
    }
    if (state.kind === "closed") return;
    this.inbox.push(frame);
  }

  /**
   * The session is ready (found or created): joins it, has `presence` record the connection, sends ACK, then
   * handles the frames that arrived meanwhile, in order. A connection closed meanwhile does nothing.
   */
  async onSessionReady(session: ServerSession, presence: SessionPresence): Promise<void> {
    const state = this.state;
    if (state.kind !== "waiting") return;
    if (session.destroyed) {
      this.state = { kind: "closed" };
      this.close(GOING_AWAY, "session destroyed");
      return;
    }
    session.subscribe(this);
    this.state = { kind: "joining", session, presence, early: state.early };
    await presence.connected(session.id).catch((err: unknown) => this.storeFailed(session.id, err));
    const joined = this.current();
    if (joined.kind !== "joining") return;
    this.state = { kind: "open", session, presence };
    this.send(ack());
    for (const frame of joined.early.splice(0)) this.onFrame(frame);
  }

  /** The session could not be opened for this connection: closes it, as going away when the server is shutting down. */
  onError(error: unknown): void {
    if (this.state.kind === "closed") return;
    this.state = { kind: "closed" };
    if (error instanceof ContextClosedError) {
      this.close(GOING_AWAY, "server shutting down");
      return;
    }
    this.logger.error({ err: error }, "session creation failed");
    this.close(INTERNAL_ERROR, "session creation failed");
  }

  /** The transport closed (either side): leaves the session, which notes when it was last used. */
  onClose(): void {
    const state = this.state;
    this.state = { kind: "closed" };
    this.outgoing.stop();
    this.inbox.clear();
    if (state.kind !== "joining" && state.kind !== "open") return;
    state.session.unsubscribe(this);
    state.presence.disconnected(state.session.id).catch((err: unknown) => this.storeFailed(state.session.id, err));
  }

  /** Read through a method, so that a check after an `await` sees what changed meanwhile. */
  private current(): ConnectionState {
    return this.state;
  }

  /**
   * Assembles a frame into the message it completes, if any, and has the session handle that. Never throws nor
   * rejects: what fails is logged, answered or closes the connection.
   */
  private handleFrame(frame: Frame): void | Promise<void> {
    // A huge content frame is read in time slices first (the connection's later frames wait).
    const slicing = this.receiver.parseInSlices(frame);
    return slicing === undefined ? this.assemble(frame) : slicing.then((parsed) => this.assemble(frame, parsed));
  }

  private assemble(frame: Frame, parsed?: ParsedContent): void | Promise<void> {
    const state = this.state;
    if (state.kind !== "open") return;
    let message: Message | undefined;
    try {
      message = this.receiver.push(frame, parsed);
    } catch (error) {
      this.onFramingError(error);
      return;
    }
    if (this.observer !== undefined) this.incomingBytes += frameBytes(frame);
    if (message === undefined) return;
    this.observer?.messageReceived?.(message.header.msgtype, this.incomingBytes);
    this.incomingBytes = 0;
    return state.session
      .handle(this, message)
      .catch((err: unknown) => this.logger.error({ err, sessionId: state.session.id }, "request handling failed"));
  }

  /** Recoverable errors concern one message, answered with ERROR; anything else means the stream is lost. */
  private onFramingError(error: unknown): void {
    if (!(error instanceof ProtocolError)) {
      this.logger.error({ err: error }, "frame handling failed");
      this.close(INTERNAL_ERROR, "internal error");
      return;
    }
    if (!error.fatal) {
      this.send(errorReply(error.reqid ?? "", error.message));
      return;
    }
    this.logger.info({ code: error.code }, `closing connection: ${error.message}`);
    this.close(error.closeCode ?? PROTOCOL_ERROR, error.closeReason ?? "protocol error");
  }

  /** The client stayed behind past a limit: what it was not sent is dropped, and it is told why. */
  private tooSlow(reason: string): void {
    this.logger.info({ connectionId: this.id }, `closing connection: ${reason}`);
    this.transport.close(TRY_AGAIN_LATER, reason);
  }

  private storeFailed(sessionId: string, err: unknown): void {
    this.logger.error({ err, sessionId }, "session store update failed");
  }
}
