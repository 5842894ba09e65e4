import type { HasProps } from "@fastify-bokeh/document";
import type { Message } from "@fastify-bokeh/protocol";

/** How a session reaches one client: the plugin wraps a websocket in it. */
export interface ConnectionTransport {
  send(message: Message): void;
  close(code: number, reason: string): void;
}

let counter = 0;

/** One client connection of a session: its transport and the models that client has been sent. */
export class ServerConnection {
  readonly id = `c${++counter}`;
  /**
   * Models the client has: everything in its last pull plus what was sent to or received from it since, less
   * what left the document. Kept by identity, so a new model reusing an old id is sent in full.
   */
  readonly known = new Set<HasProps>();
  /** Patches go only to connections that have the document (pulled or pushed it); they get everything there. */
  pulled = false;

  constructor(private readonly transport: ConnectionTransport) {}

  send(message: Message): void {
    this.transport.send(message);
  }

  close(code: number, reason: string): void {
    this.transport.close(code, reason);
  }
}
