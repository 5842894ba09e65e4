// The valid path: constructors and encode() (msgid/reqid/num_buffers like the Python server, zero-copy
// buffers), the Receiver's state machine on what both official clients send, and the schemas.
// (One file rather than three: each test file pays several seconds of TypeScript/TypeBox loading.)
import { Buffer } from "node:buffer";
import t from "tap";
import type { Static } from "typebox";
import {
  ack,
  CLIENT_ACCEPTS,
  CONTENT_SCHEMAS,
  type ContentOf,
  DEFAULT_LIMITS,
  type DocJson,
  type DocJsonSchema,
  EVENT_SCHEMAS,
  encode,
  error,
  type Frame,
  type Header,
  type HeaderSchema,
  isHeader,
  isMessageOf,
  type Message,
  MSG_TYPES,
  type MsgType,
  nextMsgId,
  ok,
  type PatchEvent,
  type PatchEventKind,
  type PatchEventSchema,
  patchDoc,
  pullDocReply,
  pullDocReq,
  pushDoc,
  Receiver,
  SERVER_ACCEPTS,
  serverInfoReply,
  serverInfoReq,
  validateContent,
} from "../src/index.js";
import { messageFrames, pushAll, sameBytes } from "./fixtures.js";

// ---- constructors and encode() ----

const DOC: DocJson = {
  version: "3.9.2",
  title: "t",
  config: { type: "object", name: "DocumentConfig", id: "p1" },
  roots: [{ type: "object", name: "Div", id: "p2" }],
};
const EVENTS: PatchEvent[] = [{ kind: "ModelChanged", model: { id: "p2" }, attr: "text", new: "hi" }];

function parse(frames: Frame[]): unknown[] {
  return frames.slice(0, 3).map((frame) => JSON.parse(frame as string));
}

t.test("messages without buffers: three text frames, num_buffers only where Python writes it", (t) => {
  const cases: [Message, Record<string, unknown>, unknown][] = [
    [ack(), { msgtype: "ACK" }, {}],
    [ok("R1"), { msgtype: "OK", reqid: "R1" }, {}],
    [error("R2", "boom"), { msgtype: "ERROR", reqid: "R2" }, { text: "boom", traceback: null }],
    [error("R3", "boom", "trace"), { msgtype: "ERROR", reqid: "R3" }, { text: "boom", traceback: "trace" }],
    [serverInfoReq(), { msgtype: "SERVER-INFO-REQ" }, {}],
    [
      serverInfoReply("R4", { bokeh: "3.9.2", server: "3.9.2" }),
      { msgtype: "SERVER-INFO-REPLY", reqid: "R4" },
      { version_info: { bokeh: "3.9.2", server: "3.9.2" } },
    ],
    [pullDocReq(), { msgtype: "PULL-DOC-REQ" }, {}],
    [pullDocReply("R5", DOC), { msgtype: "PULL-DOC-REPLY", reqid: "R5", num_buffers: 0 }, { doc: DOC }],
    [pushDoc(DOC), { msgtype: "PUSH-DOC", num_buffers: 0 }, { doc: DOC }],
    [patchDoc(EVENTS), { msgtype: "PATCH-DOC", num_buffers: 0 }, { events: EVENTS }],
  ];
  for (const [message, header, content] of cases) {
    const frames = encode(message);
    t.equal(frames.length, 3, `${message.header.msgtype}: 3 frames`);
    const [h, metadata, c] = parse(frames);
    t.same(h, { msgid: message.header.msgid, ...header }, `${message.header.msgtype}: header`);
    t.same(Object.keys(h as object), Object.keys({ msgid: "", ...header }), "header key order as Python writes it");
    t.same(metadata, {}, "metadata {}");
    t.same(c, content, "content");
    t.equal(frames[1], "{}", "metadata is compact");
  }
  t.end();
});

