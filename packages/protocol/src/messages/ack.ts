import type { Message } from "../message.js";
import { build } from "./build.js";
import { EMPTY } from "./empty.js";

/** ACK: the first message a server sends on a new connection. */
export function ack(): Message<"ACK"> {
  return build("ACK", EMPTY);
}
