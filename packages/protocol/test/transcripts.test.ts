// Every message recorded from bokeh serve, BokehJS and bokeh.client decodes, validates and re-encodes
// to equivalent frames; the deliberately malformed ones fail with the expected ProtocolError.
import t, { type Test } from "tap";
import { CLIENT_ACCEPTS, encode, type Frame, type Message, ProtocolError, Receiver } from "../src/index.js";
import {
  type Direction,
  loadConnections,
  sameBytes,
  serializerExamples,
  splitMessages,
  transcriptFiles,
} from "./fixtures.js";

/** Errors each transcript provokes (a failed receiver rethrows its error for every later frame). */
const EXPECTED_ERRORS: Record<string, string[]> = {
  "07a-error-invalid-json-content.jsonl": ["c2s CONTENT_NOT_JSON recoverable"],
  "07b-error-invalid-json-header.jsonl": Array(3).fill("c2s HEADER_NOT_JSON 1007"),
  "08-error-unknown-msgtype.jsonl": Array(3).fill("c2s UNKNOWN_MSGTYPE 1002"),
  "08b-error-msgtype-not-expected-on-server.jsonl": Array(3).fill("c2s UNEXPECTED_MSGTYPE 1002"),
  "10-error-binary-instead-of-text.jsonl": ["c2s EXPECTED_TEXT 1003"],
  "11-error-missing-buffer.jsonl": Array(3).fill("c2s MISSING_BUFFER 1002"),
  "25-error-request-level.jsonl": ["c2s INVALID_CONTENT recoverable"], // the unknown event kind "Frobnicated"
};

function newReceivers(): Record<Direction, Receiver> {
  return { c2s: new Receiver(), s2c: new Receiver({ accept: CLIENT_ACCEPTS }) };
}

/** Asserts that `message` re-encodes to frames equivalent to `original` and decodes again to the same. */
function checkRoundTrip(t: Test, message: Message, original: Frame[], direction: Direction): void {
  const encoded = encode(message);
  t.equal(encoded.length, original.length, "same number of frames");
  for (let i = 0; i < original.length; i += 1) {
    const a = original[i]!;
    const b = encoded[i]!;
    if (typeof a === "string") {
      t.type(b, "string", `frame ${i} is text`);
      t.same(JSON.parse(b as string), JSON.parse(a), `frame ${i} parses to the same JSON`);
    } else {
      t.ok(b instanceof Uint8Array && sameBytes(a, b), `frame ${i} has the same bytes`);
      t.equal(b, a, `frame ${i} is the received buffer itself (no copy on decode or encode)`);
    }
  }
  for (let i = 3; i < encoded.length; i += 2) {
    t.match(encoded[i], /^\{"id":"[^"]*"\}$/, 'buffer header is exactly {"id":…}');
  }
  const again = new Receiver({ accept: direction === "c2s" ? undefined : CLIENT_ACCEPTS });
  let decoded: Message | undefined;
  for (const frame of encoded) decoded = again.push(frame);
  t.same(decoded, message, "re-encoded frames decode to the same message");
}

let totalMessages = 0;
let recordedHeaders = 0;

/** Recorded headers (text frames that are JSON objects with a msgtype) that may not produce a message. */
const FAILING_HEADERS = 6; // 07a, 08, 08b, 11 (two: the announced buffer never came), 25 (Frobnicated)

function isHeaderLike(frame: Frame): boolean {
  if (typeof frame !== "string") return false;
  try {
    const value: unknown = JSON.parse(frame);
    return typeof value === "object" && value !== null && "msgtype" in value;
  } catch {
    return false;
  }
}

for (const file of transcriptFiles()) {
  t.test(file, (t) => {
    const outcomes: string[] = [];
    for (const connection of loadConnections(file)) {
      const receivers = newReceivers();
      const pending: Record<Direction, Frame[]> = { c2s: [], s2c: [] };
      for (const { dir, frame } of connection.frames) {
        if (isHeaderLike(frame)) recordedHeaders += 1;
        pending[dir].push(frame);
        let message: Message | undefined;
        try {
          message = receivers[dir].push(frame);
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error;
          outcomes.push(`${dir} ${error.code} ${error.fatal ? error.closeCode : "recoverable"}`);
          pending[dir] = [];
          continue;
        }
        if (message === undefined) continue;
        totalMessages += 1;
        t.same(splitMessages(pending[dir]), [pending[dir]], "the message ends where its header said");
        checkRoundTrip(t, message, pending[dir], dir);
        pending[dir] = [];
      }
      for (const dir of ["c2s", "s2c"] as const) {
        if (receivers[dir].failure === undefined) {
          t.equal(receivers[dir].expecting, "header", `${dir}: no partial message left over`);
        }
      }
    }
    t.same(outcomes, EXPECTED_ERRORS[file] ?? [], "protocol errors");
    t.end();
  });
}

t.test("bokeh's serializer examples (server → client PATCH-DOCs)", (t) => {
  const examples = serializerExamples();
  t.ok(examples.length >= 15, "examples loaded");
  for (const { name, frames } of examples) {
    const receiver = new Receiver({ accept: CLIENT_ACCEPTS });
    const results = frames.map((frame) => receiver.push(frame));
    const message = results.at(-1);
    t.ok(message !== undefined && results.slice(0, -1).every((r) => r === undefined), `${name}: one message`);
    if (message !== undefined) checkRoundTrip(t, message, frames, "s2c");
  }
  t.end();
});

t.test("the transcripts are all there", (t) => {
  t.ok(transcriptFiles().length >= 30, "transcript files found");
  t.ok(recordedHeaders > 150, `${recordedHeaders} recorded headers`);
  t.equal(totalMessages, recordedHeaders - FAILING_HEADERS, "every other recorded message decoded");
  t.end();
});
