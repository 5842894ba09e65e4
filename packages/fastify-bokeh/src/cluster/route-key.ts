import { decodeToken } from "@fastify-bokeh/session-store";
import { tokenFromProtocols } from "../core/websocket-connection.js";
import type { RequestHead } from "./request-head.js";

/** The session id a token names; its signature is the worker's to check, routing only needs the id. */
function tokenSessionId(token: string): string | undefined {
  const decoded = decodeToken(token);
  return decoded.ok ? decoded.payload.sessionId : undefined;
}

/**
 * The existing session a request is for, as the plugin reads it: the websocket's token, a page's `bokeh-token` or
 * `bokeh-session-id` argument, or its `Bokeh-Session-Id` header. Undefined for anything else (a page without one
 * gets a new session from whichever worker serves it).
 */
export function requestSessionId(head: RequestHead): string | undefined {
  const token = tokenFromProtocols(head.header("sec-websocket-protocol"));
  if (token !== undefined) return tokenSessionId(token);
  const query = head.target.indexOf("?");
  const args = new URLSearchParams(query === -1 ? "" : head.target.slice(query + 1));
  const argToken = args.get("bokeh-token");
  if (argToken !== null) return tokenSessionId(argToken);
  return args.get("bokeh-session-id") || head.header("bokeh-session-id") || undefined;
}
