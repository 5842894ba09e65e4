import { ProtocolError, type ProtocolErrorCode } from "./errors.js";
import type { Frame } from "./frame.js";
import { parseJson } from "./json/parse.js";
import { parseJsonInSlices } from "./json/sliced-json.js";
import { type Limits, resolveLimits } from "./limits.js";
import type { Header, Message } from "./message.js";
import { EMPTY } from "./messages/empty.js";
import { isMsgType, type MsgType, SERVER_ACCEPTS } from "./msgtype.js";
import { describeHeaderError, isHeader, validateContent } from "./schemas/validate.js";
import { utf8Length } from "./utf8.js";

export interface ReceiverOptions extends Partial<Limits> {
  /**
   * Message types this side accepts; any other known type is fatal (UNEXPECTED_MSGTYPE).
   * Default SERVER_ACCEPTS (a server reading from clients); pass CLIENT_ACCEPTS for a client.
   */
  accept?: Iterable<MsgType>;
}

/** The frame the receiver expects next; "failed" after a fatal error, until `reset()`. */
export type ReceiverState = "header" | "metadata" | "content" | "buffer-header" | "buffer-payload" | "failed";

type FrameState = Exclude<ReceiverState, "failed">;

const FRAME_NAMES: Record<FrameState, string> = {
  header: "header",
  metadata: "metadata",
  content: "content",
  "buffer-header": "buffer header",
  "buffer-payload": "buffer payload",
};

type JsonObject = Record<string, unknown>;

/** A content frame's JSON read beforehand (see {@link Receiver.parseInSlices}), or why it could not be read. */
export type ParsedContent =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/**
 * Content frames at least this long (UTF-16 units) are read in time slices by {@link Receiver.parseInSlices}:
 * JSON.parse takes ~1 ms per 100 KB, so a shorter one costs no more than a slice.
 */
const SLICED_PARSE_CHARS = 256 * 1024;

