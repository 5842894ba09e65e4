// Reading a huge content frame in time slices: the same values as JSON.parse, the same errors as a recoverable
// CONTENT_NOT_JSON, and the event loop served meanwhile.
import t from "tap";
import { encode, type Message, ProtocolError, patchDoc, Receiver } from "../src/index.js";
import { parseJsonInSlices } from "../src/json/sliced-json.js";

const VALID = [
  "0",
  "-0",
  "-12.5e-3",
  "1E+2",
  '"plain"',
  '"esc\\"aped \\\\ \\n \\u00e9 \\ud83d\\ude00"',
  '"unicode é 😀"',
  "true",
  "false",
  "null",
  "[]",
  "{}",
  " [ 1 , [ ] , { } , [[[ ]]] ] ",
  '{"a":{"b":[1,{"c":null}]},"d":"e","a2":[true,false]}',
  '{"__proto__":{"polluted":true},"x":1}',
  '{"dup":1,"dup":2}',
  '\t\n\r{"k" : "v"}\n',
];

const INVALID = [
  "",
  " ",
  "[1,]",
  "{,}",
  '{"a":1,}',
  "[1 2]",
  '{"a" 1}',
  "{a:1}",
  "01",
  "1.",
  ".5",
  "-",
  "+1",
  "0x10",
  "NaN",
  "Infinity",
  "tru",
  "nul",
  '"unterminated',
  '"bad \\x escape"',
  '"raw \n newline"',
  "[1]]",
  "[1] 2",
  "{}}",
  "[",
  '{"a":',
];

t.test("the same values as JSON.parse", async (t) => {
  for (const text of VALID) t.same(await parseJsonInSlices(text), JSON.parse(text), text);
  const proto = (await parseJsonInSlices('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
  t.equal(Object.getPrototypeOf(proto), Object.prototype, "`__proto__` is an own key, as with JSON.parse");
  t.same(Object.keys(proto), ["__proto__"]);
});

t.test("what JSON.parse refuses is refused with a SyntaxError", async (t) => {
  for (const text of INVALID) {
    t.throws(() => JSON.parse(text), SyntaxError, `JSON.parse refuses ${JSON.stringify(text)}`);
    await t.rejects(parseJsonInSlices(text), SyntaxError, `so does the sliced parser: ${JSON.stringify(text)}`);
  }
});

/** The frames of a message without buffers: all text. */
function textFrames(message: Message): string[] {
  return encode(message).map((frame) => {
    if (typeof frame !== "string") throw new Error("a message without buffers has only text frames");
    return frame;
  });
}

/** A PATCH-DOC of `count` new models: ~90 bytes each. */
function hugePatch(count: number) {
  const models = Array.from({ length: count }, (_, i) => ({
    type: "object",
    name: "Range1d",
    id: `huge${i}`,
    attributes: { start: i * 0.5, end: -i, label: `é "${i}"` },
  }));
  return patchDoc([{ kind: "ModelChanged", model: { id: "p1" }, attr: "tags", new: models }]);
}

t.test("a large content frame is read in slices while the event loop keeps turning", async (t) => {
  const message = hugePatch(40_000);
  const [header = "", metadata = "", content = ""] = textFrames(message);
  const receiver = new Receiver();
  t.equal(receiver.parseInSlices(header), undefined, "a header is parsed by push");
  receiver.push(header);
  receiver.push(metadata);
  let turns = 0;
  let reading = true;
  const turn = (): void => {
    turns++;
    if (reading) setImmediate(turn);
  };
  setImmediate(turn);
  const parsing = receiver.parseInSlices(content);
  t.ok(parsing !== undefined, "the content frame is long enough to be read in slices");
  const parsed = await parsing;
  reading = false;
  t.ok(turns > 3, `the event loop turned meanwhile (${turns} times)`);
  const received = receiver.push(content, parsed);
  t.same(received?.content, JSON.parse(content), "the same content as JSON.parse gives");
  t.equal(received?.header.msgid, message.header.msgid);
});

t.test("a small content frame is left to push", async (t) => {
  const [header = "", metadata = "", content = ""] = textFrames(hugePatch(3));
  const receiver = new Receiver();
  receiver.push(header);
  receiver.push(metadata);
  t.equal(receiver.parseInSlices(content), undefined);
});

t.test("invalid JSON in a large content frame is the recoverable CONTENT_NOT_JSON", async (t) => {
  const [header = "", metadata = "", content = ""] = textFrames(hugePatch(40_000));
  const broken = `${content.slice(0, -2)},]}`;
  const receiver = new Receiver();
  receiver.push(header);
  receiver.push(metadata);
  const parsed = await receiver.parseInSlices(broken);
  t.equal(parsed?.ok, false);
  let thrown: unknown;
  try {
    receiver.push(broken, parsed);
  } catch (error) {
    thrown = error;
  }
  t.ok(thrown instanceof ProtocolError, "push throws a ProtocolError");
  t.match(thrown, { code: "CONTENT_NOT_JSON", fatal: false, reqid: JSON.parse(header).msgid });
  t.equal(receiver.expecting, "header", "the receiver waits for the next message");
});
