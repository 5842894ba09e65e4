import type { Frame } from "@fastify-bokeh/protocol";
import type { ConnectionTransport } from "@fastify-bokeh/session-store";
import type { WebSocket } from "ws";

/** What the transport needs of the TCP socket under a websocket: batching writes. */
interface CorkableSocket {
  cork(): void;
  uncork(): void;
}

/** A session connection's transport over an accepted websocket; frames sent after it closed are dropped. */
export class SocketTransport implements ConnectionTransport {
  constructor(
    private readonly socket: WebSocket,
    private readonly raw: CorkableSocket,
  ) {}

  send(frames: readonly Frame[]): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // One write for all the frames of a message, rather than a system call per frame.
    this.raw.cork();
    try {
      for (const frame of frames) this.socket.send(frame, { binary: typeof frame !== "string" });
    } finally {
      this.raw.uncork();
    }
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** What ws has not yet written: its own queue plus the TCP socket's write buffer. */
  bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }
}
