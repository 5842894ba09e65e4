// One test per ProtocolError code: what triggers it, its classification, and the receiver's state after it.
import { Buffer } from "node:buffer";
import t, { type Test } from "tap";
import {
  CLIENT_ACCEPTS,
  CLOSE_CODES,
  type Frame,
  MAX_CLOSE_REASON_BYTES,
  ProtocolError,
  type ProtocolErrorCode,
  Receiver,
  type ReceiverOptions,
} from "../src/index.js";
import { messageFrames, pushAll, thrown } from "./fixtures.js";

const PATCH = { msgid: "A1", msgtype: "PATCH-DOC" };
const PULL = { msgid: "B2", msgtype: "PULL-DOC-REQ" };
const MODEL_CHANGED = { kind: "ModelChanged", model: { id: "p1" }, attr: "value", new: 3 };
const PATCH_CONTENT = { events: [MODEL_CHANGED] };
const bytes = (n: number) => new Uint8Array(n);

/** Feeds frames until one throws; asserts it is the expected ProtocolError at the expected frame index. */
function expectError(
  t: Test,
  frames: Frame[],
  code: ProtocolErrorCode,
  atFrame: number,
  options?: ReceiverOptions,
): { error: ProtocolError; receiver: Receiver } {
  const receiver = new Receiver(options);
  for (let i = 0; i < frames.length; i += 1) {
    const error = thrown(() => receiver.push(frames[i]!));
    if (error === undefined) continue;
    t.ok(error instanceof ProtocolError, "a ProtocolError");
    const protocolError = error as ProtocolError;
    t.equal(protocolError.code, code, `code ${code}`);
    t.equal(i, atFrame, `thrown at frame ${atFrame}`);
    t.ok(protocolError.message.length > 0, `message: ${protocolError.message}`);
    return { error: protocolError, receiver };
  }
  t.fail(`no error, expected ${code}`);
  return { error: new ProtocolError(code, "missing"), receiver };
}

/** Recoverable: no close code, reqid = offending msgid, receiver clean, next message decodes. */
function expectRecoverable(t: Test, error: ProtocolError, receiver: Receiver, reqid: string): void {
  t.equal(error.fatal, false, "recoverable");
  t.equal(error.closeCode, undefined, "no close code");
  t.equal(error.closeReason, undefined, "no close reason");
  t.equal(error.reqid, reqid, "reqid is the offending msgid");
  t.equal(receiver.expecting, "header", "back at the next header");
  t.equal(receiver.bufferedBytes, 0, "nothing buffered");
  t.equal(receiver.failure, undefined, "not failed");
  const [next] = pushAll(receiver, messageFrames({ msgid: "N1", msgtype: "PULL-DOC-REQ" }));
  t.match(next, { header: { msgid: "N1", msgtype: "PULL-DOC-REQ" } }, "the next message decodes");
}

/** Fatal: the given close code, a short reason, the receiver refuses further frames until reset. */
function expectFatal(t: Test, error: ProtocolError, receiver: Receiver, closeCode: number, reqid?: string): void {
  t.equal(error.fatal, true, "fatal");
  t.equal(error.closeCode, closeCode, `close code ${closeCode}`);
  t.ok(error.closeReason !== undefined && error.closeReason.length > 0, "has a close reason");
  t.ok(Buffer.byteLength(error.closeReason ?? "") <= MAX_CLOSE_REASON_BYTES, "close reason fits a close frame");
  t.equal(error.reqid, reqid, `reqid ${String(reqid)}`);
  t.equal(receiver.expecting, "failed", "receiver failed");
  t.equal(receiver.bufferedBytes, 0, "partial message dropped");
  t.equal(receiver.failure, error, "failure recorded");
  t.equal(
    thrown(() => receiver.push(messageFrames(PULL)[0]!)),
    error,
    "a later text frame rethrows the same error",
  );
  t.equal(
    thrown(() => receiver.push(bytes(1))),
    error,
    "a later binary frame rethrows the same error",
  );
  receiver.reset();
  t.equal(receiver.expecting, "header", "reset clears the failure");
  t.equal(pushAll(receiver, messageFrames(PULL)).length, 1, "usable again after reset");
}

t.test("classification: every code is either recoverable or fatal with a valid close code", (t) => {
  const recoverable = ["METADATA_NOT_JSON", "CONTENT_NOT_JSON", "INVALID_CONTENT", "DUPLICATE_BUFFER_ID"];
  for (const code of recoverable) {
    const error = new ProtocolError(code as ProtocolErrorCode, "x", "r");
    t.equal(error.fatal, false, `${code} is recoverable`);
  }
  for (const [code, closeCode] of Object.entries(CLOSE_CODES)) {
    t.ok([1002, 1003, 1007, 1009].includes(closeCode), `${code} closes with ${closeCode}`);
    t.equal(new ProtocolError(code as ProtocolErrorCode, "x").fatal, true, `${code} is fatal`);
  }
  t.equal(Object.keys(CLOSE_CODES).length, 14, "14 fatal codes");
  t.end();
});

