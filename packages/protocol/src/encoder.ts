import type { Frame } from "./frame.js";
import { stringifyJsonInSlices } from "./json/sliced-stringify.js";
import { stringifyJson } from "./json/wire-number.js";
import type { Header, Message } from "./message.js";
import { EMPTY } from "./messages/empty.js";
import { isMsgType } from "./msgtype.js";

const EMPTY_JSON = "{}";

/** Strings that JSON-encode as themselves between quotes (our ids, Python's, BokehJS's). */
const PLAIN = /^[\w.:-]*$/;

function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * JSON of a header. Headers are the one frame every message has, so the usual shape (the four known
 * keys, no extras) is written by hand, about 3× faster than JSON.stringify; anything else is stringified.
 */
function headerJson(header: Header): string {
  const { msgid, msgtype, reqid, num_buffers } = header;
  const usual =
    Object.keys(header).length === 2 + (reqid === undefined ? 0 : 1) + (num_buffers === undefined ? 0 : 1) &&
    typeof msgid === "string" &&
    isMsgType(msgtype) &&
    (reqid === undefined || typeof reqid === "string") &&
    (num_buffers === undefined || Number.isSafeInteger(num_buffers));
  if (!usual) return JSON.stringify(header);
  let json = `{"msgid":${jsonString(msgid)},"msgtype":"${msgtype}"`;
  if (reqid !== undefined) json += `,"reqid":${jsonString(reqid)}`;
  if (num_buffers !== undefined) json += `,"num_buffers":${num_buffers}`;
  return `${json}}`;
}

function json(value: unknown): string {
  return value === EMPTY ? EMPTY_JSON : stringifyJson(value);
}

/** A Uint8Array over the same memory as `view` (never a copy). */
function bytesOf(view: ArrayBufferView): Uint8Array {
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * The frames of one message: header, metadata and content as compact JSON text, then per buffer a
 * `{"id":…}` text frame and a binary frame sharing memory with the given view (zero copy).
 * Throws a RangeError when `header.num_buffers` disagrees with the buffers (a programming error: the peer
 * would lose sync).
 */
export function encode(message: Message): Frame[] {
  return framesOf(message, json(message.content));
}

/**
 * {@link encode} with the content written in time slices: a very large message (a PATCH-DOC relaying 100,000 new
 * models) does not hold up the event loop while its JSON is made. The message must not change until it resolves.
 */
export async function encodeInSlices(message: Message): Promise<Frame[]> {
  const content = message.content === EMPTY ? EMPTY_JSON : await stringifyJsonInSlices(message.content);
  return framesOf(message, content);
}

function framesOf(message: Message, content: string): Frame[] {
  const { header, metadata, buffers } = message;
  if ((header.num_buffers ?? 0) !== buffers.size) {
    throw new RangeError(
      `header.num_buffers is ${String(header.num_buffers)} but the message has ${buffers.size} buffers`,
    );
  }
  const frames: Frame[] = [headerJson(header), json(metadata), content];
  for (const [id, view] of buffers) {
    frames.push(`{"id":${jsonString(id)}}`, bytesOf(view));
  }
  return frames;
}
