import { deflateSync } from "node:zlib";
import t from "tap";
import { encodeBase64Url } from "../../src/encoding/base64url.js";
import { toPythonJson } from "../../src/encoding/python-json.js";
import {
  checkTokenSignature,
  decodeToken,
  generateSessionId,
  generateToken,
  type TokenPayload,
  type TokenRejectionCode,
  type TokenResult,
  validateToken,
} from "../../src/index.js";
import { sign } from "../../src/signing/hmac.js";
import { splitSigned } from "../helpers/checked.js";

const SECRET = "another-test-secret";
const EXPIRY = 1_900_000_000;
const NOW = (EXPIRY - 60) * 1000;
const signed = { signed: true, secretKey: SECRET, now: NOW } as const;
const unsigned = { signed: false, now: NOW } as const;

function rejection(result: TokenResult<TokenPayload>): TokenRejectionCode | "ok" {
  return result.ok ? "ok" : result.reason.code;
}

/** A token over an arbitrary outer payload text, signed with SECRET. */
function signedTokenFor(json: string): string {
  const base = encodeBase64Url(json);
  return `${base}.${sign(base, SECRET)}`;
}

t.test("expiry boundary: valid up to the last millisecond before session_expiry", async (t) => {
  const token = generateToken({ sessionId: "abc", expiresAt: EXPIRY, signed: false }).token;
  t.equal(rejection(validateToken(token, { signed: false, now: EXPIRY * 1000 - 1 })), "ok");
  const atExpiry = validateToken(token, { signed: false, now: EXPIRY * 1000 });
  t.equal(rejection(atExpiry), "expired");
  t.equal(rejection(validateToken(token, { signed: false, now: EXPIRY * 1000 + 5_000 })), "expired");
  t.match(atExpiry.ok ? "" : atExpiry.reason.message, /1900000000/);
});

t.test("missing and non-numeric session_expiry", async (t) => {
  const noExpiry = encodeBase64Url('{"session_id": "abc"}');
  t.equal(rejection(validateToken(noExpiry, unsigned)), "missing-expiry");
  t.equal(
    rejection(
      validateToken(
        signedTokenFor(`{"session_id": "${generateSessionId({ signed: true, secretKey: SECRET })}"}`),
        signed,
      ),
    ),
    "missing-expiry",
  );
  t.equal(
    rejection(validateToken(encodeBase64Url('{"session_id": "abc", "session_expiry": "soon"}'), unsigned)),
    "malformed",
  );
  // decodeToken alone does not require an expiry
  const decoded = decodeToken(noExpiry);
  t.ok(decoded.ok && decoded.payload.sessionExpiry === undefined);
});