t.test("msgids are opaque unique strings", (t) => {
  const ids = new Set<string>();
  for (let i = 0; i < 10_000; i += 1) ids.add(i % 2 === 0 ? nextMsgId() : ack().header.msgid);
  t.equal(ids.size, 10_000, "no repeats");
  for (const id of ids) {
    if (typeof id !== "string" || id.length === 0) t.fail(`bad id ${id}`);
  }
  t.end();
});

t.test('buffers: {"id":…} text frame + binary frame sharing memory with the given view', (t) => {
  const backing = new ArrayBuffer(64);
  const floats = new Float64Array(backing, 8, 4); // a view at an offset
  floats.set([1.5, 2.5, 3.5, 4.5]);
  const raw = new Uint8Array([1, 2, 3]);
  const dataView = new DataView(backing, 48, 16);
  const buffers = new Map<string, ArrayBufferView>([
    ["p1", floats],
    ['we"ird\\', raw],
    ["2", dataView],
  ]);
  const message = patchDoc(EVENTS, buffers);
  t.equal(message.buffers, buffers, "the map is taken over, not copied");
  t.equal(message.header.num_buffers, 3, "num_buffers");
  const frames = encode(message);
  t.equal(frames.length, 9, "3 + 2 per buffer");
  t.equal(frames[3], '{"id":"p1"}', 'buffer header exactly {"id":…}');
  t.same(JSON.parse(frames[5] as string), { id: 'we"ird\\' }, "ids are JSON-escaped");
  t.equal(frames[7], '{"id":"2"}', "third buffer header");
  const first = frames[4] as Uint8Array;
  t.ok(first instanceof Uint8Array, "binary frame is a Uint8Array");
  t.equal(first.buffer, backing, "same ArrayBuffer");
  t.equal(first.byteOffset, 8, "same offset");
  t.equal(first.byteLength, 32, "same length");
  floats[0] = 99;
  t.same(new Float64Array(first.buffer, first.byteOffset, 1)[0], 99, "writes show through: it is a view");
  t.equal(frames[6], raw, "a Uint8Array is passed on as is");
  const third = frames[8] as Uint8Array;
  t.ok(
    third.buffer === backing && third.byteOffset === 48 && third.byteLength === 16,
    "DataView → view of same memory",
  );
  t.end();
});

t.test("encode refuses a header whose num_buffers disagrees with the buffers", (t) => {
  const message = patchDoc(EVENTS);
  message.buffers.set("0", new Uint8Array(1));
  t.throws(() => encode(message), RangeError);
  const absent = pullDocReq();
  absent.buffers.set("0", new Uint8Array(1));
  t.throws(() => encode(absent), RangeError, "absent num_buffers means 0");
  t.end();
});

t.test("encode keeps a decoded message's header as received (BokehJS: no num_buffers)", (t) => {
  const header = '{"msgid":"AB12","msgtype":"PATCH-DOC"}';
  const [message] = pushAll(new Receiver(), [header, "{}", JSON.stringify({ events: EVENTS })]) as Message[];
  t.equal(encode(message!)[0], header, "header re-encoded identically");
  t.end();
});

t.test("header JSON is exact for unusual headers too", (t) => {
  const cases: [Record<string, unknown>, string][] = [
    [{ msgid: 'a"b\\c\u2028', msgtype: "OK", reqid: "é" }, "escaped strings"],
    [{ msgid: "a", msgtype: "OK", reqid: undefined }, "an undefined reqid is left out"],
    [{ msgid: "a", msgtype: "PATCH-DOC", num_buffers: 0, extra: [1] }, "extra keys are kept"],
    [{ msgtype: "OK", msgid: "a", reqid: "r" }, "any key order"],
  ];
  for (const [header, label] of cases) {
    const message = { header, metadata: {}, content: {}, buffers: new Map() } as unknown as Message;
    t.same(JSON.parse(encode(message)[0] as string), JSON.parse(JSON.stringify(header)), label);
  }
  t.end();
});

