import { isTokenObject, type TokenObject, type TokenValue } from "./token-value.js";

/** A decoded token. */
export interface TokenPayload {
  /** `session_id` of the outer payload (where Python's `get_session_id` reads it). */
  readonly sessionId: string;
  /** `session_expiry` in Unix seconds; undefined when the token has none. */
  readonly sessionExpiry: number | undefined;
  /**
   * Every field but `session_id`, with the extra payload inflated and merged
   * in: what Python's `get_token_payload` returns and app code sees as
   * `session_context.token_payload`.
   */
  readonly fields: TokenObject;
  /** The request headers the token carries, if any. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly cookies: Readonly<Record<string, string>> | undefined;
  /** The request's query arguments as bytes (Bokeh's `request.arguments`), if any. */
  readonly arguments: Readonly<Record<string, readonly Buffer[]>> | undefined;
  /** Last value of a query argument as UTF-8 text (like Tornado's `get_argument`). */
  argument(name: string): string | undefined;
  /** Every value of a query argument as UTF-8 text (like Tornado's `get_arguments`). */
  argumentList(name: string): string[];
}

function isStringRecord(value: TokenValue | undefined): value is Readonly<Record<string, string>> {
  return isTokenObject(value) && Object.values(value).every((member) => typeof member === "string");
}

function isArgumentsRecord(value: TokenValue | undefined): value is Readonly<Record<string, readonly Buffer[]>> {
  return (
    isTokenObject(value) &&
    Object.values(value).every((values) => Array.isArray(values) && values.every((v) => Buffer.isBuffer(v)))
  );
}

function hasOwn(fields: TokenObject, key: string): boolean {
  return Object.hasOwn(fields, key);
}

/**
 * Checks the types of the fields Bokeh relies on and wraps them; a message
 * when one has the wrong type.
 */
export function toTokenPayload(sessionId: string, fields: TokenObject): TokenPayload | string {
  const expiry = hasOwn(fields, "session_expiry") ? fields.session_expiry : undefined;
  if (expiry !== undefined && (typeof expiry !== "number" || !Number.isFinite(expiry)))
    return "session_expiry is not a number";
  const headers = hasOwn(fields, "headers") ? fields.headers : undefined;
  if (headers !== undefined && !isStringRecord(headers)) return "headers is not an object of strings";
  const cookies = hasOwn(fields, "cookies") ? fields.cookies : undefined;
  if (cookies !== undefined && !isStringRecord(cookies)) return "cookies is not an object of strings";
  const args = hasOwn(fields, "arguments") ? fields.arguments : undefined;
  if (args !== undefined && !isArgumentsRecord(args)) return "arguments is not an object of byte lists";

  const argumentList = (name: string): string[] => {
    const values = args !== undefined && hasOwn(args, name) ? args[name] : undefined;
    return values === undefined ? [] : values.map((bytes) => bytes.toString("utf8"));
  };
  return Object.freeze({
    sessionId,
    sessionExpiry: expiry,
    fields,
    headers,
    cookies,
    arguments: args,
    argument: (name: string) => argumentList(name).at(-1),
    argumentList,
  });
}
