/**
 * A client connection in the primary before a worker takes it: its bytes are collected until the request head is
 * complete (the route needs it), and while it waits for its worker, so that none is lost in the hand-over.
 */
import type { Socket } from "node:net";
import { headLength, parseRequestHead, type RequestHead } from "./request-head.js";

/** Largest request head read before routing (Node's HTTP parser accepts 16 KiB by default). */
const MAX_HEAD_BYTES = 64 * 1024;
/** Bytes held for a connection that waits for its worker; a client that sends more is cut off. */
const MAX_HELD_BYTES = 1024 * 1024;
/** How long a connection may take to send its head, or wait for a worker. */
const WAIT_LIMIT_MS = 30_000;

/**
 * Stops the socket's handle from reading. Node keeps the primary's copy of a handed-over socket open, reading into
 * nothing, until the worker acknowledges the hand-over; bytes the client sends in that window would be lost. A
 * net.Socket has no public way to stop reads (its `pause()` only stops the events), so this calls its handle's
 * `readStop()` as Node's own `pause()` does for sockets with an `onread` buffer.
 */
function stopReading(socket: Socket): void {
  const handle: unknown = Reflect.get(socket, "_handle");
  const readStop: unknown = typeof handle === "object" && handle !== null ? Reflect.get(handle, "readStop") : undefined;
  if (typeof readStop === "function") readStop.call(handle);
}

type HeadListener = (connection: PendingConnection, head: RequestHead) => void;

export class PendingConnection {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private routed = false;
  private readonly onData = (chunk: Buffer): void => this.received(chunk);

  constructor(
    readonly socket: Socket,
    private readonly onHead: HeadListener,
  ) {
    socket.on("data", this.onData);
    socket.on("error", () => socket.destroy());
    socket.setTimeout(WAIT_LIMIT_MS, () => socket.destroy());
  }

  /** Stops reading and gives every byte read so far, for the worker to parse first. */
  release(): Buffer {
    this.socket.pause();
    stopReading(this.socket);
    this.socket.removeListener("data", this.onData);
    for (let chunk: unknown = this.socket.read(); chunk instanceof Buffer; chunk = this.socket.read())
      this.chunks.push(chunk);
    return Buffer.concat(this.chunks);
  }

  /** Answers the client in the primary and closes (bad requests, no worker available). */
  refuse(status: string): void {
    this.socket.removeListener("data", this.onData);
    this.socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  private received(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.routed) {
      if (this.bytes > MAX_HELD_BYTES) this.socket.destroy();
      return;
    }
    const all = Buffer.concat(this.chunks);
    const length = headLength(all);
    if (length === -1) {
      if (this.bytes > MAX_HEAD_BYTES) this.refuse("431 Request Header Fields Too Large");
      return;
    }
    const head = parseRequestHead(all.subarray(0, length));
    if (head === undefined) {
      this.refuse("400 Bad Request");
      return;
    }
    this.routed = true;
    this.onHead(this, head);
  }
}
