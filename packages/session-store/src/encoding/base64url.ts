// Bokeh writes every base64 part of ids and tokens in the URL-safe alphabet
// without `=` padding.

const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/;

export function encodeBase64Url(data: Uint8Array | string): string {
  const bytes =
    typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return bytes.toString("base64url");
}

/**
 * Strict counterpart of {@link encodeBase64Url}: undefined for anything that
 * is not unpadded base64url (Node's own decoder silently skips bad characters).
 */
export function decodeBase64Url(text: string): Buffer | undefined {
  // A lone trailing character carries fewer than 8 bits: no valid encoding ends that way.
  if (!BASE64URL_TEXT.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, "base64url");
}
