import type { DocContent } from "./messages/doc.js";
import type { EmptyContent } from "./messages/empty.js";
import type { ErrorContent } from "./messages/error.js";
import type { PatchDocContent } from "./messages/patch-doc.js";
import type { ServerInfoReplyContent } from "./messages/server-info.js";
import type { MsgType } from "./msgtype.js";

/** The first frame of every message. */
export interface Header<T extends MsgType = MsgType> {
  /** Opaque, unique per sender. */
  msgid: string;
  msgtype: T;
  /** The `msgid` of the request this message answers (replies only). */
  reqid?: string;
  /** How many (buffer header, binary) frame pairs follow the content; absent means 0. */
  num_buffers?: number;
}

/** Content shape per message type. */
export interface ContentMap {
  ACK: EmptyContent;
  OK: EmptyContent;
  ERROR: ErrorContent;
  "PULL-DOC-REQ": EmptyContent;
  "PULL-DOC-REPLY": DocContent;
  "PUSH-DOC": DocContent;
  "PATCH-DOC": PatchDocContent;
  "SERVER-INFO-REQ": EmptyContent;
  "SERVER-INFO-REPLY": ServerInfoReplyContent;
}

export type ContentOf<T extends MsgType> = ContentMap[T];

/**
 * A whole protocol message. `Message` without a type argument is the union over all message types, so it
 * narrows with `isMessageOf`. Buffers map buffer ids (referenced from the content as `{"id": …}`) to bytes.
 */
export type Message<T extends MsgType = MsgType> = T extends MsgType
  ? {
      header: Header<T>;
      metadata: unknown;
      content: ContentOf<T>;
      buffers: Map<string, ArrayBufferView>;
    }
  : never;

/** Narrows a message by its `header.msgtype` (TypeScript does not narrow on the nested field by itself). */
export function isMessageOf<T extends MsgType>(message: Message, msgtype: T): message is Message<T> {
  return message.header.msgtype === msgtype;
}
