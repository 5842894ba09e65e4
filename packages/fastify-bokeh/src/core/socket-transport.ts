import type { Frame } from "@fastify-bokeh/protocol";
import type { ConnectionTransport } from "@fastify-bokeh/session-store";
import type { WebSocket } from "ws";

/** What the transport needs of the TCP socket under a websocket: batching writes. */
interface CorkableSocket {
  cork(): void;
  uncork(): void;
}

/**
 * Bytes written in one go past which a send goes out at once rather than waiting for the rest of the tick: the
 * connection's back-pressure reads what is buffered right after a send, and a big message corked for the rest of
 * the tick would read as a client that has fallen behind.
 */
const FLUSH_AT_BYTES = 64 * 1024;

/**
 * A session connection's transport over an accepted websocket; frames sent after it closed are dropped. What is
 * sent in one tick (a patch and the OK that follows it, say) leaves in one write, not a system call per message.
 */
export class SocketTransport implements ConnectionTransport {
  private corked = false;
  private readonly flush = (): void => {
    if (!this.corked) return;
    this.corked = false;
    this.raw.uncork();
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly raw: CorkableSocket,
  ) {}

  send(frames: readonly Frame[]): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (!this.corked) {
      this.corked = true;
      this.raw.cork();
      process.nextTick(this.flush);
    }
    for (const frame of frames) this.socket.send(frame, { binary: typeof frame !== "string" });
    if (this.socket.bufferedAmount >= FLUSH_AT_BYTES) this.flush();
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** What ws has not yet written: its own queue plus the TCP socket's write buffer. */
  bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }
}
