import type { Frame } from "@fastify-bokeh/protocol";

/** The size of a frame on the wire: UTF-8 bytes of a text frame, the length of a binary one. */
export const frameBytes = (frame: Frame): number =>
  typeof frame === "string" ? Buffer.byteLength(frame, "utf8") : frame.byteLength;
