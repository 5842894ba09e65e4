import type { WebSocket } from "ws";

/** What a websocket message is handed to: its data and whether it was binary. */
export type MessageConsumer = (data: Buffer, isBinary: boolean) => void;

/**
 * Holds a client's websocket messages until it is known where they go (a local session, or a relay to the node
 * that owns it), then passes them on in order.
 */
export class SocketInbox {
  #pending: [Buffer, boolean][] = [];
  #consumer: MessageConsumer | undefined;

  constructor(socket: WebSocket) {
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (this.#consumer !== undefined) this.#consumer(data, isBinary);
      else this.#pending.push([data, isBinary]);
    });
  }

  /** From now on messages go to `consumer`, starting with those held so far. */
  attach(consumer: MessageConsumer): void {
    this.#consumer = consumer;
    for (const [data, isBinary] of this.#pending.splice(0)) consumer(data, isBinary);
  }
}
