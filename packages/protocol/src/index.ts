// Frames and messages
export type { Frame } from "./frame.js";
export { MSG_TYPES, SERVER_ACCEPTS, CLIENT_ACCEPTS, isMsgType, type MsgType } from "./msgtype.js";
export { isMessageOf, type ContentMap, type ContentOf, type Header, type Message } from "./message.js";
export { nextMsgId } from "./id.js";

// Contents and constructors
export type { EmptyContent } from "./messages/empty.js";
export type { DocContent, DocJson } from "./messages/doc.js";
export { ack } from "./messages/ack.js";
export { ok } from "./messages/ok.js";
export { error, type ErrorContent } from "./messages/error.js";
export { serverInfoReq, serverInfoReply, type ServerInfoReplyContent, type VersionInfo } from "./messages/server-info.js";
export { pullDocReq, pullDocReply } from "./messages/pull-doc.js";
export { pushDoc } from "./messages/push-doc.js";
export {
  patchDoc,
  type ColumnDataChangedEvent,
  type ColumnsPatchedEvent,
  type ColumnsStreamedEvent,
  type MessageSentEvent,
  type ModelChangedEvent,
  type ModelRef,
  type PatchDocContent,
  type PatchEvent,
  type PatchEventKind,
  type RootAddedEvent,
  type RootRemovedEvent,
  type TitleChangedEvent,
} from "./messages/patch-doc.js";

// Schemas and validation
export { HeaderSchema, MsgTypeSchema } from "./schemas/header.js";
export { MetadataSchema } from "./schemas/metadata.js";
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
export {
  EVENT_SCHEMAS,
  ColumnDataChangedEventSchema,
  ColumnsPatchedEventSchema,
  ColumnsStreamedEventSchema,
  MessageSentEventSchema,
  ModelChangedEventSchema,
  ModelRefSchema,
  PatchEventSchema,
  RootAddedEventSchema,
  RootRemovedEventSchema,
  TitleChangedEventSchema,
} from "./schemas/patch-events.js";
export { isHeader, validateContent } from "./schemas/validate.js";

// Wire
export { encode } from "./encoder.js";
export { Receiver, type ReceiverOptions, type ReceiverState } from "./receiver.js";
export { DEFAULT_LIMITS, resolveLimits, type Limits } from "./limits.js";
export {
  CLOSE_CODES,
  MAX_CLOSE_REASON_BYTES,
  ProtocolError,
  type CloseCode,
  type ProtocolErrorCode,
} from "./errors.js";
