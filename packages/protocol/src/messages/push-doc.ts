import type { Message } from "../message.js";
import { build } from "./build.js";
import type { DocJson } from "./doc.js";

/** PUSH-DOC (bokeh.client push_session): replaces the session's document; answered by OK. */
export function pushDoc(doc: DocJson, buffers?: Map<string, ArrayBufferView>): Message<"PUSH-DOC"> {
  return build("PUSH-DOC", { doc }, { buffers, alwaysNumBuffers: true });
}
