import { createHmac, timingSafeEqual } from "node:crypto";

/** `BOKEH_SECRET_KEY`: text (used as UTF-8) or raw bytes. */
export type SecretKey = string | Uint8Array;

/** base64url-nopad HMAC-SHA256 of the UTF-8 message: Bokeh's signature for ids and tokens. */
export function sign(message: string, secretKey: SecretKey): string {
  return createHmac("sha256", secretKey).update(message, "utf8").digest("base64url");
}

/** Constant-time check that `provided` is the signature of `message`. */
export function signatureMatches(message: string, provided: string, secretKey: SecretKey): boolean {
  const expected = Buffer.from(sign(message, secretKey), "utf8");
  const given = Buffer.from(provided, "utf8");
  // Only the length leaks, and every valid signature has the same length.
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Signing without a key is a configuration error, not bad input: fail loudly. */
export function requireSecretKey(secretKey: SecretKey | undefined): SecretKey {
  if (secretKey === undefined || secretKey.length === 0) {
    throw new TypeError("signed session ids and tokens need a non-empty secretKey");
  }
  return secretKey;
}
