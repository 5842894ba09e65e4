import { encodeBase64Url } from "../encoding/base64url.js";
import { toPythonJson } from "../encoding/python-json.js";
import { checkSessionIdSignature } from "../ids/session-id.js";
import { requireSecretKey, type SecretKey, sign, signatureMatches } from "../signing/hmac.js";
import { decodeOuterPayload } from "./decode.js";
import { EXTRA_PAYLOAD_KEY, type ExtraPayload, encodeExtraPayload } from "./extra-payload.js";

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

/**
 * A session token in Bokeh 3.9's format: base64url-nopad of the payload JSON
 * (as Python writes it), then, when signed, `.` and the HMAC of that text.
 */
export function generateToken(options: TokenOptions): string {
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
  return key === undefined ? base : `${base}.${sign(base, key)}`;
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