t.test("every constructor round-trips through a Receiver of the receiving side", (t) => {
  const toClient = [
    ack(),
    ok("r"),
    error("r", "x"),
    serverInfoReply("r", { bokeh: "a", server: "b" }),
    pullDocReply("r", DOC, new Map([["p9", new Float32Array([1, 2])]])),
    patchDoc(EVENTS),
  ];
  const toServer = [
    serverInfoReq(),
    pullDocReq(),
    pushDoc(DOC),
    patchDoc(EVENTS, new Map([["0", new Uint8Array([7])]])),
  ];
  for (const [messages, receiver] of [
    [toClient, new Receiver({ accept: CLIENT_ACCEPTS })],
    [toServer, new Receiver()],
  ] as const) {
    for (const message of messages) {
      const [decoded] = pushAll(receiver, encode(message)) as Message[];
      t.same(decoded!.header, message.header, `${message.header.msgtype}: header`);
      t.same(decoded!.content, message.content, `${message.header.msgtype}: content`);
      t.equal(decoded!.buffers.size, message.buffers.size, `${message.header.msgtype}: buffers`);
      for (const [id, view] of message.buffers) {
        const got = decoded!.buffers.get(id)!;
        t.ok(sameBytes(got, view), `buffer ${id}`);
      }
    }
  }
  t.end();
});

// ---- Receiver on valid input ----

const CONTENT = '{"events":[{"kind":"ModelChanged","model":{"id":"p1"},"attr":"value","new":3}]}';

t.test("accepts compact (BokehJS) and spaced (Python) JSON, num_buffers absent or 0", (t) => {
  const headers = [
    '{"msgid":"9531CB834E6C40C092FBF035C85C4ABA","msgtype":"PATCH-DOC"}',
    '{"msgid": "p1043", "msgtype": "PATCH-DOC", "num_buffers": 0}',
    '{\n  "msgid" : "x",\n  "msgtype" : "PATCH-DOC"\n}',
  ];
  const spacedContent = '{"events": [{"kind": "ModelChanged", "model": {"id": "p1"}, "attr": "value", "new": 3}]}';
  for (const header of headers) {
    for (const content of [CONTENT, spacedContent]) {
      const receiver = new Receiver();
      t.equal(receiver.push(header), undefined, "header: not complete");
      t.equal(receiver.expecting, "metadata");
      t.equal(receiver.push("{}"), undefined, "metadata: not complete");
      t.equal(receiver.expecting, "content");
      const message = receiver.push(content);
      t.ok(message !== undefined && isMessageOf(message, "PATCH-DOC"), "complete after the content");
      if (message !== undefined && isMessageOf(message, "PATCH-DOC")) {
        t.same(message.content.events[0], { kind: "ModelChanged", model: { id: "p1" }, attr: "value", new: 3 });
        t.equal(message.buffers.size, 0, "no buffers");
      }
      t.equal(receiver.expecting, "header");
    }
  }
  t.end();
});

t.test("any JSON metadata is passed on", (t) => {
  for (const metadata of ["{}", '{"a": 1}', "null", "[1,2]", '"x"']) {
    const [message] = pushAll(new Receiver(), ['{"msgid":"a","msgtype":"PULL-DOC-REQ"}', metadata, "{}"]) as Message[];
    t.same(message!.metadata, JSON.parse(metadata), metadata);
  }
  t.end();
});

