import { checkSessionIdSignature } from "../ids/session-id.js";
import { requireSecretKey, type SecretKey, signatureMatches } from "../signing/hmac.js";
import { decodeToken } from "./decode.js";
import { reject, type TokenResult } from "./rejection.js";
import type { TokenPayload } from "./token-payload.js";

export interface ValidateTokenOptions {
  /** Signed session ids (`--session-ids signed|external-signed`): the token and its session id must be signed. */
  readonly signed: boolean;
  /** Required when `signed`. */
  readonly secretKey?: SecretKey;
  /** Current time in milliseconds since the epoch (usually `clock.now()`). */
  readonly now: number;
}

/**
 * Everything Bokeh checks when a websocket opens with `token`: signatures
 * (when signed), a usable payload, `session_expiry` present and not reached
 * (`now >= session_expiry` in whole seconds, as Python compares). Never
 * throws for bad tokens.
 */
export function validateToken(token: string, options: ValidateTokenOptions): TokenResult<TokenPayload> {
  if (typeof token !== "string" || token.length === 0) return reject("malformed", "token is empty");
  const key = options.signed ? requireSecretKey(options.secretKey) : undefined;
  if (key !== undefined) {
    const dot = token.indexOf(".");
    if (dot < 0) return reject("bad-signature", "token is not signed");
    if (!signatureMatches(token.slice(0, dot), token.slice(dot + 1), key)) {
      return reject("bad-signature", "token signature does not match its payload");
    }
  }
  const decoded = decodeToken(token);
  if (!decoded.ok) return decoded;
  const { payload } = decoded;
  if (key !== undefined && !checkSessionIdSignature(payload.sessionId, key)) {
    return reject("bad-session-id-signature", "session id in the token is not validly signed");
  }
  if (payload.sessionExpiry === undefined) return reject("missing-expiry", "token has no session_expiry");
  if (Math.floor(options.now / 1000) >= payload.sessionExpiry) {
    return reject("expired", `token expired at Unix time ${payload.sessionExpiry}`);
  }
  return decoded;
}
