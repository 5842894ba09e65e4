import type { Message } from "../message.js";
import { build } from "./build.js";
import { EMPTY } from "./empty.js";

export interface VersionInfo {
  bokeh: string;
  server: string;
}

export interface ServerInfoReplyContent {
  version_info: VersionInfo;
}

/** SERVER-INFO-REQ: clients also use it as a round-trip barrier. */
export function serverInfoReq(): Message<"SERVER-INFO-REQ"> {
  return build("SERVER-INFO-REQ", EMPTY);
}

export function serverInfoReply(reqid: string, versionInfo: VersionInfo): Message<"SERVER-INFO-REPLY"> {
  return build("SERVER-INFO-REPLY", { version_info: versionInfo }, { reqid });
}
