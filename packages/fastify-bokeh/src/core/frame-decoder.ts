import { StringDecoder } from "node:string_decoder";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Frame } from "@fastify-bokeh/protocol";

/** Text messages longer than this are decoded in slices of this many bytes, one per event-loop turn. */
export const DECODE_SLICE_BYTES = 512 * 1024;

/** A websocket message (ws hands them over as Buffers) as a protocol frame: text as a string, binary as bytes. */
function frameOf(data: Buffer, isBinary: boolean): Frame {
  return isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString("utf8");
}

/** UTF-8 text decoded a slice per event-loop turn (a character split between slices is kept whole). */
async function decodeInSlices(data: Buffer): Promise<string> {
  const decoder = new StringDecoder("utf8");
  let text = "";
  for (let start = 0; start < data.length; start += DECODE_SLICE_BYTES) {
    if (start > 0) await nextTurn();
    text += decoder.write(data.subarray(start, start + DECODE_SLICE_BYTES));
  }
  return text + decoder.end();
}

/**
 * Turns one socket's websocket messages into protocol frames, in order. Decoding a text message of several MiB in
 * one go holds the event loop, and with it every session of the process, for 8–20 ms (measured on a 9 MiB
 * PATCH-DOC); such a message is decoded in slices instead, and the messages after it wait for it.
 */
export class FrameDecoder {
  readonly #deliver: (frame: Frame) => void;
  readonly #queue: [Buffer, boolean][] = [];
  #draining = false;

  constructor(deliver: (frame: Frame) => void) {
    this.#deliver = deliver;
  }

  push(data: Buffer, isBinary: boolean): void {
    if (!this.#draining && (isBinary || data.length <= DECODE_SLICE_BYTES)) {
      this.#deliver(frameOf(data, isBinary));
      return;
    }
    this.#queue.push([data, isBinary]);
    if (!this.#draining) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        const [data, isBinary] = next;
        const sliced = !isBinary && data.length > DECODE_SLICE_BYTES;
        this.#deliver(sliced ? await decodeInSlices(data) : frameOf(data, isBinary));
      }
    } finally {
      this.#draining = false;
    }
  }
}