function parsedValue(parsed: ParsedContent): unknown {
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/**
 * JSON.parse, except that the ubiquitous `{}` (metadata, most contents) becomes the shared frozen EMPTY, and that
 * whole-number floats are recorded (see parseJson).
 */
function parse(text: string): unknown {
  return text === "{}" ? EMPTY : parseJson(text);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Exactly `{"id": <string>}`, as bokeh serve requires. */
function isBufferHeader(value: unknown): value is { id: string } {
  return isObject(value) && typeof value.id === "string" && Object.keys(value).length === 1;
}

/** Why JSON.parse failed (V8 names the position and quotes a bit of the input). */
function parseError(error: unknown): string {
  return error instanceof Error ? error.message : "parse failed";
}

/** Client-supplied text quoted into an error message, kept short. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Assembles messages from frames: header → metadata → content → (buffer header → binary payload)*.
 * `push` returns the message its last frame completes, otherwise undefined, and throws nothing but
 * ProtocolError. It holds at most one partial message; binary payloads are handed on as the very
 * Uint8Arrays pushed (no copy).
 *
 * Recoverable errors (error.fatal false: unparsable metadata/content, content failing its schema, a
 * duplicate buffer id) are thrown once the offending message's last frame has been consumed, so the
 * receiver is at the next header and the connection can answer ERROR in request order. Invalid JSON
 * in the content is recoverable on purpose: the header was valid, so num_buffers says where the message
 * ends and the stream is still in sync (bokeh serve closes the socket instead; either is allowed).
 *
 * Fatal errors are thrown at the frame that reveals them; the partial message is dropped and every
 * later `push` rethrows the same error until `reset()` (the socket is being closed anyway).
 */
export class Receiver {
  readonly limits: Readonly<Limits>;
  private readonly accepted: ReadonlySet<MsgType>;

  private state: FrameState = "header";
  private failed: ProtocolError | undefined = undefined;
  // The partial message.
  private bytes = 0;
  private header: Header | undefined = undefined;
  private metadata: unknown = undefined;
  private content: unknown = undefined;
  private buffers = new Map<string, Uint8Array>();
  private bufferId = "";
  private remaining = 0;
  /** A recoverable error, thrown when the message's last frame arrives. */
  private deferred: ProtocolError | undefined = undefined;

  /** Throws a RangeError for invalid options (a programming error). */
  constructor(options: ReceiverOptions = {}) {
    const { accept = SERVER_ACCEPTS, ...limits } = options;
    this.limits = resolveLimits(limits);
    const accepted = new Set<MsgType>();
    for (const msgtype of accept) {
      if (!isMsgType(msgtype)) throw new RangeError(`unknown msgtype in accept: ${String(msgtype)}`);
      accepted.add(msgtype);
    }
    this.accepted = accepted;
  }

  /** What the next frame must be. */
  get expecting(): ReceiverState {
    return this.failed === undefined ? this.state : "failed";
  }

  /** Bytes of the partial message counted so far (0 between messages); never above limits.maxMessageBytes. */
  get bufferedBytes(): number {
    return this.bytes;
  }

  /** The fatal error that stopped this receiver, if any. */
  get failure(): ProtocolError | undefined {
    return this.failed;
  }

  /** Drops any partial message and a fatal failure: the next frame must be a header. */
  reset(): void {
    this.failed = undefined;
    this.clear();
  }

  /**
   * When `frame` is a large content frame (a PATCH-DOC adding 100,000 models), its JSON read in time slices, to be
   * handed to {@link push} with it so that reading it does not hold the event loop; undefined for any other frame.
   */
  parseInSlices(frame: Frame): Promise<ParsedContent> | undefined {
    if (typeof frame !== "string" || frame.length < SLICED_PARSE_CHARS || frame.length > this.limits.maxFrameBytes)
      return undefined;
    if (this.failed !== undefined || this.state !== "content" || this.deferred !== undefined) return undefined;
    return parseJsonInSlices(frame).then(
      (value): ParsedContent => ({ ok: true, value }),
      (error: unknown): ParsedContent => ({ ok: false, error }),
    );
  }

  /** `parsed`: the frame's JSON from {@link parseInSlices}, when it is the content frame it was read for. */
  push(frame: Frame, parsed?: ParsedContent): Message | undefined {
    if (this.failed !== undefined) throw this.failed;
    if (typeof frame === "string") {
      if (this.state === "buffer-payload") {
        throw this.fatal("EXPECTED_BINARY", "expected a binary frame for the buffer payload, got a text frame");
      }
      this.count(frame.length, frame);
      return this.text(frame, parsed);
    }
    if (frame instanceof Uint8Array) {
      if (this.state !== "buffer-payload") {
        throw this.fatal(
          "EXPECTED_TEXT",
          `expected a text frame for the ${FRAME_NAMES[this.state]}, got a binary frame`,
        );
      }
      this.count(frame.byteLength);
      return this.binary(frame);
    }
    throw this.fatal("UNSUPPORTED_FRAME", `a frame must be a string or a Uint8Array, got ${typeof frame}`);
  }

  /**
   * Adds a frame to the message's byte count, enforcing the limits. For text, `size` is first the UTF-16
   * length, a lower bound of the UTF-8 size, so that huge strings are refused before being measured.
   */
  private count(size: number, text?: string): void {
    this.checkSize(size);
    if (text !== undefined) {
      size = utf8Length(text);
      this.checkSize(size);
    }
    this.bytes += size;
  }

  private checkSize(size: number): void {
    const { maxFrameBytes, maxMessageBytes } = this.limits;
    if (size > maxFrameBytes) {
      throw this.fatal("FRAME_TOO_BIG", `frame exceeds the limit of ${maxFrameBytes} bytes`);
    }
    if (this.bytes + size > maxMessageBytes) {
      throw this.fatal("MESSAGE_TOO_BIG", `message exceeds the limit of ${maxMessageBytes} bytes`);
    }
  }

  private text(frame: string, parsed: ParsedContent | undefined): Message | undefined {
    switch (this.state) {
      case "header":
        this.readHeader(frame);
        return undefined;
      case "metadata":
        this.readMetadata(frame);
        return undefined;
      case "content":
        return this.readContent(frame, parsed);
      default: // "buffer-header"; "buffer-payload" was excluded by push
        this.readBufferHeader(frame);
        return undefined;
    }
  }

  private readHeader(frame: string): void {
    let value: unknown;
    try {
      value = JSON.parse(frame);
    } catch (error) {
      throw this.fatal("HEADER_NOT_JSON", `header is not valid JSON: ${parseError(error)}`);
    }
    if (!isHeader(value)) throw this.invalidHeader(value);
    const { msgid, msgtype } = value;
    if (!this.accepted.has(msgtype)) {
      throw this.fatal("UNEXPECTED_MSGTYPE", `message type ${msgtype} is not accepted here`, msgid);
    }
    const count = value.num_buffers ?? 0;
    if (count > this.limits.maxBuffers) {
      throw this.fatal(
        "TOO_MANY_BUFFERS",
        `header announces ${count} buffers, the limit is ${this.limits.maxBuffers}`,
        msgid,
      );
    }
    this.header = value;
    this.remaining = count;
    this.state = "metadata";
  }

  private invalidHeader(value: unknown): ProtocolError {
    if (isBufferHeader(value)) {
      return this.fatal(
        "UNEXPECTED_BUFFER",
        "a buffer header arrived where a message header was due (more buffers than num_buffers announced)",
      );
    }
    const msgid = isObject(value) && typeof value.msgid === "string" ? value.msgid : undefined;
    const msgtype = isObject(value) ? value.msgtype : undefined;
    if (typeof msgtype === "string" && !isMsgType(msgtype)) {
      return this.fatal("UNKNOWN_MSGTYPE", `unknown message type ${quote(msgtype)}`, msgid);
    }
    return this.fatal("INVALID_HEADER", `invalid header: ${describeHeaderError(value)}`, msgid);
  }

  private readMetadata(frame: string): void {
    // Metadata may be any JSON value (see MetadataSchema).
    try {
      this.metadata = parse(frame);
    } catch (error) {
      this.defer("METADATA_NOT_JSON", `metadata is not valid JSON: ${parseError(error)}`);
    }
    this.state = "content";
  }

  private readContent(frame: string, parsed: ParsedContent | undefined): Message | undefined {
    if (this.deferred === undefined) {
      const { msgtype } = this.partialHeader();
      let value: unknown;
      try {
        value = parsed === undefined ? parse(frame) : parsedValue(parsed);
      } catch (error) {
        this.defer("CONTENT_NOT_JSON", `${msgtype} content is not valid JSON: ${parseError(error)}`);
      }
      if (this.deferred === undefined) {
        const problem = validateContent(msgtype, value);
        if (problem === undefined) this.content = value;
        else this.defer("INVALID_CONTENT", `${msgtype} content is invalid: ${problem}`);
      }
    }
    return this.next();
  }

  private readBufferHeader(frame: string): void {
    let value: unknown;
    try {
      value = JSON.parse(frame);
    } catch (error) {
      throw this.fatal("BUFFER_HEADER_NOT_JSON", `buffer header is not valid JSON: ${parseError(error)}`);
    }
    if (!isBufferHeader(value)) {
      if (isObject(value) && "msgtype" in value) {
        const { msgtype, num_buffers = 0 } = this.partialHeader();
        const received = num_buffers - this.remaining;
        throw this.fatal(
          "MISSING_BUFFER",
          `${msgtype} announced ${num_buffers} buffers but a new message header arrived after ${received}`,
        );
      }
      throw this.fatal("INVALID_BUFFER_HEADER", 'a buffer header must be exactly {"id": <string>}');
    }
    if (this.deferred === undefined && this.buffers.has(value.id)) {
      this.defer("DUPLICATE_BUFFER_ID", `buffer id ${quote(value.id)} is used twice in one message`);
    }
    this.bufferId = value.id;
    this.state = "buffer-payload";
  }

  private binary(frame: Uint8Array): Message | undefined {
    // A message that already failed is still read to its end, but its buffers are not kept.
    if (this.deferred === undefined) this.buffers.set(this.bufferId, frame);
    this.remaining -= 1;
    return this.next();
  }

  /** After the content or a buffer payload: the complete message, or wait for the next buffer. */
  private next(): Message | undefined {
    if (this.remaining > 0) {
      this.state = "buffer-header";
      return undefined;
    }
    const { header, metadata, content, buffers, deferred } = this;
    this.clear();
    if (deferred !== undefined) throw deferred;
    return { header, metadata, content, buffers } as Message;
  }

  private defer(code: ProtocolErrorCode, message: string): void {
    this.deferred = new ProtocolError(code, message, this.header?.msgid);
  }

  /** The header of the message being assembled; every state after "header" has one. */
  private partialHeader(): Header {
    if (this.header === undefined) throw new Error(`Receiver bug: no message header in state ${this.state}`);
    return this.header;
  }

  /** Records a fatal error (the receiver refuses frames from now on) and returns it for throwing. */
  private fatal(code: ProtocolErrorCode, message: string, reqid = this.header?.msgid): ProtocolError {
    const error = new ProtocolError(code, message, reqid);
    this.clear();
    this.failed = error;
    return error;
  }

  private clear(): void {
    this.state = "header";
    this.bytes = 0;
    this.header = undefined;
    this.metadata = undefined;
    this.content = undefined;
    this.buffers = new Map();
    this.bufferId = "";
    this.remaining = 0;
    this.deferred = undefined;
  }
}