t.test("close reasons are cut to 123 UTF-8 bytes without splitting a character", (t) => {
  for (const unit of ["a", "é", "€", "😀"]) {
    const message = unit.repeat(200);
    const reason = new ProtocolError("INVALID_HEADER", message).closeReason!;
    const size = Buffer.byteLength(reason);
    t.ok(size <= 123 && size > 123 - 4, `${unit}: ${size} bytes`);
    t.ok(message.startsWith(reason), `${unit}: a prefix of the message`);
    t.notOk(reason.includes("\ufffd"), `${unit}: no broken character`);
  }
  t.equal(new ProtocolError("INVALID_HEADER", "short").closeReason, "short", "short messages are kept");
  t.end();
});

// ---- recoverable ----

t.test("METADATA_NOT_JSON: recoverable, thrown once the content frame ends the message", (t) => {
  const frames = messageFrames(PATCH, PATCH_CONTENT);
  frames[1] = "{oops";
  const { error, receiver } = expectError(t, frames, "METADATA_NOT_JSON", 2);
  expectRecoverable(t, error, receiver, "A1");
  t.end();
});

t.test("CONTENT_NOT_JSON: recoverable; the stream is in sync because the header said where the message ends", (t) => {
  const frames = messageFrames({ ...PATCH, num_buffers: 1 }, PATCH_CONTENT, [["0", bytes(8)]]);
  frames[2] = "{this is not json"; // transcript 07a's content
  const { error, receiver } = expectError(t, frames, "CONTENT_NOT_JSON", 4);
  t.match(error.message, /PATCH-DOC content is not valid JSON/);
  expectRecoverable(t, error, receiver, "A1");
  t.end();
});

t.test("INVALID_CONTENT: content failing its schema is recoverable and says where", (t) => {
  const cases: [Record<string, unknown>, unknown, RegExp][] = [
    [PATCH, { events: [{ kind: "Frobnicated", model: { id: "p1" } }] }, /\/events\/0 has unknown kind "Frobnicated"/],
    [PATCH, { events: [MODEL_CHANGED, { kind: "ModelChanged", model: { id: "p1" }, new: 1 }] }, /\/events\/1.*attr/],
    [PATCH, { events: [{ kind: "ModelChanged", model: { id: 5 }, attr: "a", new: 1 }] }, /\/events\/0\/model\/id/],
    [PATCH, { events: [{ model: { id: "p1" } }] }, /\/events\/0\/kind must be a string/],
    [PATCH, { events: {} }, /events/],
    [PATCH, [], /must be object/],
    [{ msgid: "A1", msgtype: "PUSH-DOC" }, { doc: { version: "3.9.2", title: "t", config: {} } }, /roots/],
    [{ msgid: "A1", msgtype: "PULL-DOC-REQ" }, "x", /must be object/],
  ];
  for (const [header, content, pattern] of cases) {
    const { error, receiver } = expectError(t, messageFrames(header, content), "INVALID_CONTENT", 2);
    t.match(error.message, pattern, error.message);
    expectRecoverable(t, error, receiver, "A1");
  }
  t.end();
});

t.test("INVALID_CONTENT on a client-side receiver", (t) => {
  const frames = messageFrames({ msgid: "p1", msgtype: "ERROR", reqid: "X" }, { text: "boom" });
  const { error } = expectError(t, frames, "INVALID_CONTENT", 2, { accept: CLIENT_ACCEPTS });
  t.match(error.message, /traceback/);
  t.end();
});

t.test("DUPLICATE_BUFFER_ID: recoverable, thrown after the last buffer", (t) => {
  const frames = messageFrames({ ...PATCH, num_buffers: 3 }, PATCH_CONTENT, [
    ["0", bytes(1)],
    ["0", bytes(2)],
    ["1", bytes(3)],
  ]);
  const { error, receiver } = expectError(t, frames, "DUPLICATE_BUFFER_ID", 8);
  expectRecoverable(t, error, receiver, "A1");
  t.end();
});

// ---- fatal ----

t.test("UNSUPPORTED_FRAME: neither a string nor a Uint8Array (1003)", (t) => {
  for (const frame of [new ArrayBuffer(4), 42, null, { length: 1 }]) {
    const { error, receiver } = expectError(t, [frame as unknown as Frame], "UNSUPPORTED_FRAME", 0);
    expectFatal(t, error, receiver, 1003);
  }
  t.end();
});

