// §3.6 of the protocol reference, reproduced value by value.

import { createHmac } from "node:crypto";
import { inflateSync } from "node:zlib";
import t from "tap";
import { encodeBase64Url } from "../../src/encoding/base64url.js";
import { checkSessionIdSignature, checkTokenSignature, generateToken, validateToken } from "../../src/index.js";
import { sign } from "../../src/signing/hmac.js";
import { extraPayloadJson } from "../../src/tokens/extra-payload.js";
import { splitSigned } from "../helpers/checked.js";

const SECRET = "test-secret-do-not-use";
const BASE_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqr";
const ID_SIGNATURE = "BkAK_ncGxQIhS2JMtfQwIFaOBWGQy0kQ8c7SXsmmSf0";
const SIGNED_ID = `${BASE_ID}.${ID_SIGNATURE}`;
const EXPIRY = 1_800_000_000;
const PAYLOAD_TEXT = `{"session_id": "${SIGNED_ID}", "session_expiry": 1800000000}`;
const B =
  "eyJzZXNzaW9uX2lkIjogIkFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaYWJjZGVmZ2hpamtsbW5vcHFyLkJrQUtfbmNHeFFJaFMySk10ZlF3SUZhT0JXR1F5MGtROGM3U1hzbW1TZjAiLCAic2Vzc2lvbl9leHBpcnkiOiAxODAwMDAwMDAwfQ";
const S = "oxHqi93QxqaxVN2MtuOmSlERs_48NrUuu5VE5UgjAao";
const PYTHON_EXTRA =
  "eNqrVspITUxJLSpWslKoVvLILy4BMpRy8pMTczKAHCtTAwMzpVodBaXk_PzszFSwMhA3sSi9NDc1rwSir7Q4tQjIiK5WSqosAStSigyvKIg0ClWqja2tBQB9sCDO";
const EXTRA_TOKEN_SIGNATURE = "q9Np9Ustkq3g2hj-Dkc1gORB_gj-m_ulzozemFU3mVg";
const UNSIGNED_TOKEN =
  "eyJzZXNzaW9uX2lkIjogIkFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaYWJjZGVmZ2hpamtsbW5vcHFyIiwgInNlc3Npb25fZXhwaXJ5IjogMTgwMDAwMDAwMH0";
const BEFORE_EXPIRY = (EXPIRY - 1) * 1000;

t.test("session id signature", async (t) => {
  t.equal(
    createHmac("sha256", SECRET).update(BASE_ID).digest("hex"),
    "06400afe7706c502214b624cb5f43020568e056190cb4910f1ced25ec9a649fd",
  );
  t.equal(sign(BASE_ID, SECRET), ID_SIGNATURE);
  t.ok(checkSessionIdSignature(SIGNED_ID, SECRET));
});

t.test("signed token without extra payload", async (t) => {
  t.equal(encodeBase64Url(PAYLOAD_TEXT), B);
  const token = generateToken({ sessionId: SIGNED_ID, expiresAt: EXPIRY, signed: true, secretKey: SECRET }).token;
  t.equal(token, `${B}.${S}`);
  t.ok(checkTokenSignature(token, SECRET));
  const result = validateToken(token, { signed: true, secretKey: SECRET, now: BEFORE_EXPIRY });
  t.ok(result.ok);
  if (result.ok) {
    t.equal(result.payload.sessionId, SIGNED_ID);
    t.equal(result.payload.sessionExpiry, EXPIRY);
    t.same(result.payload.fields, { session_expiry: EXPIRY });
  }
});

t.test("unsigned token", async (t) => {
  const token = generateToken({ sessionId: BASE_ID, expiresAt: EXPIRY, signed: false }).token;
  t.equal(token, UNSIGNED_TOKEN);
  const result = validateToken(token, { signed: false, now: BEFORE_EXPIRY });
  t.ok(result.ok);
});

t.test("token with Python's extra payload", async (t) => {
  const base = encodeBase64Url(
    `{"session_id": "${SIGNED_ID}", "session_expiry": 1800000000, "__bk__zlib_": "${PYTHON_EXTRA}"}`,
  );
  t.equal(sign(base, SECRET), EXTRA_TOKEN_SIGNATURE, "the reference token is rebuilt exactly");
  const token = `${base}.${EXTRA_TOKEN_SIGNATURE}`;
  const result = validateToken(token, { signed: true, secretKey: SECRET, now: BEFORE_EXPIRY });
  t.ok(result.ok);
  if (!result.ok) return;
  const { payload } = result;
  t.same(payload.headers, { Host: "localhost:5006" });
  t.same(payload.cookies, {});
  t.same(Object.keys(payload.arguments ?? {}), ["user"]);
  t.ok(Buffer.isBuffer(payload.arguments?.user?.[0]));
  t.equal(payload.arguments?.user?.[0]?.toString("utf8"), "alice");
  t.equal(payload.argument("user"), "alice");
  t.same(payload.argumentList("user"), ["alice"]);
});

t.test("our extra payload token: same JSON as Python, validates, same request context", async (t) => {
  const extraPayload = { headers: { Host: "localhost:5006" }, cookies: {}, arguments: { user: ["alice"] } };
  const pythonJson = inflateSync(Buffer.from(PYTHON_EXTRA, "base64url")).toString("utf8");
  t.equal(extraPayloadJson(extraPayload), pythonJson);

  const token = generateToken({
    sessionId: SIGNED_ID,
    expiresAt: EXPIRY,
    extraPayload,
    signed: true,
    secretKey: SECRET,
  }).token;
  const [base, signature] = splitSigned(token);
  t.equal(signature, sign(base, SECRET));
  const outer = JSON.parse(Buffer.from(base, "base64url").toString("utf8")) as Record<string, string>;
  t.equal(
    Buffer.from(base, "base64url").toString("utf8"),
    `{"session_id": "${SIGNED_ID}", "session_expiry": 1800000000, "__bk__zlib_": "${outer.__bk__zlib_}"}`,
  );
  t.equal(inflateSync(Buffer.from(outer.__bk__zlib_ ?? "", "base64url")).toString("utf8"), pythonJson);

  const result = validateToken(token, { signed: true, secretKey: SECRET, now: BEFORE_EXPIRY });
  t.ok(result.ok);
  if (!result.ok) return;
  t.same(result.payload.headers, { Host: "localhost:5006" });
  t.same(result.payload.cookies, {});
  t.equal(result.payload.argument("user"), "alice");
});
