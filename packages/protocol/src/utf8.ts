import { Buffer } from "node:buffer";

/** UTF-8 byte length of a string (what the string occupied as a websocket text frame). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** `text` cut to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // Every UTF-16 code unit takes at most 3 UTF-8 bytes, so short strings need no encoding.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Back off UTF-8 continuation bytes (10xxxxxx); `end` < bytes.length here, so the byte exists.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString("utf8");
}
