import { createHmac, timingSafeEqual } from "node:crypto";

/** The header a node sends when it relays a client's websocket to the session's owner. */
export const RELAY_HEADER = "x-fastify-bokeh-relay";

/** How old a relay signature may be: the relay opens its connection right after signing. */
const MAX_AGE_MS = 60_000;

const mac = (secretKey: string, sessionId: string, at: number, nodeId: string): string =>
  createHmac("sha256", secretKey).update(`relay:${sessionId}:${at}:${nodeId}`).digest("base64url");

/** `<node>.<ms>.<hmac>`: proves to the owner that a node of the cluster (it knows the secret key) sent the relay. */
export function signRelay(secretKey: string, sessionId: string, nodeId: string, now = Date.now()): string {
  return `${nodeId}.${now}.${mac(secretKey, sessionId, now, nodeId)}`;
}

/** Whether `header` is a fresh relay signature for `sessionId` made with `secretKey`. */
export function verifyRelay(secretKey: string, sessionId: string, header: string, now = Date.now()): boolean {
  const [nodeId, at, signature] = header.split(".");
  if (nodeId === undefined || at === undefined || signature === undefined) return false;
  const time = Number(at);
  if (!Number.isSafeInteger(time) || Math.abs(now - time) > MAX_AGE_MS) return false;
  const expected = Buffer.from(mac(secretKey, sessionId, time, nodeId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
