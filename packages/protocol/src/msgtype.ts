/** Every message type of the Bokeh server protocol (bokeh 3.9.2). */
export type MsgType =
  | "ACK"
  | "OK"
  | "ERROR"
  | "PULL-DOC-REQ"
  | "PULL-DOC-REPLY"
  | "PUSH-DOC"
  | "PATCH-DOC"
  | "SERVER-INFO-REQ"
  | "SERVER-INFO-REPLY";

export const MSG_TYPES: readonly MsgType[] = Object.freeze([
  "ACK",
  "OK",
  "ERROR",
  "PULL-DOC-REQ",
  "PULL-DOC-REPLY",
  "PUSH-DOC",
  "PATCH-DOC",
  "SERVER-INFO-REQ",
  "SERVER-INFO-REPLY",
] as const);

/** What a server accepts from clients; anything else is "not expected on server" (fatal, like bokeh serve). */
export const SERVER_ACCEPTS: readonly MsgType[] = Object.freeze([
  "PULL-DOC-REQ",
  "PUSH-DOC",
  "PATCH-DOC",
  "SERVER-INFO-REQ",
] as const);

/** What a client accepts from a server. */
export const CLIENT_ACCEPTS: readonly MsgType[] = Object.freeze([
  "ACK",
  "OK",
  "ERROR",
  "PULL-DOC-REPLY",
  "PATCH-DOC",
  "SERVER-INFO-REPLY",
] as const);

const known: ReadonlySet<string> = new Set(MSG_TYPES);

export function isMsgType(value: unknown): value is MsgType {
  return typeof value === "string" && known.has(value);
}
