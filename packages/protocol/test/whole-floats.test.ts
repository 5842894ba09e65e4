// Whole-number floats (12.0) kept apart from ints (12): parseJson marks the members a client wrote as floats,
// stringifyJson writes marked numbers back as floats, and the receiver/encoder use both.
import t from "tap";
import {
  encode,
  isWholeFloat,
  markWholeFloat,
  parseJson,
  patchDoc,
  Receiver,
  stringifyJson,
  wholeFloat,
  wholeFloatKeys,
} from "../src/index.js";
import { parseJsonInSlices } from "../src/json/sliced-json.js";

const keys = (container: unknown): unknown[] =>
  typeof container === "object" && container !== null ? [...(wholeFloatKeys(container) ?? [])] : [];

t.test("parseJson gives JSON.parse's values, with or without whole floats", async (t) => {
  const texts = [
    '{"a": 1, "b": [true, false, null], "c": "x"}',
    '{"a":1.0,"b":[1,2.0,[3.0]],"c":{"d":-0.0,"e":1e3,"f":1.5,"g":"x\\u00e9\\n\\"1.0\\"","h":-2.50e1}}',
    ' [ 1.0 , { "k" : 0.0 } ] ',
    '{"__proto__": 1.0, "constructor": 2}',
    '{"a": 1.0, "a": 2}',
    '"1.0"',
    "12.0",
    '{"deep": [[[[[[[[1.0]]]]]]]]}',
  ];
  for (const text of texts) {
    const parsed = parseJson(text);
    t.same(parsed, JSON.parse(text), text);
    t.equal(JSON.stringify(parsed), JSON.stringify(JSON.parse(text)), `${text} (same member order)`);
  }
  const proto = parseJson('{"__proto__": 1.0}') as Record<string, unknown>;
  t.equal(Object.getPrototypeOf(proto), Object.prototype, "__proto__ is an own member, as in JSON.parse");
  t.ok(Object.hasOwn(proto, "__proto__"));
});

t.test("parseJson marks exactly the members written as whole-number floats", async (t) => {
  const parsed = parseJson(
    '{"value": 0.0, "n": 12, "half": 1.5, "exp": 1e3, "big": 1.5e12, "neg": -0.0, "str": "3.0",' +
      ' "list": [1.0, 2, [3.00, 4]], "obj": {"x": 5.0}}',
  ) as Record<string, unknown>;
  t.same(keys(parsed).sort(), ["big", "exp", "neg", "value"]);
  t.ok(isWholeFloat(parsed, "value"));
  t.notOk(isWholeFloat(parsed, "n"), "an int is not marked");
  t.notOk(isWholeFloat(parsed, "half"), "a float with a fraction needs no mark");
  const list = parsed.list as unknown[];
  t.same(keys(list), [0]);
  t.same(keys(list[2]), [0]);
  t.same(keys(parsed.obj), ["x"]);
  t.notOk(isWholeFloat(parsed, "list"), "a container ending in a float is not itself marked");
  t.same(keys(parseJson('{"a": 1.0, "a": 2}')), [], "a repeated key: the last value counts");
  t.same(keys(parseJson('{"a": 1, "a": 2.0}')), ["a"]);
  t.same(keys(parseJson('{"a": 1e+16, "b": 7}')), ["a"], "an exponent as Python writes a large float");
  t.equal(wholeFloatKeys(parseJson('{"a": 1, "b": [2]}') as object), undefined, "nothing marked without floats");
});

t.test("a huge content read in time slices is marked the same way", async (t) => {
  const text = `{"pad": "${"x".repeat(300_000)}", "value": 0.0, "list": [1.0, 2], "n": 3}`;
  const parsed = (await parseJsonInSlices(text, 0)) as Record<string, unknown>;
  t.same(keys(parsed), ["value"]);
  t.same(keys(parsed.list), [0]);
});

t.test("parseJson throws what JSON.parse throws", async (t) => {
  for (const text of ['{"a": 01.0}', '{"a": 1.}', "[1.0,]", '"\t1.0"', '{"a": 1.0', "1.0 2", "[1.0] x", "{'a': 1.0}"]) {
    let expected = "";
    try {
      JSON.parse(text);
    } catch (error) {
      expected = (error as Error).message;
    }
    t.throws(() => parseJson(text), { name: "SyntaxError", message: expected }, text);
  }
});

