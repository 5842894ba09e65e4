import type { Message } from "../message.js";
import { build } from "./build.js";
import type { DocJson } from "./doc.js";
import { EMPTY } from "./empty.js";

export function pullDocReq(): Message<"PULL-DOC-REQ"> {
  return build("PULL-DOC-REQ", EMPTY);
}

/** The whole document; `buffers` (taken over, not copied) hold the bytes its `bytes` reps refer to. */
export function pullDocReply(
  reqid: string,
  doc: DocJson,
  buffers?: Map<string, ArrayBufferView>,
): Message<"PULL-DOC-REPLY"> {
  return build("PULL-DOC-REPLY", { doc }, { reqid, buffers, alwaysNumBuffers: true });
}
