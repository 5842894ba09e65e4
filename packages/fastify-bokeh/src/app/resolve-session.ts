import {
  checkSessionIdSignature,
  checkTokenSignature,
  decodeToken,
  generateSessionId,
  generateToken,
  type TokenPayload,
} from "@fastify-bokeh/session-store";
import type { FastifyRequest } from "fastify";
import type { BokehServer } from "../core/bokeh-server.js";
import { requestPayload } from "../core/request-context.js";

/** A page or autoload.js request bokeh serve would refuse, with its status and reason. */
export class HttpRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The session a page (or autoload.js) request is for. */
export interface ResolvedSession {
  id: string;
  token: string;
  payload: TokenPayload;
}

const single = (value: unknown): string | undefined =>
  Array.isArray(value) ? value[0] : typeof value === "string" ? value : undefined;

/**
 * bokeh serve's rules for a page request: a `bokeh-token` argument, or a session id (argument or `Bokeh-Session-Id`
 * header, not both), or a new session; when signing, a given token's signature is checked before anything in it is
 * used. A new token carries the request's (filtered) headers, cookies and arguments.
 */
export function resolveSession(server: BokehServer, request: FastifyRequest): ResolvedSession {
  const query = request.query as Record<string, unknown>;
  const argId = single(query["bokeh-session-id"]);
  const headerId = single(request.headers["bokeh-session-id"]);
  const givenToken = single(query["bokeh-token"]);
  const { signSessions, secretKey, generateSessionIds } = server.options;
  const signing = signSessions ? { signed: true, secretKey: secretKey! } : { signed: false };
  if (argId !== undefined && headerId !== undefined)
    throw new HttpRefusal(403, "session ID was provided as an argument and header");
  const givenId = argId ?? headerId;

  if (givenToken !== undefined) {
    if (givenId !== undefined) throw new HttpRefusal(403, "Both token and session ID were provided");
    if (signSessions && !checkTokenSignature(givenToken, secretKey!))
      throw new HttpRefusal(403, "Invalid token or session ID");
    const decoded = decodeToken(givenToken);
    if (!decoded.ok) throw new HttpRefusal(403, `Invalid token: ${decoded.reason.message}`);
    return { id: decoded.payload.sessionId, token: givenToken, payload: decoded.payload };
  }
  if (givenId === "") throw new HttpRefusal(403, "Empty session ID");
  if (givenId === undefined && !generateSessionIds) throw new HttpRefusal(403, "No bokeh-session-id provided");
  if (givenId !== undefined && signSessions && !checkSessionIdSignature(givenId, secretKey!))
    throw new HttpRefusal(403, "Invalid token or session ID");

  const id = givenId ?? generateSessionId(signing);
  const token = generateToken({
    ...signing,
    sessionId: id,
    expiresAt: Math.floor(server.clock.now() / 1000) + server.options.sessionTokenExpiration,
    extraPayload: requestPayload(request, server.options),
  });
  const decoded = decodeToken(token);
  if (!decoded.ok) throw new Error(`minted an undecodable token: ${decoded.reason.message}`);
  return { id, token, payload: decoded.payload };
}