t.test("stringifyJson writes marked numbers as floats; JSON.stringify writes plain numbers", async (t) => {
  const value = { x: wholeFloat(12), y: [wholeFloat(-0), wholeFloat(1e22), 3, 2.5], z: "\u0000", n: wholeFloat(-7) };
  t.equal(stringifyJson(value), '{"x":12.0,"y":[-0.0,1e+22,3,2.5],"z":"\\u0000","n":-7.0}');
  t.equal(JSON.stringify(value), '{"x":12,"y":[0,1e+22,3,2.5],"z":"\\u0000","n":-7}');
  t.equal(stringifyJson({ a: 1, b: [2, "3.0"] }), '{"a":1,"b":[2,"3.0"]}', "without marks: JSON.stringify's text");
});

t.test("a PATCH-DOC keeps 0.0 and 12 apart from the receiver to the encoder", async (t) => {
  const receiver = new Receiver();
  const header = '{"msgid":"1","msgtype":"PATCH-DOC"}';
  const content =
    '{"events":[{"kind":"ModelChanged","model":{"id":"p1"},"attr":"value","new":0.0},' +
    '{"kind":"ModelChanged","model":{"id":"p1"},"attr":"end","new":12}]}';
  receiver.push(header);
  receiver.push("{}");
  const message = receiver.push(content);
  if (message === undefined || message.header.msgtype !== "PATCH-DOC") throw new Error("no PATCH-DOC");
  const [first, second] = (message.content as { events: object[] }).events;
  t.ok(first !== undefined && isWholeFloat(first, "new"), "0.0 is marked");
  t.notOk(second !== undefined && isWholeFloat(second, "new"), "12 is not");
  // What a server sends on: marked members as WholeFloat.
  const out = patchDoc([
    { kind: "ModelChanged", model: { id: "p1" }, attr: "value", new: wholeFloat(0) },
    { kind: "ModelChanged", model: { id: "p1" }, attr: "end", new: 12 },
  ]);
  t.equal(encode(out)[2], content, "the same text as received");
});

/** A parsed value rebuilt as a server sends it on: each marked member as a WholeFloat. */
function asSent(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const marked = (key: string | number, member: unknown): unknown =>
    isWholeFloat(value, key) && typeof member === "number" ? wholeFloat(member) : asSent(member);
  if (Array.isArray(value)) return value.map((member, i) => marked(i, member));
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, marked(key, member)]));
}

t.test(
  "integer literals beyond 2**53 - 1 are marked, and written back as floats (as Python writes them)",
  async (t) => {
    const text =
      '{"a": [1152921504606846977, -9223372036854775808, 18446744073709551615], "o": {"k": 1152921504606846977},' +
      ' "max": 9007199254740991, "min": -9007199254740990, "low": -9007199254740991, "next": 9007199254740992,' +
      ' "n": 12, "f": 2.5, "w": 3.0, "s": "12345678901234567890", "id": "p1001"}';
    const parsed = parseJson(text) as Record<string, unknown>;
    t.same(parsed, JSON.parse(text), "JSON.parse's values");
    t.same(keys(parsed.a), [0, 1, 2]);
    t.same(keys(parsed.o), ["k"]);
    // Python's own bounds: -(2**53 - 1) < n <= 2**53 - 1 stays an int.
    t.same(keys(parsed).sort(), ["low", "next", "w"], "safe ints, fractions and strings of digits are not marked");
    t.equal(parsed.s, "12345678901234567890", "a string of 20 digits is the string");
    t.equal(
      stringifyJson(asSent(parsed)),
      '{"a":[1152921504606847000.0,-9223372036854776000.0,18446744073709552000.0],"o":{"k":1152921504606847000.0},' +
        '"max":9007199254740991,"min":-9007199254740990,"low":-9007199254740991.0,"next":9007199254740992.0,' +
        '"n":12,"f":2.5,"w":3.0,"s":"12345678901234567890","id":"p1001"}',
    );
    // The shortest digits of each double: Python reads float(2**60 + 1), float(-(2**63)), float(2**64 - 1) back.
    t.equal(Number("1152921504606847000.0"), 2 ** 60);
    t.equal(Number("-9223372036854776000.0"), -(2 ** 63));
    t.equal(Number("18446744073709552000.0"), 2 ** 64);
    const plain = '{"s": "12345678901234567890", "n": [1, 2.5, 9007199254740991]}';
    t.same(keys(parseJson(plain)), [], "only a string holds 16 digits: nothing marked");
    t.equal(stringifyJson(asSent(parseJson(plain))), JSON.stringify(JSON.parse(plain)), "and the text is unchanged");
  },
);

t.test("markWholeFloat sets and clears marks", async (t) => {
  const container = { a: 1 };
  markWholeFloat(container, "a", true);
  t.ok(isWholeFloat(container, "a"));
  markWholeFloat(container, "a", false);
  t.notOk(isWholeFloat(container, "a"));
  t.equal(wholeFloatKeys(container), undefined, "no empty set is kept");
});
