import {
  checkSessionIdSignature,
  checkTokenSignature,
  decodeToken,
  generateSessionId,
  generateToken,
  type SessionAccess,
} from "@fastify-bokeh/session-store";
import type { FastifyRequest } from "fastify";
import type { BokehServer } from "../core/bokeh-server.js";
import { requestPayload } from "../core/request-context.js";
import { FST_BOKEH_NO_SECRET_KEY } from "../errors.js";
import type { ResolvedCoreOptions } from "../options/core-options.js";

/** A page or autoload.js request bokeh serve would refuse, with its status and reason. */
export class HttpRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The session a page (or autoload.js) request is for: its token, and what the token carries (the session id). */
export type ResolvedSession = Omit<SessionAccess, "url">;

type Signing = { readonly signed: true; readonly secretKey: string } | { readonly signed: false };

const single = (value: unknown): string | undefined =>
  Array.isArray(value) ? value[0] : typeof value === "string" ? value : undefined;

function signingOf(options: ResolvedCoreOptions): Signing {
  if (!options.signSessions) return { signed: false };
  // resolveCoreOptions refuses signing without a key; checked again so the key's type says so.
  if (options.secretKey === undefined) throw new FST_BOKEH_NO_SECRET_KEY();
  return { signed: true, secretKey: options.secretKey };
}

/** A token given with the request: checked (when signing) before anything in it is used. */
function givenTokenSession(token: string, signing: Signing): ResolvedSession {
  if (signing.signed && !checkTokenSignature(token, signing.secretKey))
    throw new HttpRefusal(403, "Invalid token or session ID");
  const decoded = decodeToken(token);
  if (!decoded.ok) throw new HttpRefusal(403, `Invalid token: ${decoded.reason.message}`);
  return { token, payload: decoded.payload };
}

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
  const signing = signingOf(server.options);
  if (argId !== undefined && headerId !== undefined)
    throw new HttpRefusal(403, "session ID was provided as an argument and header");
  const givenId = argId ?? headerId;

  if (givenToken !== undefined) {
    if (givenId !== undefined) throw new HttpRefusal(403, "Both token and session ID were provided");
    return givenTokenSession(givenToken, signing);
  }
  if (givenId === "") throw new HttpRefusal(403, "Empty session ID");
  if (givenId === undefined && !server.options.generateSessionIds)
    throw new HttpRefusal(403, "No bokeh-session-id provided");
  if (givenId !== undefined && signing.signed && !checkSessionIdSignature(givenId, signing.secretKey))
    throw new HttpRefusal(403, "Invalid token or session ID");

  return generateToken({
    ...signing,
    sessionId: givenId ?? generateSessionId(signing),
    expiresAt: Math.floor(server.clock.now() / 1000) + server.options.sessionTokenExpiration,
    extraPayload: requestPayload(request, server.options),
  });
}
