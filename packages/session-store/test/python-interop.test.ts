// Interop with Python's bokeh.util.token 3.9.2, given the same secret: what
// Python makes validates here, what we make validates there.

import { fileURLToPath } from "node:url";
import t from "tap";
import { encodeBase64Url } from "../src/encoding/base64url.js";
import { toPythonJson } from "../src/encoding/python-json.js";
import {
  checkSessionIdSignature,
  checkTokenSignature,
  decodeToken,
  type ExtraPayload,
  generateSessionId,
  generateToken,
  systemClock,
  validateToken,
} from "../src/index.js";
import { findBokehPython } from "../src/testing/index.js";
import { extraPayloadJson } from "../src/tokens/extra-payload.js";
import { at, splitSigned } from "./helpers/checked.js";
import { runPython } from "./helpers/python.js";

const SECRET = "interop-secret-Zürich";
const SCRIPT = fileURLToPath(new URL("./fixtures/bokeh_token_interop.py", import.meta.url));
const RAW = Uint8Array.from([0, 255, 10, 128]);

const extraPayload = {
  headers: { Host: "localhost:5006", "User-Agent": "Zürich ☃ 😀", "X-Odd": 'tab\there "quoted" back\\slash \u007f' },
  cookies: { session: "b c", "name-é": "välue" },
  arguments: { user: ["alice", RAW], "bokeh-session-id": ["x"], empty: [] },
  answer: 42,
  nested: { list: [1, 2.5, null, true, "ünï"] },
} satisfies ExtraPayload;

/** The same extra payload as the Python script reads it: bytes as {"__bytes_hex__": …}. */
const extraPayloadForPython = {
  ...extraPayload,
  arguments: {
    user: [
      { __bytes_hex__: Buffer.from("alice").toString("hex") },
      { __bytes_hex__: Buffer.from(RAW).toString("hex") },
    ],
    "bokeh-session-id": [{ __bytes_hex__: Buffer.from("x").toString("hex") }],
    empty: [],
  },
};

interface PythonAnswer {
  version: string;
  ours: {
    session_ids: boolean[];
    tokens: { signature_ok: boolean; session_id: string; payload: Record<string, unknown> }[];
  };
  theirs: {
    signed_id: string;
    unsigned_id: string;
    signed_token: string;
    signed_token_with_extra: string;
    unsigned_token_with_extra: string;
    extra_payload_json: string;
  };
}