t.test('buffers with BokehJS ids "0", "1" and Python ids "p1234" are views of the received bytes', (t) => {
  for (const ids of [
    ["0", "1"],
    ["p1234", "p1235"],
  ]) {
    const payloads = [Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), new Uint8Array(new ArrayBuffer(16), 4, 8)];
    const frames = messageFrames({ msgid: "m", msgtype: "PATCH-DOC", num_buffers: 2 }, JSON.parse(CONTENT), [
      [ids[0]!, payloads[0]!],
      [ids[1]!, payloads[1]!],
    ]);
    const receiver = new Receiver();
    const results = frames.map((frame) => receiver.push(frame));
    t.same(results.slice(0, 6), Array(6).fill(undefined), "incomplete until the last payload");
    t.same([receiver.expecting, results[6] === undefined], ["header", false], "complete after the last payload");
    const message = results[6]!;
    t.same([...message.buffers.keys()], ids, "ids in order");
    t.equal(message.buffers.get(ids[0]!), payloads[0], "the pushed Uint8Array itself (no copy)");
    t.equal((message.buffers.get(ids[1]!) as Uint8Array).buffer, payloads[1]!.buffer, "same ArrayBuffer");
  }
  t.end();
});

t.test("expecting walks header → metadata → content → (buffer-header → buffer-payload)*", (t) => {
  const receiver = new Receiver();
  const frames = messageFrames({ msgid: "m", msgtype: "PATCH-DOC", num_buffers: 2 }, JSON.parse(CONTENT), [
    ["0", new Uint8Array(1)],
    ["1", new Uint8Array(1)],
  ]);
  const states = [receiver.expecting];
  for (const frame of frames) {
    receiver.push(frame);
    states.push(receiver.expecting);
  }
  t.same(states, [
    "header",
    "metadata",
    "content",
    "buffer-header",
    "buffer-payload",
    "buffer-header",
    "buffer-payload",
    "header",
  ]);
  t.end();
});

t.test("bufferedBytes counts the partial message in UTF-8 bytes and drops to 0 when it completes", (t) => {
  const receiver = new Receiver();
  const header = '{"msgid":"é","msgtype":"PATCH-DOC","num_buffers":1}';
  receiver.push(header);
  t.equal(receiver.bufferedBytes, Buffer.byteLength(header), "header bytes (é is 2 bytes)");
  t.equal(receiver.bufferedBytes, header.length + 1, "UTF-8, not UTF-16");
  receiver.push("{}");
  receiver.push(CONTENT);
  receiver.push('{"id":"0"}');
  receiver.push(new Uint8Array(1000));
  t.equal(receiver.bufferedBytes, 0, "0 between messages");
  receiver.push(header);
  receiver.push("{}");
  receiver.push(CONTENT);
  receiver.push('{"id":"0"}');
  t.equal(receiver.bufferedBytes, Buffer.byteLength(header) + 2 + CONTENT.length + 10, "all frames of the partial");
  receiver.reset();
  t.equal(receiver.bufferedBytes, 0, "reset drops the partial message");
  t.equal(receiver.expecting, "header");
  t.end();
});

t.test("a client-side receiver accepts what servers send", (t) => {
  const receiver = new Receiver({ accept: CLIENT_ACCEPTS });
  const sent: [MsgType, string][] = [
    ["ACK", "{}"],
    ["OK", "{}"],
    ["ERROR", '{"text":"x","traceback":null}'],
    ["SERVER-INFO-REPLY", '{"version_info":{"bokeh":"3.9.2","server":"3.9.2"}}'],
    ["PATCH-DOC", CONTENT],
  ];
  for (const [msgtype, content] of sent) {
    const [message] = pushAll(receiver, [JSON.stringify({ msgid: "p1", msgtype, reqid: "R" }), "{}", content]);
    t.match(message, { header: { msgtype, reqid: "R" } }, msgtype);
  }
  t.end();
});

