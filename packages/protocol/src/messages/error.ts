import type { Message } from "../message.js";
import { build } from "./build.js";

export interface ErrorContent {
  text: string;
  traceback: string | null;
}

/** ERROR: the reply to a request that failed; the connection stays open. */
export function error(reqid: string, text: string, traceback: string | null = null): Message<"ERROR"> {
  return build("ERROR", { text, traceback }, { reqid });
}