const lookup = findBokehPython();
if ("skip" in lookup) {
  t.comment(`skipping Python interop: ${lookup.skip}`);
  t.test("Python interop", { skip: lookup.skip }, async () => undefined);
} else {
  const expiresAt = Math.floor(systemClock.now() / 1000) + 300;
  const signedIds = [
    generateSessionId({ signed: true, secretKey: SECRET }),
    generateSessionId({ signed: true, secretKey: SECRET }),
  ];
  const forgedId = `${splitSigned(at(signedIds, 0))[0]}.${"A".repeat(43)}`;
  const plainToken = generateToken({ sessionId: at(signedIds, 0), expiresAt, signed: true, secretKey: SECRET }).token;
  const extraToken = generateToken({
    sessionId: at(signedIds, 1),
    expiresAt,
    extraPayload,
    signed: true,
    secretKey: SECRET,
  }).token;
  const forgedToken = `${plainToken.slice(0, -2)}${plainToken.endsWith("AA") ? "BB" : "AA"}`;
  const unsignedToken = generateToken({ sessionId: at(signedIds, 0), expiresAt, signed: false }).token;
  const tokenWithForgedId = generateToken({ sessionId: forgedId, expiresAt, signed: true, secretKey: SECRET }).token;

  const answer = runPython(lookup.python, SCRIPT, {
    secret: SECRET,
    extra_payload: extraPayloadForPython,
    session_ids: [...signedIds, forgedId, splitSigned(at(signedIds, 0))[0]],
    tokens: [plainToken, extraToken, forgedToken, unsignedToken, tokenWithForgedId],
  }) as PythonAnswer;
  const now = systemClock.now();
  const signed = { signed: true, secretKey: SECRET, now } as const;

  t.equal(answer.version, "3.9.2");

  t.test("Python accepts our signed session ids and refuses forged ones", async (t) => {
    t.same(answer.ours.session_ids, [true, true, false, false]);
  });

  t.test("Python checks our tokens as we do", async (t) => {
    t.same(
      answer.ours.tokens.map((tok) => tok.signature_ok),
      [true, true, false, false, false],
      "valid, valid with extra payload, forged signature, unsigned, forged session id",
    );
    t.same(
      answer.ours.tokens.map((tok) => tok.session_id),
      [signedIds[0], signedIds[1], signedIds[0], signedIds[0], forgedId],
    );
  });

  t.test("Python's get_token_payload reads our extra payload", async (t) => {
    t.same(at(answer.ours.tokens, 0).payload, { session_expiry: expiresAt });
    t.same(at(answer.ours.tokens, 1).payload, { session_expiry: expiresAt, ...extraPayloadForPython });
  });

  t.test("session ids made by Python", async (t) => {
    t.match(answer.theirs.signed_id, /^[a-zA-Z0-9]{44}\.[A-Za-z0-9_-]{43}$/);
    t.match(answer.theirs.unsigned_id, /^[a-zA-Z0-9]{44}$/);
    t.ok(checkSessionIdSignature(answer.theirs.signed_id, SECRET));
    t.notOk(checkSessionIdSignature(answer.theirs.signed_id, "another secret"));
    t.notOk(checkSessionIdSignature(answer.theirs.unsigned_id, SECRET));
  });

  t.test("tokens made by Python validate here, and ours are byte-identical", async (t) => {
    const token = answer.theirs.signed_token;
    t.ok(checkTokenSignature(token, SECRET));
    const result = validateToken(token, signed);
    t.ok(result.ok);
    if (!result.ok) return;
    t.equal(result.payload.sessionId, answer.theirs.signed_id);
    const expiry = result.payload.sessionExpiry ?? 0;
    t.ok(Math.abs(expiry - expiresAt) <= 5, "Python also set now + 300 s");
    t.equal(
      generateToken({ sessionId: answer.theirs.signed_id, expiresAt: expiry, signed: true, secretKey: SECRET }).token,
      token,
      "same id and expiry give the same token",
    );
    t.equal(validateToken(token, { ...signed, secretKey: "another secret" }).ok, false);
    t.equal(validateToken(token, { ...signed, now: expiry * 1000 }).ok, false, "expires");
  });

  t.test("Python tokens with an extra payload", async (t) => {
    t.equal(answer.theirs.extra_payload_json, extraPayloadJson(extraPayload), "we write the same JSON as json.dumps");

    const token = answer.theirs.signed_token_with_extra;
    t.ok(checkTokenSignature(token, SECRET));
    const result = validateToken(token, signed);
    t.ok(result.ok);
    if (!result.ok) return;
    const { payload } = result;
    t.same(payload.headers, extraPayload.headers);
    t.same(payload.cookies, extraPayload.cookies);
    t.same(payload.argumentList("user"), ["alice", Buffer.from(RAW).toString("utf8")]);
    t.same([...(payload.arguments?.user?.[1] ?? [])], [...RAW]);
    t.same(payload.argumentList("empty"), []);
    t.same(payload.fields.answer, 42);
    t.same(payload.fields.nested, extraPayload.nested);

    // The outer JSON is the one we would write around Python's compressed extra payload.
    const [base] = splitSigned(token);
    const zlib = JSON.parse(Buffer.from(base, "base64url").toString("utf8")).__bk__zlib_ as string;
    t.equal(
      encodeBase64Url(
        toPythonJson({
          session_id: answer.theirs.signed_id,
          session_expiry: payload.sessionExpiry ?? 0,
          __bk__zlib_: zlib,
        }),
      ),
      base,
    );

    const unsignedToken = answer.theirs.unsigned_token_with_extra;
    const unsignedResult = validateToken(unsignedToken, { signed: false, now });
    t.ok(unsignedResult.ok);
    t.equal(unsignedResult.ok && unsignedResult.payload.sessionId, answer.theirs.unsigned_id);
    t.match(validateToken(unsignedToken, signed), { ok: false, reason: { code: "bad-signature" } });
    const decoded = decodeToken(unsignedToken);
    t.equal(decoded.ok && decoded.payload.argument("user"), Buffer.from(RAW).toString("utf8"));
  });
}
