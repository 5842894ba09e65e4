import { truncateUtf8 } from "./utf8.js";

/**
 * Websocket close codes used for fatal errors (RFC 6455 §7.4.1):
 * 1002 protocol error, 1003 unsupported data, 1007 invalid payload data, 1009 message too big.
 */
export type CloseCode = 1002 | 1003 | 1007 | 1009;

/**
 * What went wrong. Recoverable codes (no close code) concern one well-delimited message: the receiver has
 * consumed all of its frames and waits for the next header, so the connection can answer ERROR with `reqid`
 * and stay open. Every other code means the frame stream can no longer be trusted: close the socket.
 */
export type ProtocolErrorCode =
  // recoverable (request-level)
  | "METADATA_NOT_JSON"
  | "CONTENT_NOT_JSON"
  | "INVALID_CONTENT"
  | "DUPLICATE_BUFFER_ID"
  // fatal (framing)
  | "UNSUPPORTED_FRAME"
  | "EXPECTED_TEXT"
  | "EXPECTED_BINARY"
  | "HEADER_NOT_JSON"
  | "INVALID_HEADER"
  | "UNKNOWN_MSGTYPE"
  | "UNEXPECTED_MSGTYPE"
  | "BUFFER_HEADER_NOT_JSON"
  | "INVALID_BUFFER_HEADER"
  | "MISSING_BUFFER"
  | "UNEXPECTED_BUFFER"
  | "FRAME_TOO_BIG"
  | "MESSAGE_TOO_BIG"
  | "TOO_MANY_BUFFERS";

/** Close code per fatal error code; recoverable codes are absent. */
export const CLOSE_CODES: Readonly<Partial<Record<ProtocolErrorCode, CloseCode>>> = Object.freeze({
  UNSUPPORTED_FRAME: 1003,
  EXPECTED_TEXT: 1003,
  EXPECTED_BINARY: 1003,
  HEADER_NOT_JSON: 1007,
  INVALID_HEADER: 1002,
  UNKNOWN_MSGTYPE: 1002,
  UNEXPECTED_MSGTYPE: 1002,
  BUFFER_HEADER_NOT_JSON: 1007,
  INVALID_BUFFER_HEADER: 1002,
  MISSING_BUFFER: 1002,
  UNEXPECTED_BUFFER: 1002,
  FRAME_TOO_BIG: 1009,
  MESSAGE_TOO_BIG: 1009,
  TOO_MANY_BUFFERS: 1009,
});

/** RFC 6455 allows 125 payload bytes in a close frame, 2 of which hold the code. */
export const MAX_CLOSE_REASON_BYTES = 123;

/** The only error a Receiver throws. */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  readonly code: ProtocolErrorCode;
  /** True when the connection must be closed (with `closeCode`/`closeReason`). */
  readonly fatal: boolean;
  /** Set exactly when `fatal`. */
  readonly closeCode: CloseCode | undefined;
  /** `message` cut to fit a close frame; set exactly when `fatal`. */
  readonly closeReason: string | undefined;
  /** The `msgid` of the offending message, when it could be read: the `reqid` for an ERROR reply. */
  readonly reqid: string | undefined;

  constructor(code: ProtocolErrorCode, message: string, reqid?: string) {
    super(message);
    this.code = code;
    this.closeCode = CLOSE_CODES[code];
    this.fatal = this.closeCode !== undefined;
    this.closeReason = this.fatal ? truncateUtf8(message, MAX_CLOSE_REASON_BYTES) : undefined;
    this.reqid = reqid;
  }
}
