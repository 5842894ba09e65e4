import { decodeBase64Url } from "../encoding/base64url.js";
import { type Decoded, decodeExtraPayload, EXTRA_PAYLOAD_KEY } from "./extra-payload.js";
import { reject, type TokenResult } from "./rejection.js";
import { type TokenPayload, toTokenPayload } from "./token-payload.js";
import { isTokenObject, type TokenObject } from "./token-value.js";

/** The JSON object before the first `.` of a token, unverified. */
export function decodeOuterPayload(base: string): Decoded<TokenObject> {
  if (base.length === 0) return { ok: false, message: "token payload is empty" };
  const bytes = decodeBase64Url(base);
  if (bytes === undefined) return { ok: false, message: "token is not base64url" };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, message: "token payload is not JSON" };
  }
  return isTokenObject(value) ? { ok: true, value } : { ok: false, message: "token payload is not a JSON object" };
}

/**
 * Reads a token without checking its signature or expiry (see
 * `validateToken` for that). Never throws: bad input gives a `malformed`
 * rejection.
 */
export function decodeToken(token: string): TokenResult<TokenPayload, "malformed"> {
  if (typeof token !== "string" || token.length === 0) return reject("malformed", "token is empty");
  const dot = token.indexOf(".");
  const outer = decodeOuterPayload(dot < 0 ? token : token.slice(0, dot));
  if (!outer.ok) return reject("malformed", outer.message);

  const { session_id: sessionId, [EXTRA_PAYLOAD_KEY]: encodedExtra, ...fields } = outer.value;
  if (typeof sessionId !== "string" || sessionId.length === 0)
    return reject("malformed", "token payload has no session_id");
  let merged: TokenObject = fields;
  if (encodedExtra !== undefined) {
    const extra = decodeExtraPayload(encodedExtra);
    if (!extra.ok) return reject("malformed", extra.message);
    // Python merges the extra payload over the outer fields, then drops session_id.
    const { session_id: _ignored, ...extraFields } = extra.value;
    merged = { ...fields, ...extraFields };
  }
  const payload = toTokenPayload(sessionId, merged);
  return typeof payload === "string" ? reject("malformed", payload) : { ok: true, payload };
}
