import { deflateSync, inflateSync } from "node:zlib";
import { decodeBase64Url, encodeBase64Url } from "../encoding/base64url.js";
import { type JsonValue, toPythonJson } from "../encoding/python-json.js";
import { isTokenObject, type TokenObject, type TokenValue } from "./token-value.js";

/** Key of the outer payload that carries the compressed extra payload. */
export const EXTRA_PAYLOAD_KEY = "__bk__zlib_";

/** Anything beyond this inflated size is refused rather than held in memory (zip bombs). */
const MAX_INFLATED_BYTES = 1024 * 1024;

export type ExtraPayloadValue =
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | readonly ExtraPayloadValue[]
  | { readonly [key: string]: ExtraPayloadValue | undefined };

/**
 * What a page request puts in its token for the session to see (Bokeh's
 * request context), plus whatever an app's `process_request` hook adds.
 * Bytes anywhere are written as `{"bytes": base64url}`; `arguments` values
 * given as strings are written as their UTF-8 bytes, as Python holds them.
 */
export interface ExtraPayload {
  /** Request headers, names as sent. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cookies?: Readonly<Record<string, string>>;
  /** Query arguments: name → every value, in order. */
  readonly arguments?: Readonly<Record<string, readonly (string | Uint8Array)[]>>;
  /** Bokeh refuses it: the session id lives in the outer payload only. */
  readonly session_id?: never;
  readonly [key: string]: ExtraPayloadValue | undefined;
}

function toJson(value: ExtraPayloadValue): JsonValue {
  if (value instanceof Uint8Array) return { bytes: encodeBase64Url(value) };
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, member === undefined ? undefined : toJson(member)]),
    );
  }
  return value;
}

function argumentsToBytes(args: NonNullable<ExtraPayload["arguments"]>): Record<string, Uint8Array[]> {
  return Object.fromEntries(
    Object.entries(args).map(([name, values]) => [
      name,
      values.map((v) => (typeof v === "string" ? Buffer.from(v, "utf8") : v)),
    ]),
  );
}

type ExtraPayloadList = readonly ExtraPayloadValue[];

// Array.isArray does not narrow readonly arrays out of a union.
const isList = (value: ExtraPayloadValue): value is ExtraPayloadList => Array.isArray(value);

function toTokenValue(value: ExtraPayloadValue): TokenValue {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (isList(value)) return value.map(toTokenValue);
  if (typeof value === "object" && value !== null) return definedFields(value);
  return value;
}

function definedFields(record: { readonly [key: string]: ExtraPayloadValue | undefined }): TokenObject {
  const out: Record<string, TokenValue> = {};
  for (const [key, member] of Object.entries(record)) if (member !== undefined) out[key] = toTokenValue(member);
  return out;
}

/**
 * The extra payload as a token's reader sees it once decoded: bytes as Buffers, `arguments` strings as their UTF-8
 * bytes, members that are undefined left out.
 */
export function extraPayloadFields(extra: ExtraPayload): TokenObject {
  return definedFields(
    extra.arguments === undefined ? extra : { ...extra, arguments: argumentsToBytes(extra.arguments) },
  );
}

/** The JSON text that gets compressed, exactly as Python's json.dumps would write it. */
export function extraPayloadJson(extra: ExtraPayload): string {
  // Spread keeps the key order; `arguments` is replaced where it stands.
  const json = toJson(
    extra.arguments === undefined ? extra : { ...extra, arguments: argumentsToBytes(extra.arguments) },
  );
  return toPythonJson(json);
}

/**
 * The `__bk__zlib_` value for `extra`, or undefined when there is nothing to
 * carry (Python leaves the key out for an empty extra payload).
 */
export function encodeExtraPayload(extra: ExtraPayload): string | undefined {
  if (extra.session_id !== undefined)
    throw new TypeError("the extra payload of a session token may not contain 'session_id'");
  if (Object.values(extra).every((value) => value === undefined)) return undefined;
  return encodeBase64Url(deflateSync(Buffer.from(extraPayloadJson(extra), "utf8"), { level: 9 }));
}

class UndecodableBytes extends Error {}

function restoreBytes(_key: string, value: unknown): unknown {
  if (!isTokenObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== "bytes" || typeof value.bytes !== "string") return value;
  const bytes = decodeBase64Url(value.bytes);
  if (bytes === undefined) throw new UndecodableBytes();
  return bytes;
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Inverse of {@link encodeExtraPayload}; never throws. */
export function decodeExtraPayload(encoded: TokenValue): Decoded<TokenObject> {
  if (typeof encoded !== "string") return { ok: false, message: `${EXTRA_PAYLOAD_KEY} is not a string` };
  const compressed = decodeBase64Url(encoded);
  if (compressed === undefined) return { ok: false, message: `${EXTRA_PAYLOAD_KEY} is not base64url` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(
      inflateSync(compressed, { maxOutputLength: MAX_INFLATED_BYTES }),
    );
  } catch (error) {
    const tooLarge = error instanceof RangeError;
    return {
      ok: false,
      message: tooLarge ? "extra payload inflates beyond 1 MiB" : "extra payload is not zlib-compressed UTF-8",
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text, restoreBytes);
  } catch (error) {
    const badBytes = error instanceof UndecodableBytes;
    return {
      ok: false,
      message: badBytes ? "extra payload holds bytes that are not base64url" : "extra payload is not JSON",
    };
  }
  return isTokenObject(value) ? { ok: true, value } : { ok: false, message: "extra payload is not a JSON object" };
}
