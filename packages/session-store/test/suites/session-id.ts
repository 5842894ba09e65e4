import t from "tap";
import { checkSessionIdSignature, generateSessionId } from "../../src/index.js";
import { sign } from "../../src/signing/hmac.js";
import { splitSigned } from "../helpers/checked.js";

const SECRET = "session-id-secret";
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

t.test("unsigned ids: 44 characters from [a-zA-Z0-9], all different", async (t) => {
  const ids = Array.from({ length: 2000 }, () => generateSessionId({ signed: false }));
  t.ok(ids.every((id) => /^[a-zA-Z0-9]{44}$/.test(id)));
  t.equal(new Set(ids).size, ids.length);
});

t.test("characters are uniform over the 62-character alphabet", async (t) => {
  const counts = new Map<string, number>();
  const ids = 20_000;
  for (let i = 0; i < ids; i++) {
    for (const char of generateSessionId({ signed: false })) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  t.same([...counts.keys()].sort(), [...ALPHABET].sort(), "every character occurs, nothing else does");
  const expected = (ids * 44) / ALPHABET.length;
  let chiSquare = 0;
  for (const count of counts.values()) chiSquare += (count - expected) ** 2 / expected;
  // 61 degrees of freedom: the 99.99th percentile is ~117. Modulo bias (bytes 248..255
  // folded onto the first 8 characters) would push this into the thousands.
  t.ok(chiSquare < 117, `chi-square ${chiSquare.toFixed(1)} < 117`);
  // Position matters too: the first and last characters are as uniform as the rest.
  for (const position of [0, 43]) {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) seen.add(generateSessionId({ signed: false }).charAt(position));
    t.equal(seen.size, 62, `position ${position} covers the alphabet`);
  }
});

t.test("signed ids", async (t) => {
  const id = generateSessionId({ signed: true, secretKey: SECRET });
  t.match(id, /^[a-zA-Z0-9]{44}\.[A-Za-z0-9_-]{43}$/);
  const [base, signature] = splitSigned(id);
  t.equal(signature, sign(base, SECRET));
  t.ok(checkSessionIdSignature(id, SECRET));
  t.notOk(checkSessionIdSignature(id, "other-secret"), "another key");
  t.notOk(checkSessionIdSignature(base, SECRET), "no signature");
  t.notOk(checkSessionIdSignature(`${base}.`, SECRET), "empty signature");
  t.notOk(checkSessionIdSignature(`${base}.${signature.slice(1)}`, SECRET), "short signature");
  t.notOk(checkSessionIdSignature(`${base}.${signature}=`, SECRET), "padded signature");
  // A last character that differs from the random one (an id ending in "x" made this test pass it unchanged).
  const otherLast = base.endsWith("x") ? "y" : "x";
  t.notOk(checkSessionIdSignature(`${base.slice(0, -1)}${otherLast}.${signature}`, SECRET), "other base");
  t.notOk(checkSessionIdSignature(`${base}.${signature.slice(0, -1)}é`, SECRET), "non-ASCII");
  t.notOk(checkSessionIdSignature("", SECRET), "empty id");
  t.notOk(checkSessionIdSignature(undefined as unknown as string, SECRET), "not a string");
  t.notOk(checkSessionIdSignature(generateSessionId({ signed: true, secretKey: "other-secret" }), SECRET));
  // Only the first "." splits, as in Python: any base can be signed, even one with dots after it.
  t.ok(checkSessionIdSignature(`chosen-id.${sign("chosen-id", SECRET)}`, SECRET));
  t.notOk(checkSessionIdSignature(`a.b.${sign("a.b", SECRET)}`, SECRET));
});

t.test("signing without a key is a configuration error", async (t) => {
  t.throws(() => generateSessionId({ signed: true }), TypeError);
  t.throws(() => generateSessionId({ signed: true, secretKey: "" }), TypeError);
  t.throws(() => checkSessionIdSignature("a.b", ""), TypeError);
});
