import { generateSessionId, generateToken } from "@fastify-bokeh/session-store";
import t from "tap";
import { headLength, parseRequestHead, type RequestHead } from "../../src/cluster/request-head.js";
import { requestSessionId } from "../../src/cluster/route-key.js";
import { ownerSlot } from "../../src/cluster/session-owner.js";
import { ownedSessionIds, requiredSlot } from "../../src/cluster/session-placement.js";

const head = (text: string): RequestHead => {
  const parsed = parseRequestHead(Buffer.from(text, "latin1"));
  if (parsed === undefined) throw new Error(`unparsable head: ${text}`);
  return parsed;
};

const tokenFor = (sessionId: string): string =>
  generateToken({ signed: false, sessionId, expiresAt: 2_000_000_000, extraPayload: { headers: {}, cookies: {} } })
    .token;

t.test("the request head: complete only after the blank line; target and headers", async (t) => {
  t.equal(headLength(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n")), -1, "not complete yet");
  const bytes = Buffer.from(
    "GET /app?a=1 HTTP/1.1\r\nHost: x\r\nBokeh-Session-Id: S1\r\nbokeh-session-id: S2\r\n\r\nbody",
  );
  const length = headLength(bytes);
  t.equal(bytes.subarray(length).toString(), "body", "the head ends before the body");
  const parsed = head(bytes.subarray(0, length).toString("latin1"));
  t.equal(parsed.target, "/app?a=1");
  t.equal(parsed.header("bokeh-session-id"), "S1", "names are case-insensitive; the first value counts");
  t.equal(parsed.header("cookie"), undefined);
  t.equal(parseRequestHead(Buffer.from("not http\r\n\r\n")), undefined, "a bad request line is refused");
});

t.test("the session a request is for, wherever the plugin reads it", async (t) => {
  const id = "session-one";
  const websocket = `GET /app/ws HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: bokeh, ${tokenFor(id)}\r\n\r\n`;
  t.equal(requestSessionId(head(websocket)), id, "the websocket's token");
  t.equal(requestSessionId(head(`GET /app?bokeh-token=${tokenFor(id)} HTTP/1.1\r\n\r\n`)), id, "bokeh-token");
  t.equal(requestSessionId(head(`GET /app?bokeh-session-id=${id} HTTP/1.1\r\n\r\n`)), id, "the argument");
  t.equal(requestSessionId(head(`GET /app HTTP/1.1\r\nBokeh-Session-Id: ${id}\r\n\r\n`)), id, "the header");
  t.equal(requestSessionId(head("GET /app HTTP/1.1\r\nHost: x\r\n\r\n")), undefined, "a new page: any worker");
  t.equal(requestSessionId(head("GET /app/ws HTTP/1.1\r\nSec-WebSocket-Protocol: bokeh, garbage\r\n\r\n")), undefined);
  t.equal(requestSessionId(head("GET /app?bokeh-session-id= HTTP/1.1\r\n\r\n")), undefined, "an empty id");
});

t.test("ownership: stable, spread over the workers, and what each worker generates", async (t) => {
  t.equal(ownerSlot("abc", 7), ownerSlot("abc", 7), "the same id always maps to the same worker");
  t.equal(ownerSlot("abc", 1), 0);
  const counts = [0, 0, 0];
  for (let i = 0; i < 600; i++) {
    const slot = ownerSlot(generateSessionId({ signed: false }), 3);
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  for (const count of counts) t.ok(count > 120 && count < 280, `about a third of random ids per worker (${count})`);
  const accepts = ownedSessionIds("pinned", 1, 3);
  if (accepts === undefined) throw new Error("pinned placement restricts ids");
  const id = ["a", "b", "c", "d", "e", "f", "g"].find((s) => ownerSlot(s, 3) === 1) ?? "";
  t.ok(accepts(id), "a worker accepts its own ids");
  t.notOk(accepts(["a", "b", "c", "d", "e"].find((s) => ownerSlot(s, 3) !== 1) ?? ""), "and no other's");
  const websocket = head(`GET /ws HTTP/1.1\r\nSec-WebSocket-Protocol: bokeh, ${tokenFor(id)}\r\n\r\n`);
  t.equal(requiredSlot("pinned", websocket, 3), 1, "pinned: the owner serves the websocket");
  t.equal(requiredSlot("shared", websocket, 3), undefined, "shared: any worker may");
  t.equal(ownedSessionIds("shared", 1, 3), undefined, "shared: workers generate any id");
});