t.test("options", (t) => {
  t.same(new Receiver().limits, DEFAULT_LIMITS, "defaults");
  t.same(
    DEFAULT_LIMITS,
    { maxMessageBytes: 20971520, maxFrameBytes: 20971520, maxBuffers: 1024 },
    "bokeh serve's 20 MiB",
  );
  t.same(new Receiver({ maxBuffers: 3 }).limits, { ...DEFAULT_LIMITS, maxBuffers: 3 }, "override one limit");
  t.same([...SERVER_ACCEPTS].sort(), ["PATCH-DOC", "PULL-DOC-REQ", "PUSH-DOC", "SERVER-INFO-REQ"], "server side set");
  t.throws(() => new Receiver({ maxFrameBytes: -1 }), RangeError);
  t.throws(() => new Receiver({ maxMessageBytes: 1.5 }), RangeError);
  t.throws(() => new Receiver({ maxBuffers: Number.NaN }), RangeError);
  t.throws(() => new Receiver({ accept: ["NOPE" as MsgType] }), RangeError);
  t.end();
});

// ---- schemas ----

// Compile-time: the static type of each schema is exactly the exported TypeScript type.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SchemaMatchesType<T extends MsgType> = Equals<Static<(typeof CONTENT_SCHEMAS)[T]>, ContentOf<T>>;
const typeChecks: {
  header: Equals<Static<typeof HeaderSchema>, Header>;
  doc: Equals<Static<typeof DocJsonSchema>, DocJson>;
  event: Equals<Static<typeof PatchEventSchema>, PatchEvent>;
  contents: { [T in Exclude<MsgType, "ACK" | "OK" | "PULL-DOC-REQ" | "SERVER-INFO-REQ">]: SchemaMatchesType<T> };
} = {
  header: true,
  doc: true,
  event: true,
  contents: {
    ERROR: true,
    "PULL-DOC-REPLY": true,
    "PUSH-DOC": true,
    "PATCH-DOC": true,
    "SERVER-INFO-REPLY": true,
  },
};

t.test("schemas and types agree (checked by tsc; the object above only compiles if they do)", (t) => {
  t.ok(typeChecks.header && typeChecks.doc && typeChecks.event, "compiled");
  t.same(Object.keys(CONTENT_SCHEMAS).sort(), [...MSG_TYPES].sort(), "a content schema per message type");
  const kinds: PatchEventKind[] = [
    "ModelChanged",
    "ColumnDataChanged",
    "ColumnsStreamed",
    "ColumnsPatched",
    "RootAdded",
    "RootRemoved",
    "TitleChanged",
    "MessageSent",
  ];
  t.same(Object.keys(EVENT_SCHEMAS).sort(), kinds.sort(), "an event schema per kind");
  t.end();
});

t.test("header", (t) => {
  t.ok(isHeader({ msgid: "a", msgtype: "ACK" }), "minimal");
  t.ok(isHeader({ msgid: "a", msgtype: "OK", reqid: "b", num_buffers: 0, extra: 1 }), "all fields, extra tolerated");
  t.notOk(isHeader({ msgid: "a", msgtype: "NOPE" }), "unknown msgtype");
  t.notOk(isHeader({ msgid: "a", msgtype: "ACK", num_buffers: 2.5 }), "fractional num_buffers");
  t.end();
});

