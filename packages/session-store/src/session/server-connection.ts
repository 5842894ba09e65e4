import type { Message } from "@fastify-bokeh/protocol";

/** How a session reaches one client: the plugin wraps a websocket in it. */
export interface ConnectionTransport {
  send(message: Message): void;
  close(code: number, reason: string): void;
}

let counter = 0;

/** One client connection of a session: its transport and the model ids that client has been sent. */
export class ServerConnection {
  readonly id = `c${++counter}`;
  /** Model ids the client knows: everything in its last pull plus what was sent to or received from it since. */
  readonly known = new Set<string>();
  /** Patches go only to connections that have pulled the document (they get everything at the pull). */
  pulled = false;

  constructor(private readonly transport: ConnectionTransport) {}

  send(message: Message): void {
    this.transport.send(message);
  }

  close(code: number, reason: string): void {
    this.transport.close(code, reason);
  }
}
