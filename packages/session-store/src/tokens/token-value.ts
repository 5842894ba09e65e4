/** A value decoded from a token: JSON, with the extra payload's `{"bytes": …}` objects turned back into bytes. */
export type TokenValue = null | boolean | number | string | Buffer | readonly TokenValue[] | TokenObject;

export interface TokenObject {
  readonly [key: string]: TokenValue;
}

/** A JSON object: not null, an array or bytes. */
export function isTokenObject(value: unknown): value is TokenObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
