/**
 * Why a token was refused:
 * - `malformed`: not base64url JSON, not an object, no usable `session_id`, or a broken extra payload;
 * - `bad-signature`: unsigned, or the signature does not match the payload;
 * - `bad-session-id-signature`: the payload is signed but the session id inside is not;
 * - `missing-expiry`: no `session_expiry`;
 * - `expired`: `now >= session_expiry`.
 */
export type TokenRejectionCode =
  | "malformed"
  | "bad-signature"
  | "bad-session-id-signature"
  | "missing-expiry"
  | "expired";

export interface TokenRejection<Code extends TokenRejectionCode = TokenRejectionCode> {
  readonly code: Code;
  /** For logs; never contains the token itself. */
  readonly message: string;
}

export type TokenResult<Payload, Code extends TokenRejectionCode = TokenRejectionCode> =
  | { readonly ok: true; readonly payload: Payload }
  | { readonly ok: false; readonly reason: TokenRejection<Code> };

export function reject<Code extends TokenRejectionCode>(
  code: Code,
  message: string,
): { ok: false; reason: TokenRejection<Code> } {
  return { ok: false, reason: { code, message } };
}
