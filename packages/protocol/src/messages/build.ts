import { nextMsgId } from "../id.js";
import type { ContentOf, Header, Message } from "../message.js";
import type { MsgType } from "../msgtype.js";
import { EMPTY } from "./empty.js";

export interface BuildOptions {
  reqid?: string | undefined;
  buffers?: Map<string, ArrayBufferView> | undefined;
  /** Write `num_buffers` even when 0, as the Python server does for PULL-DOC-REPLY, PUSH-DOC and PATCH-DOC. */
  alwaysNumBuffers?: boolean;
}

/** A message with a fresh msgid; the buffers map is taken over, not copied. */
export function build<T extends MsgType>(msgtype: T, content: ContentOf<T>, options: BuildOptions = {}): Message<T> {
  const buffers = options.buffers ?? new Map<string, ArrayBufferView>();
  // Key order as written by the Python server: msgid, msgtype, reqid, num_buffers.
  const header: Header<T> = { msgid: nextMsgId(), msgtype };
  if (options.reqid !== undefined) header.reqid = options.reqid;
  if (options.alwaysNumBuffers === true || buffers.size > 0) header.num_buffers = buffers.size;
  return { header, metadata: EMPTY, content, buffers } as Message<T>;
}
