import { CLIENT_ACCEPTS, type Frame, type Message, Receiver } from "@fastify-bokeh/protocol";
import type { ConnectionTransport } from "../connection/connection-transport.js";

/** How a {@link MemoryTransport} was closed. */
export interface TransportClose {
  readonly code: number;
  readonly reason: string;
}

/**
 * A transport that keeps what it is sent, reassembled into messages as a client would read them, and records its
 * closing; once closed it drops what it is sent, like a closed websocket. For tests of sessions and connections.
 */
export class MemoryTransport implements ConnectionTransport {
  /** Every frame sent while open, in order. */
  readonly frames: Frame[] = [];
  /** Every message sent while open, in order. */
  readonly messages: Message[] = [];
  private readonly receiver = new Receiver({ accept: CLIENT_ACCEPTS });
  private closing: TransportClose | undefined;
  /** What {@link bufferedBytes} reports: set it to play a client that stopped reading. */
  buffered = 0;

  /** How the transport was closed, if it was. */
  get closed(): TransportClose | undefined {
    return this.closing;
  }

  send(frames: readonly Frame[]): void {
    if (this.closing !== undefined) return;
    for (const frame of frames) {
      this.frames.push(frame);
      const message = this.receiver.push(frame);
      if (message !== undefined) this.messages.push(message);
    }
  }

  close(code: number, reason: string): void {
    this.closing ??= { code, reason };
  }

  bufferedBytes(): number {
    return this.buffered;
  }

  /** The messages received since the last call. */
  take(): Message[] {
    return this.messages.splice(0);
  }
}
