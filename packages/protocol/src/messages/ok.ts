import type { Message } from "../message.js";
import { build } from "./build.js";
import { EMPTY } from "./empty.js";

/** OK: the reply to a PATCH-DOC or PUSH-DOC that was applied. */
export function ok(reqid: string): Message<"OK"> {
  return build("OK", EMPTY, { reqid });
}