const ref = { id: "p1" };
const VALID_EVENTS: PatchEvent[] = [
  { kind: "ModelChanged", model: ref, attr: "value", new: null },
  { kind: "ColumnDataChanged", model: ref, attr: "data", data: { type: "map" }, cols: null },
  { kind: "ColumnDataChanged", model: ref, attr: "data", data: { type: "map" }, cols: ["y"] },
  { kind: "ColumnDataChanged", model: ref, attr: "data", data: { type: "map" } },
  { kind: "ColumnsStreamed", model: ref, attr: "data", data: { type: "map" }, rollover: 50 },
  { kind: "ColumnsStreamed", model: ref, attr: "data", data: { type: "map" }, rollover: null },
  { kind: "ColumnsStreamed", model: ref, attr: "data", data: { type: "map" } }, // BokehJS without rollover
  { kind: "ColumnsPatched", model: ref, attr: "data", patches: { type: "map" } },
  { kind: "RootAdded", model: { type: "object", name: "Div", id: "p2", attributes: {} } as unknown as { id: string } },
  { kind: "RootRemoved", model: ref },
  { kind: "TitleChanged", title: "T" },
  { kind: "MessageSent", msg_type: "bokeh_event", msg_data: { type: "event", name: "document_ready" } },
];
const INVALID_EVENTS: [unknown, RegExp][] = [
  [{ kind: "ModelChanged", model: ref, attr: "value" }, /new/],
  [{ kind: "ModelChanged", model: "p1", attr: "value", new: 1 }, /\/model/],
  [{ kind: "ColumnDataChanged", model: ref, attr: "data", data: {}, cols: "y" }, /\/cols/],
  [{ kind: "ColumnsStreamed", model: ref, attr: "data", data: {}, rollover: "5" }, /\/rollover/],
  [{ kind: "ColumnsStreamed", model: ref, attr: "data" }, /data/],
  [{ kind: "ColumnsPatched", model: ref, attr: "data" }, /patches/],
  [{ kind: "RootAdded" }, /model/],
  [{ kind: "RootRemoved", model: {} }, /id/],
  [{ kind: "TitleChanged", title: 1 }, /\/title/],
  [{ kind: "MessageSent", msg_data: {} }, /msg_type/],
  [{ kind: "Frobnicated" }, /unknown kind "Frobnicated"/],
  ["ModelChanged", /kind must be a string/],
];

t.test("PATCH-DOC events", (t) => {
  for (const event of VALID_EVENTS) {
    t.equal(validateContent("PATCH-DOC", { events: [event] }), undefined, `valid ${JSON.stringify(event)}`);
  }
  t.equal(validateContent("PATCH-DOC", { events: VALID_EVENTS }), undefined, "all kinds in one message");
  t.equal(validateContent("PATCH-DOC", { events: [] }), undefined, "no events");
  for (const [event, pattern] of INVALID_EVENTS) {
    const problem = validateContent("PATCH-DOC", { events: [VALID_EVENTS[0], event] });
    t.match(problem, /^\/events\/1/, `points at the event: ${problem}`);
    t.match(problem, pattern, "names the problem");
  }
  t.end();
});

t.test("other contents", (t) => {
  const doc = { version: "3.9.2", title: "t", config: { id: "p1" }, roots: [] };
  const valid: [MsgType, unknown][] = [
    ["ACK", {}],
    ["OK", { tolerated: true }],
    ["ERROR", { text: "x", traceback: "tb" }],
    ["PULL-DOC-REQ", {}],
    ["PULL-DOC-REPLY", { doc }],
    // Python writes the document's JS callbacks as a map rep (any dict is one).
    [
      "PUSH-DOC",
      { doc: { ...doc, defs: [], callbacks: { type: "map", entries: [["document_ready", [{ id: "p2" }]]] } } },
    ],
    ["SERVER-INFO-REQ", {}],
    ["SERVER-INFO-REPLY", { version_info: { bokeh: "3.9.2", server: "3.9.2" } }],
  ];
  for (const [msgtype, content] of valid) t.equal(validateContent(msgtype, content), undefined, `${msgtype} valid`);
  const invalid: [MsgType, unknown, RegExp][] = [
    ["ACK", [], /object/],
    ["ERROR", { text: "x" }, /traceback/],
    ["ERROR", { text: 1, traceback: null }, /\/text/],
    ["PULL-DOC-REPLY", {}, /doc/],
    ["PULL-DOC-REPLY", { doc: { ...doc, roots: {} } }, /\/doc\/roots/],
    ["PUSH-DOC", { doc: { roots: [] } }, /version|title|config/],
    ["SERVER-INFO-REPLY", { version_info: { bokeh: "3.9.2" } }, /server/],
  ];
  for (const [msgtype, content, pattern] of invalid) {
    t.match(validateContent(msgtype, content), pattern, `${msgtype} invalid: ${validateContent(msgtype, content)}`);
  }
  t.end();
});
