import { encodeBase64Url } from "../encoding/base64url.js";
import { toPythonJson } from "../encoding/python-json.js";
import { checkSessionIdSignature } from "../ids/session-id.js";
import { requireSecretKey, type SecretKey, sign, signatureMatches } from "../signing/hmac.js";
import { decodeOuterPayload } from "./decode.js";
import { EXTRA_PAYLOAD_KEY, type ExtraPayload, encodeExtraPayload, extraPayloadFields } from "./extra-payload.js";
import { type TokenPayload, toTokenPayload } from "./token-payload.js";

export interface TokenOptions {
  /** The (possibly signed) session id the token opens. */
  readonly sessionId: string;
  /** `session_expiry`: Unix time in whole seconds from which the token can no longer open a websocket. */
  readonly expiresAt: number;
  /** Request context for the session; compressed into the token. */
  readonly extraPayload?: ExtraPayload;
  readonly signed: boolean;
  /** Required when `signed`. */
  readonly secretKey?: SecretKey;
}

/** A new token and what it carries, as {@link decodeToken} would read it back. */
export interface MintedToken {
  readonly token: string;
  readonly payload: TokenPayload;
}

/**
 * A session token in Bokeh 3.9's format: base64url-nopad of the payload JSON
 * (as Python writes it), then, when signed, `.` and the HMAC of that text;
 * with its payload, so whoever mints a token need not decode it.
 */
export function generateToken(options: TokenOptions): MintedToken {
  const { sessionId, expiresAt, extraPayload } = options;
  const key = options.signed ? requireSecretKey(options.secretKey) : undefined;
  if (typeof sessionId !== "string" || sessionId.length === 0)
    throw new TypeError("sessionId must be a non-empty string");
  if (!Number.isSafeInteger(expiresAt)) throw new RangeError("expiresAt must be whole Unix seconds");
  const base = encodeBase64Url(
    toPythonJson({
      session_id: sessionId,
      session_expiry: expiresAt,
      [EXTRA_PAYLOAD_KEY]: extraPayload === undefined ? undefined : encodeExtraPayload(extraPayload),
    }),
  );
  const token = key === undefined ? base : `${base}.${sign(base, key)}`;
  return { token, payload: mintedPayload(sessionId, expiresAt, extraPayload) };
}

/**
 * Python's `check_token_signature` for signed mode: the token's own signature
 * (checked first, in constant time, before anything of the payload is read),
 * then the signature of the session id inside. Never throws for bad tokens.
 */
export function checkTokenSignature(token: string, secretKey: SecretKey): boolean {
  const key = requireSecretKey(secretKey);
  if (typeof token !== "string") return false;
  const dot = token.indexOf(".");
  if (dot < 0) return false;
  const base = token.slice(0, dot);
  if (!signatureMatches(base, token.slice(dot + 1), key)) return false;
  const outer = decodeOuterPayload(base);
  return outer.ok && typeof outer.value.session_id === "string" && checkSessionIdSignature(outer.value.session_id, key);
}

/** The payload of a token just written: the extra payload merged over `session_expiry`, as decoding merges it. */
function mintedPayload(sessionId: string, expiresAt: number, extra: ExtraPayload | undefined): TokenPayload {
  const payload = toTokenPayload(sessionId, {
    session_expiry: expiresAt,
    ...(extra === undefined ? {} : extraPayloadFields(extra)),
  });
  // Unreachable: the fields were written from checked options, so they have the types decoding checks for.
  if (typeof payload === "string") throw new TypeError(`the token payload is invalid: ${payload}`);
  return payload;
}
