import type { Frame } from "@fastify-bokeh/protocol";

/**
 * How a connection reaches its client: a websocket in the Fastify plugin, anything that carries text and binary
 * frames elsewhere (a relay, a test). Frames travel in the order given; a closed transport drops what it is sent.
 */
export interface ConnectionTransport {
  /** Sends the frames of one message (strings as text frames, bytes as binary frames), in order. */
  send(frames: readonly Frame[]): void;
  /** Closes the connection with a websocket close code and reason. */
  close(code: number, reason: string): void;
  /**
   * Bytes accepted by `send` but not yet handed to the network (a websocket's `bufferedAmount`): what grows when
   * the client stops reading. A transport that never buffers returns 0.
   */
  bufferedBytes(): number;
}