t.test("signed tokens", async (t) => {
  const sessionId = generateSessionId({ signed: true, secretKey: SECRET });
  const token = generateToken({ sessionId, expiresAt: EXPIRY, signed: true, secretKey: SECRET }).token;
  t.equal(rejection(validateToken(token, signed)), "ok");
  t.ok(checkTokenSignature(token, SECRET));

  t.test("forged signature", async (t) => {
    const [base, signature] = splitSigned(token);
    const forged = `${base}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    t.equal(rejection(validateToken(forged, signed)), "bad-signature");
    t.notOk(checkTokenSignature(forged, SECRET));
    t.equal(rejection(validateToken(`${base}.`, signed)), "bad-signature");
    t.equal(rejection(validateToken(`${base}.${signature}x`, signed)), "bad-signature");
  });

  t.test("wrong secret", async (t) => {
    t.equal(rejection(validateToken(token, { ...signed, secretKey: "other" })), "bad-signature");
    t.notOk(checkTokenSignature(token, "other"));
  });

  t.test("tampered payload keeps the old signature", async (t) => {
    const signature = token.split(".")[1];
    const later = generateToken({ sessionId, expiresAt: EXPIRY + 10_000, signed: false }).token;
    t.equal(rejection(validateToken(`${later}.${signature}`, signed)), "bad-signature");
    const otherId = generateToken({
      sessionId: generateSessionId({ signed: true, secretKey: SECRET }),
      expiresAt: EXPIRY,
      signed: false,
    }).token;
    t.equal(rejection(validateToken(`${otherId}.${signature}`, signed)), "bad-signature");
  });

  t.test("unsigned token against a signing check", async (t) => {
    const plain = generateToken({ sessionId, expiresAt: EXPIRY, signed: false }).token;
    const result = validateToken(plain, signed);
    t.equal(rejection(result), "bad-signature");
    t.match(result.ok ? "" : result.reason.message, /not signed/);
    t.notOk(checkTokenSignature(plain, SECRET));
  });

  t.test("validly signed token around a session id that is not", async (t) => {
    for (const badId of [
      "NotSigned1234",
      `${sessionId.split(".")[0]}.${"A".repeat(43)}`,
      generateSessionId({ signed: true, secretKey: "other" }),
    ]) {
      const tok = generateToken({ sessionId: badId, expiresAt: EXPIRY, signed: true, secretKey: SECRET }).token;
      t.equal(rejection(validateToken(tok, signed)), "bad-session-id-signature", badId);
      t.notOk(checkTokenSignature(tok, SECRET), badId);
      // unsigned mode checks neither
      t.equal(rejection(validateToken(tok, unsigned)), "ok", badId);
    }
  });

  t.test("signature is checked before the payload is read", async (t) => {
    // Garbage after a bogus signature must be refused for its signature, not parsed.
    t.equal(rejection(validateToken("%%%.abc", signed)), "bad-signature");
    // ...while a validly signed garbage payload is malformed.
    t.equal(rejection(validateToken(`${"%%%"}.${sign("%%%", SECRET)}`, signed)), "malformed");
  });
});

t.test("garbage tokens are refused with a reason, never an exception", async (t) => {
  const huge = "A".repeat(2_000_000);
  const cases: [string, string, TokenRejectionCode, TokenRejectionCode][] = [
    ["not-a-token", "not-a-token", "malformed", "bad-signature"],
    ["empty", "", "malformed", "malformed"],
    ["two dots", "..", "malformed", "bad-signature"],
    ["huge", huge, "malformed", "bad-signature"],
    ["huge with a dot", `${huge}.${huge}`, "malformed", "bad-signature"],
    [
      "padding",
      `${encodeBase64Url('{"session_id": "a", "session_expiry": 1900000000}')}==`,
      "malformed",
      "bad-signature",
    ],
    ["JSON array", encodeBase64Url('["session_id"]'), "malformed", "bad-signature"],
    ["JSON null", encodeBase64Url("null"), "malformed", "bad-signature"],
    ["no session_id", encodeBase64Url('{"session_expiry": 1900000000}'), "malformed", "bad-signature"],
    [
      "numeric session_id",
      encodeBase64Url('{"session_id": 7, "session_expiry": 1900000000}'),
      "malformed",
      "bad-signature",
    ],
    [
      "empty session_id",
      encodeBase64Url('{"session_id": "", "session_expiry": 1900000000}'),
      "malformed",
      "bad-signature",
    ],
    ["not UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("base64url"), "malformed", "bad-signature"],
    ["unicode", "tökén", "malformed", "bad-signature"],
  ];
  for (const [name, token, unsignedCode, signedCode] of cases) {
    const plain = validateToken(token, unsigned);
    t.equal(rejection(plain), unsignedCode, `${name} (unsigned)`);
    t.ok(plain.ok || plain.reason.message.length > 0, `${name} has a message`);
    t.ok(plain.ok || plain.reason.message.length < 200, `${name} message does not echo the token`);
    t.equal(rejection(validateToken(token, signed)), signedCode, `${name} (signed)`);
    t.notOk(checkTokenSignature(token, SECRET), `${name} checkTokenSignature`);
    t.notOk(decodeToken(token).ok, `${name} decodeToken`);
  }
  // Not strings at all (JavaScript callers)
  t.equal(rejection(validateToken(undefined as unknown as string, signed)), "malformed");
  t.notOk(checkTokenSignature(42 as unknown as string, SECRET));
});

t.test("broken extra payloads are malformed", async (t) => {
  const outer = (zlib: string) =>
    encodeBase64Url(`{"session_id": "abc", "session_expiry": ${EXPIRY}, "__bk__zlib_": ${zlib}}`);
  const deflated = (json: string) => JSON.stringify(encodeBase64Url(deflateSync(Buffer.from(json))));
  const cases: [string, string, RegExp][] = [
    ["not a string", outer("42"), /not a string/],
    ["not base64url", outer('"%%"'), /not base64url/],
    ["not zlib", outer(JSON.stringify(encodeBase64Url("plain text"))), /zlib/],
    ["not JSON", outer(deflated("{nope")), /not JSON/],
    ["not an object", outer(deflated("[1, 2]")), /not a JSON object/],
    ["bad bytes", outer(deflated('{"arguments": {"a": [{"bytes": "%%"}]}}')), /bytes/],
    ["headers not strings", outer(deflated('{"headers": {"Host": 1}}')), /headers/],
    ["cookies not an object", outer(deflated('{"cookies": []}')), /cookies/],
    ["arguments not bytes", outer(deflated('{"arguments": {"a": ["x"]}}')), /arguments/],
    ["zip bomb", outer(JSON.stringify(encodeBase64Url(deflateSync(Buffer.alloc(2 * 1024 * 1024, 0x20))))), /1 MiB/],
  ];
  for (const [name, token, message] of cases) {
    const result = validateToken(token, unsigned);
    t.equal(rejection(result), "malformed", name);
    t.match(result.ok ? "" : result.reason.message, message, name);
  }
});

t.test("extra payload round trip", async (t) => {
  const binary = Uint8Array.from([0, 1, 2, 254, 255]);
  const token = generateToken({
    sessionId: "round-trip",
    expiresAt: EXPIRY,
    signed: false,
    extraPayload: {
      headers: { Host: "example.org", "X-Name": "Zürich ☃ 😀", Quote: '"\\\n\u007f' },
      cookies: { session: "c\u00e9" },
      arguments: { name: ["first", "second"], raw: [binary], empty: [] },
      app_data: { nested: [1, 2.5, true, null, Buffer.from("x")] },
    },
  }).token;
  // BokehJS decodes the outer payload with atob (Latin-1): it must be ASCII.
  const outerText = atob(token.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (token.length % 4)) % 4));
  t.match(outerText, /^[\x20-\x7e]+$/);
  t.ok(JSON.parse(outerText).__bk__zlib_);

  const result = validateToken(token, unsigned);
  t.ok(result.ok);
  if (!result.ok) return;
  const { payload } = result;
  t.equal(payload.sessionId, "round-trip");
  t.same(payload.headers, { Host: "example.org", "X-Name": "Zürich ☃ 😀", Quote: '"\\\n\u007f' });
  t.same(payload.cookies, { session: "c\u00e9" });
  t.same(payload.argumentList("name"), ["first", "second"]);
  t.equal(payload.argument("name"), "second", "last value, as Tornado");
  t.equal(payload.argument("missing"), undefined);
  t.same(payload.argumentList("missing"), []);
  t.equal(payload.argument("empty"), undefined);
  t.ok(Buffer.isBuffer(payload.arguments?.raw?.[0]));
  t.same([...(payload.arguments?.raw?.[0] ?? [])], [0, 1, 2, 254, 255]);
  t.same(payload.fields.app_data, { nested: [1, 2.5, true, null, Buffer.from("x")] });
  t.same(Object.keys(payload.fields).sort(), ["app_data", "arguments", "cookies", "headers", "session_expiry"]);
  t.notOk("session_id" in payload.fields, "as Python: session_id is not among the fields");
});

t.test("empty extra payload is left out, as Python does", async (t) => {
  const plain = generateToken({ sessionId: "x", expiresAt: EXPIRY, signed: false }).token;
  t.equal(generateToken({ sessionId: "x", expiresAt: EXPIRY, signed: false, extraPayload: {} }).token, plain);
  t.equal(
    generateToken({ sessionId: "x", expiresAt: EXPIRY, signed: false, extraPayload: { headers: undefined } }).token,
    plain,
  );
  const decoded = decodeToken(plain);
  t.ok(decoded.ok && decoded.payload.headers === undefined && decoded.payload.arguments === undefined);
});

t.test("the extra payload is merged over the outer fields, as Python does", async (t) => {
  const extra = encodeBase64Url(deflateSync(Buffer.from('{"session_expiry": 5, "session_id": "ignored", "k": "v"}')));
  const token = encodeBase64Url(`{"session_id": "outer", "session_expiry": ${EXPIRY}, "__bk__zlib_": "${extra}"}`);
  const decoded = decodeToken(token);
  t.ok(decoded.ok);
  if (!decoded.ok) return;
  t.equal(decoded.payload.sessionId, "outer");
  t.equal(decoded.payload.sessionExpiry, 5);
  t.same(decoded.payload.fields, { session_expiry: 5, k: "v" });
});

t.test("generateToken refuses bad options", async (t) => {
  t.throws(() => generateToken({ sessionId: "x", expiresAt: EXPIRY, signed: true }).token, TypeError);
  t.throws(() => generateToken({ sessionId: "x", expiresAt: EXPIRY, signed: true, secretKey: "" }).token, TypeError);
  t.throws(() => generateToken({ sessionId: "", expiresAt: EXPIRY, signed: false }).token, TypeError);
  t.throws(() => generateToken({ sessionId: "x", expiresAt: 1.5, signed: false }).token, RangeError);
  t.throws(
    () => generateToken({ sessionId: "x", expiresAt: EXPIRY, signed: false, extraPayload: { n: Number.NaN } }).token,
    RangeError,
  );
  const withSessionId = { session_id: "x" } as unknown as Parameters<typeof generateToken>[0]["extraPayload"];
  t.throws(
    () => generateToken({ sessionId: "x", expiresAt: EXPIRY, signed: false, extraPayload: withSessionId }).token,
    /session_id/,
  );
  t.throws(
    () => validateToken("x", { signed: true, now: NOW }),
    TypeError,
    "signing without a key is a configuration error",
  );
});

t.test("a secret key may be bytes", async (t) => {
  const key = Buffer.from(SECRET, "utf8");
  const token = generateToken({
    sessionId: generateSessionId({ signed: true, secretKey: key }),
    expiresAt: EXPIRY,
    signed: true,
    secretKey: key,
  }).token;
  t.equal(rejection(validateToken(token, signed)), "ok", "same as the UTF-8 text key");
});

t.test("Python-style JSON writer", async (t) => {
  t.equal(
    toPythonJson({ a: [1, "b", null, true, false], c: {}, d: [] }),
    '{"a": [1, "b", null, true, false], "c": {}, "d": []}',
  );
  t.equal(
    toPythonJson('é\u2603\ud83d\ude00\u007f\u0001\n"\\'),
    '"\\u00e9\\u2603\\ud83d\\ude00\\u007f\\u0001\\n\\"\\\\"',
  );
  t.equal(toPythonJson({ skipped: undefined, kept: 0 }), '{"kept": 0}');
  t.throws(() => toPythonJson(Number.POSITIVE_INFINITY), RangeError);
});

t.test("generateToken returns the payload decodeToken reads back from its token", async (t) => {
  const extraPayloads = [
    undefined,
    {},
    { headers: undefined },
    {
      headers: { Host: "localhost:5006", "X-Ünïcode": "wert" },
      cookies: { session: "abc" },
      arguments: { user: ["alice", new Uint8Array([0, 255])], empty: [] },
      custom: { nested: [1, 2.5, null, true, "x", new Uint8Array([7])], gone: undefined },
      session_expiry: 42,
    },
  ];
  for (const extraPayload of extraPayloads) {
    const minted = generateToken({
      sessionId: "abc",
      expiresAt: EXPIRY,
      signed: false,
      ...(extraPayload !== undefined ? { extraPayload } : {}),
    });
    const decoded = decodeToken(minted.token);
    if (!decoded.ok) {
      t.fail(decoded.reason.message);
      continue;
    }
    const { payload } = minted;
    t.equal(payload.sessionId, decoded.payload.sessionId);
    t.equal(payload.sessionExpiry, decoded.payload.sessionExpiry);
    t.same(payload.fields, decoded.payload.fields, "fields, bytes as Buffers included");
    t.same(Object.keys(payload.fields), Object.keys(decoded.payload.fields), "in the same order");
    t.same(payload.headers, decoded.payload.headers);
    t.same(payload.cookies, decoded.payload.cookies);
    t.same(payload.argumentList("user"), decoded.payload.argumentList("user"));
  }
});
