import type { Socket } from "node:net";
import { CLIENT_ACCEPTS, encode, type Frame, isMessageOf, type Message, Receiver } from "@fastify-bokeh/protocol";
import WebSocket, { type RawData } from "ws";
import { ValidationError } from "./bench-error.js";

/** Big enough for the 1M-point document (two 8 MB buffers), like the 20 MiB per-fragment limit of the servers. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
const OPEN_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5_000;
const MAX_BACKLOG = 10_000;

type PatchListener = (message: Message<"PATCH-DOC">) => void;

interface Pending {
  resolve: (message: Message) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function frameOf(data: RawData, isBinary: boolean): string | Uint8Array {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  return isBinary ? buffer : buffer.toString("utf8");
}

/**
 * A Bokeh protocol client over one websocket: resolves `open` after the ACK, matches replies to requests by
 * reqid, hands unsolicited PATCH-DOC messages to a listener. Every incoming frame goes through the protocol
 * package's strict Receiver, so a malformed reply fails the connection (and the run).
 */
export class BokehConnection {
  private readonly receiver = new Receiver({
    accept: CLIENT_ACCEPTS,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    maxFrameBytes: MAX_MESSAGE_BYTES,
  });
  private readonly pending = new Map<string, Pending>();
  private socket: Socket | undefined;
  private acked = false;
  private failure: Error | undefined;
  private patchListener: PatchListener | undefined;
  /** PATCH-DOCs that arrived after the pull but before a listener was attached (see `onPatch`). */
  private backlog: Message<"PATCH-DOC">[] = [];
  private pulled = false;
  private closing = false;
  private readonly closed: Promise<void>;
  /** The close frame's code and reason, once the websocket has closed. */
  closedWith: { code: number; reason: string } | undefined;

  private constructor(
    private readonly ws: WebSocket,
    private readonly onAck: (error?: Error) => void,
  ) {
    ws.on("upgrade", (response) => {
      this.socket = response.socket;
    });
    ws.on("message", (data, isBinary) => this.receive(frameOf(data, isBinary)));
    ws.on("error", (error) => this.fail(error));
    this.closed = new Promise((resolve) => {
      ws.once("close", (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        this.fail(new Error(`websocket closed (${code} ${reason.toString()})`));
        resolve();
      });
    });
  }

  /** Connects with subprotocols ["bokeh", token] (as BokehJS does) and waits for the ACK. */
  static open(url: string, token: string, origin: string): Promise<BokehConnection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, ["bokeh", token], {
        origin,
        perMessageDeflate: false,
        maxPayload: MAX_MESSAGE_BYTES,
        handshakeTimeout: OPEN_TIMEOUT_MS,
      });
      const timer = setTimeout(
        () => connection.fail(new Error(`no ACK within ${OPEN_TIMEOUT_MS} ms`)),
        OPEN_TIMEOUT_MS,
      );
      const connection: BokehConnection = new BokehConnection(ws, (error) => {
        clearTimeout(timer);
        if (error === undefined) resolve(connection);
        else reject(error);
      });
    });
  }

  /** Bytes read from the TCP socket so far (HTTP upgrade response and websocket framing included). */
  get bytesRead(): number {
    return this.socket?.bytesRead ?? 0;
  }

  /**
   * Receives every unsolicited PATCH-DOC from now on. Like BokehJS, patches that arrive before the PULL-DOC-REPLY
   * are dropped (the pulled document already contains them); those that arrive after it but before a listener is
   * attached (several websocket messages can be dispatched before the pull's promise continuation runs) are kept
   * and handed to the first listener, so that none is lost.
   */
  onPatch(listener: PatchListener | undefined): void {
    this.patchListener = listener;
    if (listener === undefined) return;
    const backlog = this.backlog;
    this.backlog = [];
    for (const message of backlog) listener(message);
  }

  /** Bytes of frames handed to the websocket that it has not yet written to the socket. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Stops reading from the socket (a client that stops reading: the server's sends pile up). */
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  /**
   * Sends a request and resolves with its reply (matched by reqid); an ERROR reply rejects. `frames` may be
   * encoded beforehand, so that encoding a huge message does not fall into a measured window.
   */
  request(message: Message, timeoutMs = 30_000, frames: readonly Frame[] = encode(message)): Promise<Message> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const { msgid, msgtype } = message.header;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no reply to ${msgtype} within ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(msgid, { resolve, reject, timer });
      // One write for the message's frames, as the server does: a system call (and a read on the server) per frame
      // would be load-generator overhead in every round trip measured.
      this.socket?.cork();
      for (const frame of frames) this.ws.send(frame, { binary: typeof frame !== "string" });
      this.socket?.uncork();
    });
  }

  /** Closes with 1000 and waits for the close handshake (bounded; then the socket is dropped). */
  async close(): Promise<void> {
    this.closing = true;
    this.patchListener = undefined;
    this.backlog = [];
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000);
    const timer = setTimeout(() => this.ws.terminate(), CLOSE_TIMEOUT_MS);
    await this.closed;
    clearTimeout(timer);
  }

  private receive(frame: string | Uint8Array): void {
    if (this.failure !== undefined) return;
    let message: Message | undefined;
    try {
      message = this.receiver.push(frame);
    } catch (error) {
      this.fail(new ValidationError(`invalid message from the server: ${(error as Error).message}`));
      return;
    }
    if (message !== undefined) this.dispatch(message);
  }

  private dispatch(message: Message): void {
    const { msgtype, reqid } = message.header;
    if (!this.acked) this.first(msgtype);
    else if (reqid !== undefined) this.answer(message, reqid);
    else if (isMessageOf(message, "PATCH-DOC")) this.patch(message);
    else this.fail(new ValidationError(`unexpected unsolicited ${msgtype}`));
  }

  /** The server's first message must be the ACK. */
  private first(msgtype: string): void {
    if (msgtype !== "ACK") {
      this.fail(new ValidationError(`first message was ${msgtype}, not ACK`));
      return;
    }
    this.acked = true;
    this.onAck();
  }

  /** A reply settles the request it names. */
  private answer(message: Message, reqid: string): void {
    const pending = this.pending.get(reqid);
    if (pending === undefined) {
      this.fail(new ValidationError(`${message.header.msgtype} answers unknown request ${reqid}`));
      return;
    }
    this.pending.delete(reqid);
    clearTimeout(pending.timer);
    if (isMessageOf(message, "PULL-DOC-REPLY")) this.pulled = true;
    if (isMessageOf(message, "ERROR"))
      pending.reject(new ValidationError(`server answered ERROR: ${message.content.text}`));
    else pending.resolve(message);
  }

  /** An unsolicited PATCH-DOC goes to the listener, or waits in the backlog once the document was pulled. */
  private patch(message: Message<"PATCH-DOC">): void {
    if (this.patchListener !== undefined) this.patchListener(message);
    else if (this.pulled && !this.closing) {
      if (this.backlog.length >= MAX_BACKLOG) {
        this.fail(new Error(`more than ${MAX_BACKLOG} PATCH-DOCs nobody listens to`));
        return;
      }
      this.backlog.push(message);
    }
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    if (!this.acked) this.onAck(error);
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}
