// The public API of @fastify-bokeh/protocol, by folder.

// src/: frames, messages, the encoder and the receiver
export { encode, encodeInSlices } from "./encoder.js";
export {
  CLOSE_CODES,
  type CloseCode,
  MAX_CLOSE_REASON_BYTES,
  ProtocolError,
  type ProtocolErrorCode,
} from "./errors.js";
export type { Frame } from "./frame.js";
export { nextMsgId } from "./id.js";
export { DEFAULT_LIMITS, type Limits, resolveLimits } from "./limits.js";
export { type ContentMap, type ContentOf, type Header, isMessageOf, type Message } from "./message.js";
export { CLIENT_ACCEPTS, isMsgType, MSG_TYPES, type MsgType, SERVER_ACCEPTS } from "./msgtype.js";
export { type ParsedContent, Receiver, type ReceiverOptions, type ReceiverState } from "./receiver.js";

// json/: whole-number floats (12.0) kept apart from ints (12) through parsing and writing
export { parseJson } from "./json/parse.js";
export { stringifyJson, WholeFloat, wholeFloat } from "./json/wire-number.js";
export {
  copyWholeFloatKeys,
  isWholeFloat,
  type MemberKey,
  markWholeFloat,
  wholeFloatKeys,
} from "./json/whole-floats.js";

// messages/: the contents of each message type and their constructors
export { ack } from "./messages/ack.js";
export type { DocContent, DocJson } from "./messages/doc.js";
export type { EmptyContent } from "./messages/empty.js";
export { type ErrorContent, error } from "./messages/error.js";
export { ok } from "./messages/ok.js";
export {
  type ColumnDataChangedEvent,
  type ColumnsPatchedEvent,
  type ColumnsStreamedEvent,
  type MessageSentEvent,
  type ModelChangedEvent,
  type ModelRef,
  type PatchDocContent,
  type PatchEvent,
  type PatchEventKind,
  patchDoc,
  type RootAddedEvent,
  type RootRemovedEvent,
  type TitleChangedEvent,
} from "./messages/patch-doc.js";
export { pullDocReply, pullDocReq } from "./messages/pull-doc.js";
export { pushDoc } from "./messages/push-doc.js";
export {
  type ServerInfoReplyContent,
  serverInfoReply,
  serverInfoReq,
  type VersionInfo,
} from "./messages/server-info.js";

// schemas/: TypeBox schemas of headers and contents, and validation
export {
  CONTENT_SCHEMAS,
  DocContentSchema,
  DocJsonSchema,
  EmptyContentSchema,
  ErrorContentSchema,
  PatchDocContentSchema,
  ServerInfoReplyContentSchema,
  VersionInfoSchema,
} from "./schemas/content.js";
export { HeaderSchema, MsgTypeSchema } from "./schemas/header.js";
export { MetadataSchema } from "./schemas/metadata.js";
export {
  ColumnDataChangedEventSchema,
  ColumnsPatchedEventSchema,
  ColumnsStreamedEventSchema,
  EVENT_SCHEMAS,
  MessageSentEventSchema,
  ModelChangedEventSchema,
  ModelRefSchema,
  PatchEventSchema,
  RootAddedEventSchema,
  RootRemovedEventSchema,
  TitleChangedEventSchema,
} from "./schemas/patch-events.js";
export { isDocJson, isHeader, validateContent } from "./schemas/validate.js";
