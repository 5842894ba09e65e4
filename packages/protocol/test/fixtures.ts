// Test fixtures: the transcripts recorded from bokeh serve 3.9.2, in the repository's reference/recordings.
import { Buffer } from "node:buffer";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Frame } from "../src/index.js";

const TRANSCRIPTS_DIR = fileURLToPath(new URL("../../../reference/recordings/", import.meta.url));

export type Direction = "c2s" | "s2c";

interface RecordedFrame {
  seq: number;
  dir: Direction;
  frame: Frame;
}

/** The websocket frames of one connection, in recorded order. */
export interface Connection {
  file: string;
  frames: RecordedFrame[];
}

interface Event {
  seq: number;
  dir: string;
  kind: string;
  text?: string;
  base64?: string;
}

// Events that end one websocket connection or start another.
const BOUNDARIES = new Set(["http-request", "http-response", "close", "eof"]);

export function transcriptFiles(): string[] {
  return readdirSync(TRANSCRIPTS_DIR)
    .filter((name) => name.endsWith(".jsonl"))
    .sort();
}

/** Binary frames become Node Buffers, as the `ws` library delivers them. */
export function loadConnections(file: string): Connection[] {
  const connections: Connection[] = [];
  let current: RecordedFrame[] = [];
  const lines = readFileSync(TRANSCRIPTS_DIR + file, "utf8").split("\n");
  for (const line of lines) {
    if (line.trim() === "") continue;
    const event = JSON.parse(line) as Event;
    if (BOUNDARIES.has(event.kind)) {
      if (current.length > 0) connections.push({ file, frames: current });
      current = [];
    } else if (event.kind === "text" || event.kind === "binary") {
      const frame = event.kind === "text" ? event.text! : Buffer.from(event.base64!, "base64");
      current.push({ seq: event.seq, dir: event.dir as Direction, frame });
    }
  }
  if (current.length > 0) connections.push({ file, frames: current });
  return connections;
}

/**
 * Splits one direction's frames into messages by reading each header's num_buffers (independently of
 * the code under test); frames that do not start with a parsable header are returned one per group.
 */
export function splitMessages(frames: Frame[]): Frame[][] {
  const groups: Frame[][] = [];
  let i = 0;
  while (i < frames.length) {
    let count = 1;
    const first = frames[i];
    if (typeof first === "string") {
      try {
        const header = JSON.parse(first) as { num_buffers?: number; msgtype?: string };
        if (typeof header.msgtype === "string") count = 3 + 2 * (header.num_buffers ?? 0);
      } catch {
        count = 1;
      }
    }
    groups.push(frames.slice(i, i + count));
    i += count;
  }
  return groups;
}

interface SerializerExample {
  example: string;
  header: Record<string, unknown>;
  content: unknown;
  buffers: { id: string; hex: string }[];
}

/** bokeh's own PATCH-DOC serializations (serializer-examples.json) as server → client frame sequences. */
export function serializerExamples(): { name: string; frames: Frame[] }[] {
  const examples = JSON.parse(
    readFileSync(`${TRANSCRIPTS_DIR}serializer-examples.json`, "utf8"),
  ) as SerializerExample[];
  return examples.map((example) => {
    const frames: Frame[] = [JSON.stringify(example.header), "{}", JSON.stringify(example.content)];
    for (const buffer of example.buffers) {
      frames.push(JSON.stringify({ id: buffer.id }), Buffer.from(buffer.hex, "hex"));
    }
    return { name: example.example, frames };
  });
}

/** Byte-wise equality of two views. */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Runs `fn` and returns what it threw (undefined if nothing). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Frames of a hand-made message: header object, `{}` metadata, content, then (id, bytes) buffer pairs. */
export function messageFrames(
  header: Record<string, unknown>,
  content: unknown = {},
  buffers: [string, Uint8Array][] = [],
): Frame[] {
  const frames: Frame[] = [JSON.stringify(header), "{}", JSON.stringify(content)];
  for (const [id, bytes] of buffers) frames.push(JSON.stringify({ id }), bytes);
  return frames;
}

/** Pushes frames in order; returns the messages completed. */
export function pushAll(receiver: { push(frame: Frame): unknown }, frames: Frame[]): unknown[] {
  return frames.map((frame) => receiver.push(frame)).filter((result) => result !== undefined);
}
