import { randomBytes } from "node:crypto";
import { requireSecretKey, type SecretKey, sign, signatureMatches } from "../signing/hmac.js";

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE_ID_LENGTH = 44;
/** Largest multiple of the alphabet size that fits a byte: bytes from here up would bias the low characters. */
const UNBIASED_BYTE_LIMIT = 256 - (256 % ALPHABET.length);
/** 44 characters need ~46 bytes on average at 62/256 rejection; 64 almost always suffice in one draw. */
const RANDOM_BATCH = 64;

export interface SessionIdOptions {
  readonly signed: boolean;
  /** Required when `signed`. */
  readonly secretKey?: SecretKey;
}

/**
 * A new session id: 44 characters drawn uniformly from [a-zA-Z0-9] with the
 * OS CSPRNG; when signed, followed by `.` and the HMAC of those 44 characters.
 */
export function generateSessionId(options: SessionIdOptions): string {
  const key = options.signed ? requireSecretKey(options.secretKey) : undefined;
  let base = "";
  while (base.length < BASE_ID_LENGTH) {
    for (const byte of randomBytes(RANDOM_BATCH)) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      base += ALPHABET[byte % ALPHABET.length];
      if (base.length === BASE_ID_LENGTH) break;
    }
  }
  return key === undefined ? base : `${base}.${sign(base, key)}`;
}

/**
 * Whether `sessionId` is `<base>.<signature of base>` for this key (split at
 * the first `.`, constant-time comparison). A bad id gives false, never an
 * exception; a missing key throws, being a configuration error.
 */
export function checkSessionIdSignature(sessionId: string, secretKey: SecretKey): boolean {
  const key = requireSecretKey(secretKey);
  if (typeof sessionId !== "string") return false;
  const dot = sessionId.indexOf(".");
  return dot >= 0 && signatureMatches(sessionId.slice(0, dot), sessionId.slice(dot + 1), key);
}