t.test("EXPECTED_TEXT: a binary frame where a text frame is due (1003)", (t) => {
  const frames = messageFrames({ ...PATCH, num_buffers: 1 }, PATCH_CONTENT, [["0", bytes(4)]]);
  for (const at of [0, 1, 2, 3]) {
    const broken = [...frames.slice(0, at), bytes(52)];
    const { error, receiver } = expectError(t, broken, "EXPECTED_TEXT", at);
    expectFatal(t, error, receiver, 1003, at === 0 ? undefined : "A1");
  }
  t.end();
});

t.test("EXPECTED_BINARY: a text frame where the buffer payload is due (1003)", (t) => {
  const frames = messageFrames({ ...PATCH, num_buffers: 1 }, PATCH_CONTENT, [["0", bytes(4)]]);
  frames[4] = "AAAA";
  const { error, receiver } = expectError(t, frames, "EXPECTED_BINARY", 4);
  expectFatal(t, error, receiver, 1003, "A1");
  t.end();
});

t.test("HEADER_NOT_JSON: fatal at once (1007)", (t) => {
  for (const header of ["{not json", "", '{"msgid":"a",', "undefined"]) {
    const { error, receiver } = expectError(t, [header, "{}", "{}"], "HEADER_NOT_JSON", 0);
    expectFatal(t, error, receiver, 1007);
  }
  t.end();
});

t.test("INVALID_HEADER: JSON that is not a valid header (1002)", (t) => {
  const cases: [unknown, string | undefined][] = [
    [[], undefined],
    ["PATCH-DOC", undefined],
    [{ msgtype: "PATCH-DOC" }, undefined],
    [{ msgid: 7, msgtype: "PATCH-DOC" }, undefined],
    [{ msgid: "H1" }, "H1"],
    [{ msgid: "H1", msgtype: 3 }, "H1"],
    [{ msgid: "H1", msgtype: "PATCH-DOC", num_buffers: -1 }, "H1"],
    [{ msgid: "H1", msgtype: "PATCH-DOC", num_buffers: 1.5 }, "H1"],
    [{ msgid: "H1", msgtype: "PATCH-DOC", num_buffers: "1" }, "H1"],
    [{ msgid: "H1", msgtype: "PATCH-DOC", num_buffers: null }, "H1"],
    [{ msgid: "H1", msgtype: "PATCH-DOC", reqid: 5 }, "H1"],
  ];
  for (const [header, reqid] of cases) {
    const { error, receiver } = expectError(t, [JSON.stringify(header)], "INVALID_HEADER", 0);
    expectFatal(t, error, receiver, 1002, reqid);
  }
  t.end();
});

t.test("UNKNOWN_MSGTYPE: fatal at the header (1002)", (t) => {
  const frames = messageFrames({ msgid: "3D33", msgtype: "NOT-A-TYPE" });
  const { error, receiver } = expectError(t, frames, "UNKNOWN_MSGTYPE", 0);
  t.match(error.message, /"NOT-A-TYPE"/);
  expectFatal(t, error, receiver, 1002, "3D33");
  t.end();
});

t.test("UNEXPECTED_MSGTYPE: a known type this side never accepts (1002)", (t) => {
  for (const msgtype of ["ACK", "OK", "ERROR", "PULL-DOC-REPLY", "SERVER-INFO-REPLY"]) {
    const { error, receiver } = expectError(t, messageFrames({ msgid: "M", msgtype }), "UNEXPECTED_MSGTYPE", 0);
    expectFatal(t, error, receiver, 1002, "M");
  }
  for (const msgtype of ["PULL-DOC-REQ", "PUSH-DOC", "SERVER-INFO-REQ"]) {
    const options = { accept: CLIENT_ACCEPTS };
    const { error, receiver } = expectError(
      t,
      messageFrames({ msgid: "M", msgtype }),
      "UNEXPECTED_MSGTYPE",
      0,
      options,
    );
    t.equal(error.fatal, true, `a client refuses ${msgtype}`);
    receiver.reset();
  }
  const { error } = expectError(t, messageFrames(PATCH), "UNEXPECTED_MSGTYPE", 0, { accept: ["PULL-DOC-REQ"] });
  t.equal(error.closeCode, 1002, "a custom accept set applies");
  t.end();
});

t.test("BUFFER_HEADER_NOT_JSON: fatal (1007)", (t) => {
  const frames = messageFrames({ ...PATCH, num_buffers: 1 }, PATCH_CONTENT, [["0", bytes(4)]]);
  frames[3] = "{id:0}";
  const { error, receiver } = expectError(t, frames, "BUFFER_HEADER_NOT_JSON", 3);
  expectFatal(t, error, receiver, 1007, "A1");
  t.end();
});

t.test('INVALID_BUFFER_HEADER: anything but exactly {"id": string} (1002)', (t) => {
  for (const bufferHeader of ['{"id":0}', '{"id":"0","extra":1}', "{}", '"0"', '[{"id":"0"}]', "null"]) {
    const frames = messageFrames({ ...PATCH, num_buffers: 1 }, PATCH_CONTENT, [["0", bytes(4)]]);
    frames[3] = bufferHeader;
    const { error, receiver } = expectError(t, frames, "INVALID_BUFFER_HEADER", 3);
    expectFatal(t, error, receiver, 1002, "A1");
  }
  t.end();
});

t.test("MISSING_BUFFER: num_buffers announced more buffers than were sent (transcript 11) (1002)", (t) => {
  const frames = [
    ...messageFrames({ msgid: "035F", msgtype: "PULL-DOC-REQ", num_buffers: 1 }),
    ...messageFrames({ msgid: "CC0C", msgtype: "SERVER-INFO-REQ" }),
  ];
  const { error, receiver } = expectError(t, frames, "MISSING_BUFFER", 3);
  t.match(error.message, /announced 1 buffers.*after 0/);
  expectFatal(t, error, receiver, 1002, "035F");
  t.end();
});

t.test("UNEXPECTED_BUFFER: more buffers than num_buffers announced (1002)", (t) => {
  const frames = [...messageFrames(PATCH, PATCH_CONTENT), '{"id":"0"}', bytes(8)];
  const { error, receiver } = expectError(t, frames, "UNEXPECTED_BUFFER", 3);
  expectFatal(t, error, receiver, 1002);
  t.end();
});

t.test("FRAME_TOO_BIG: one frame over maxFrameBytes (1009)", (t) => {
  const options = { maxFrameBytes: 100 };
  const big = JSON.stringify({ ...PATCH, pad: "x".repeat(100) });
  let result = expectError(t, [big], "FRAME_TOO_BIG", 0, options);
  expectFatal(t, result.error, result.receiver, 1009);

  // 62 characters but 122 UTF-8 bytes: text frames are measured in UTF-8.
  const accented = JSON.stringify("é".repeat(60));
  t.ok(accented.length < 100 && Buffer.byteLength(accented) > 100, "fixture: short string, long bytes");
  result = expectError(t, [accented], "FRAME_TOO_BIG", 0, options);
  expectFatal(t, result.error, result.receiver, 1009);

  const frames = messageFrames({ ...PATCH, num_buffers: 1 }, PATCH_CONTENT, [["0", bytes(101)]]);
  result = expectError(t, frames, "FRAME_TOO_BIG", 4, { maxFrameBytes: 100, maxMessageBytes: 1000 });
  expectFatal(t, result.error, result.receiver, 1009, "A1");
  t.end();
});

t.test("MESSAGE_TOO_BIG: the frames of one message together over maxMessageBytes (1009)", (t) => {
  const frames = messageFrames({ ...PATCH, num_buffers: 2 }, PATCH_CONTENT, [
    ["0", bytes(40)],
    ["1", bytes(40)],
  ]);
  const textBytes = frames.slice(0, 4).reduce((n, f) => n + Buffer.byteLength(f as string), 0);
  const exact = textBytes + 40 + Buffer.byteLength(frames[5] as string) + 40;
  t.equal(pushAll(new Receiver({ maxMessageBytes: exact }), frames).length, 1, "exactly at the limit is accepted");
  const { error, receiver } = expectError(t, frames, "MESSAGE_TOO_BIG", 6, { maxMessageBytes: exact - 1 });
  expectFatal(t, error, receiver, 1009, "A1");

  const many = new Receiver({ maxMessageBytes: exact });
  for (let i = 0; i < 5; i += 1) pushAll(many, frames);
  t.equal(many.expecting, "header", "the limit is per message, not per connection");
  t.end();
});

t.test("TOO_MANY_BUFFERS: num_buffers over maxBuffers, refused at the header (1009)", (t) => {
  const { error, receiver } = expectError(t, messageFrames({ ...PATCH, num_buffers: 1025 }), "TOO_MANY_BUFFERS", 0);
  expectFatal(t, error, receiver, 1009, "A1");
  const ok = new Receiver({ maxBuffers: 2 });
  const frames = messageFrames({ ...PATCH, num_buffers: 2 }, PATCH_CONTENT, [
    ["0", bytes(1)],
    ["1", bytes(1)],
  ]);
  t.equal(pushAll(ok, frames).length, 1, "exactly maxBuffers is accepted");
  t.end();
});

t.test("a recoverable error does not survive into the next message", (t) => {
  const receiver = new Receiver();
  const bad = messageFrames(PATCH, { events: [{ kind: "Nope" }] });
  const good = messageFrames({ msgid: "G", msgtype: "PATCH-DOC" }, PATCH_CONTENT);
  t.ok(thrown(() => pushAll(receiver, bad)) instanceof ProtocolError, "first message fails");
  const [message] = pushAll(receiver, good);
  t.match(message, { header: { msgid: "G" }, content: PATCH_CONTENT }, "second message decodes");
  t.end();
});
