// Seeded fuzzing: sequences built from the recorded messages, then truncated, garbled, reordered, retyped
// and padded. Whatever arrives, the receiver throws only ProtocolError, answers promptly, and holds no more
// than the frames of one partial message (its byte count equals exactly the frames since the last boundary).
import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";
import t from "tap";
import {
  CLIENT_ACCEPTS,
  type Frame,
  MAX_CLOSE_REASON_BYTES,
  type Message,
  ProtocolError,
  Receiver,
  type ReceiverOptions,
  SERVER_ACCEPTS,
  validateContent,
} from "../src/index.js";
import { type Direction, loadConnections, serializerExamples, splitMessages, transcriptFiles } from "./fixtures.js";

const SEED = 0x5eed_b0c4;
const SEQUENCES = 12_000;
const MAX_PUSH_MS = 250; // generous for loaded CI machines; a hang or quadratic blow-up is far above

/** mulberry32: small, fast, good enough to drive mutations reproducibly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

// The corpus: every recorded message (both directions) and bokeh's serializer examples.
const corpus: Record<Direction, Frame[][]> = { c2s: [], s2c: [] };
for (const file of transcriptFiles()) {
  for (const connection of loadConnections(file)) {
    for (const dir of ["c2s", "s2c"] as const) {
      const frames = connection.frames.filter((f) => f.dir === dir).map((f) => f.frame);
      corpus[dir].push(...splitMessages(frames));
    }
  }
}
for (const example of serializerExamples()) corpus.s2c.push(example.frames);

/** Recorded messages that decode on their own (the deliberately broken recordings do not). */
const clean = new Set<Frame[]>();
for (const dir of ["c2s", "s2c"] as const) {
  for (const group of corpus[dir]) {
    const receiver = new Receiver({ accept: dir === "c2s" ? SERVER_ACCEPTS : CLIENT_ACCEPTS });
    try {
      if (group.map((frame) => receiver.push(frame)).at(-1) !== undefined) clean.add(group);
    } catch {
      // not clean
    }
  }
}

const JUNK_TEXT = [
  "",
  "{}",
  "[]",
  "null",
  '"x"',
  '{"id":"0"}',
  '{"id":0}',
  '{"msgid":"f","msgtype":"PATCH-DOC","num_buffers":1}',
  '{"msgid":"f","msgtype":"PULL-DOC-REQ"}',
  '{"msgid":"f","msgtype":"ACK"}',
  '{"events":[{"kind":"ModelChanged"}]}',
  '{"msgid":"\u00e9\u{1F600}","msgtype":"NOT\u00e9"}',
  "\ud800",
];
const NUM_BUFFERS = [-1, 0, 1, 2, 3, 7, 1e6, 1.5, "2", null, true];
const MSGTYPES = [
  "ACK",
  "OK",
  "ERROR",
  "PULL-DOC-REQ",
  "PULL-DOC-REPLY",
  "PUSH-DOC",
  "PATCH-DOC",
  "SERVER-INFO-REQ",
  "X",
];

function randomBytes(n: number): Buffer {
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i += 1) bytes[i] = int(256);
  return bytes;
}

function garble(text: string): string {
  const at = int(text.length + 1);
  switch (int(4)) {
    case 0:
      return text.slice(0, at); // truncated
    case 1:
      return text.slice(0, at) + pick(["{", "}", '"', ",", ":", "\\", "é", "\u0000", "]"]) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + int(20)); // a piece cut out
    default:
      return text.slice(at) + text.slice(0, at); // rotated
  }
}

function tweakHeader(text: string): string {
  try {
    const header = JSON.parse(text) as Record<string, unknown>;
    if (typeof header !== "object" || header === null) return text;
    const field = pick(["num_buffers", "msgtype", "msgid", "reqid"]);
    if (random() < 0.2) delete header[field];
    else if (field === "num_buffers") header[field] = pick(NUM_BUFFERS);
    else if (field === "msgtype") header[field] = pick(MSGTYPES);
    else header[field] = pick(["x", 1, null, "p1"]);
    return JSON.stringify(header);
  } catch {
    return text;
  }
}

/** One mutation of the sequence in place. */
function mutate(frames: Frame[]): void {
  const i = int(frames.length);
  const frame = frames[i];
  switch (int(10)) {
    case 0:
      frames.length = int(frames.length); // truncated sequence
      break;
    case 1:
      frames.splice(i, 1); // dropped frame
      break;
    case 2:
      if (frame !== undefined) frames.splice(i, 0, frame); // duplicated frame
      break;
    case 3: {
      const j = int(frames.length); // reordered
      if (frame !== undefined && frames[j] !== undefined) [frames[i], frames[j]] = [frames[j]!, frame];
      break;
    }
    case 4:
      if (typeof frame === "string") frames[i] = garble(frame);
      break;
    case 5: // text ↔ binary
      if (typeof frame === "string") frames[i] = Buffer.from(frame);
      else if (frame !== undefined) frames[i] = Buffer.from(frame).toString("latin1");
      break;
    case 6:
      if (typeof frame === "string") frames[i] = tweakHeader(frame);
      break;
    case 7:
      frames.splice(i, 0, random() < 0.5 ? pick(JUNK_TEXT) : randomBytes(int(64)));
      break;
    case 8:
      if (frame instanceof Uint8Array) frames[i] = frame.subarray(int(frame.length + 1));
      break;
    default: {
      // another message's frame at this position (e.g. a content that does not fit the header)
      const other = pick(pick([corpus.c2s, corpus.s2c]));
      const replacement = other[int(other.length)];
      if (replacement !== undefined) frames[i] = replacement;
    }
  }
}

const frameBytes = (frame: Frame) => (typeof frame === "string" ? Buffer.byteLength(frame) : frame.byteLength);

/** What the run gathers over every sequence. */
interface FuzzStats {
  readonly violations: string[];
  readonly codes: Map<string, number>;
  frames: number;
  slowest: number;
}

function violate(stats: FuzzStats, text: string): void {
  if (stats.violations.length < 20) stats.violations.push(text);
}

/** One to four recorded messages of one direction, mutated one to four times (15% of sequences left intact). */
function fuzzedSequence(dir: Direction): { sequence: Frame[]; count: number; allClean: boolean; mutations: number } {
  const sequence: Frame[] = [];
  const count = 1 + int(4);
  let allClean = true;
  for (let m = 0; m < count; m += 1) {
    const group = pick(corpus[dir]);
    allClean &&= clean.has(group);
    sequence.push(...group);
  }
  const mutations = random() < 0.15 ? 0 : 1 + int(4);
  for (let m = 0; m < mutations; m += 1) mutate(sequence);
  return { sequence, count, allClean, mutations };
}

/** A receiver with small random limits (30%), else the direction's shared one reset, or a new one. */
function receiverFor(
  dir: Direction,
  shared: Record<Direction, Receiver>,
): { receiver: Receiver; smallLimits: boolean } {
  const accept = dir === "c2s" ? SERVER_ACCEPTS : CLIENT_ACCEPTS;
  if (random() < 0.3) {
    const options: ReceiverOptions = {
      accept,
      maxMessageBytes: int(20_000),
      maxFrameBytes: int(12_000),
      maxBuffers: int(4),
    };
    return { receiver: new Receiver(options), smallLimits: true };
  }
  if (random() < 0.5) {
    shared[dir].reset();
    return { receiver: shared[dir], smallLimits: false };
  }
  return { receiver: new Receiver({ accept }), smallLimits: false };
}

/** Pushes one frame, timed; a push must be fast and must never leave more bytes held than the limit. */
function timedPush(
  n: number,
  receiver: Receiver,
  frame: Frame,
  stats: FuzzStats,
): { result?: Message; error?: unknown } {
  stats.frames += 1;
  const before = performance.now();
  let pushed: { result?: Message; error?: unknown };
  try {
    pushed = { result: receiver.push(frame) };
  } catch (caught) {
    pushed = { error: caught };
  }
  const elapsed = performance.now() - before;
  if (elapsed > stats.slowest) stats.slowest = elapsed;
  if (elapsed > MAX_PUSH_MS) violate(stats, `seq ${n}: push took ${elapsed.toFixed(1)} ms`);
  if (receiver.bufferedBytes > receiver.limits.maxMessageBytes)
    violate(stats, `seq ${n}: bufferedBytes over the limit`);
  return pushed;
}

/**
 * A push that threw: only ProtocolErrors, a fatal one closing with a proper code and failing the receiver for good,
 * a recoverable one naming its request and back at a header. The receiver's failure, or "stop" for a foreign error.
 */
function checkError(
  n: number,
  receiver: Receiver,
  error: unknown,
  failure: ProtocolError | undefined,
  stats: FuzzStats,
): ProtocolError | undefined | "stop" {
  if (!(error instanceof ProtocolError)) {
    violate(stats, `seq ${n}: threw ${String(error)}`);
    return "stop";
  }
  stats.codes.set(error.code, (stats.codes.get(error.code) ?? 0) + 1);
  if (failure !== undefined) {
    if (error !== failure) violate(stats, `seq ${n}: a failed receiver threw a different error`);
  } else if (error.fatal) {
    if (![1002, 1003, 1007, 1009].includes(error.closeCode ?? 0))
      violate(stats, `seq ${n}: close code ${error.closeCode}`);
    if (Buffer.byteLength(error.closeReason ?? "") > MAX_CLOSE_REASON_BYTES) violate(stats, `seq ${n}: long reason`);
    if (receiver.expecting !== "failed") violate(stats, `seq ${n}: fatal but receiver not failed`);
  } else if (typeof error.reqid !== "string" || receiver.expecting !== "header") {
    violate(stats, `seq ${n}: recoverable ${error.code} without reqid or not at a header`);
  }
  if (receiver.bufferedBytes !== 0) violate(stats, `seq ${n}: bytes held after an error`);
  return failure ?? (error.fatal ? error : undefined);
}

/** A decoded message: complete, of an accepted type, with valid content, and the receiver back at a header. */
function checkMessage(n: number, receiver: Receiver, dir: Direction, message: Message, stats: FuzzStats): void {
  const { header, content, buffers } = message;
  const accept = dir === "c2s" ? SERVER_ACCEPTS : CLIENT_ACCEPTS;
  if (receiver.expecting !== "header" || receiver.bufferedBytes !== 0) violate(stats, `seq ${n}: state after message`);
  if (buffers.size !== (header.num_buffers ?? 0)) violate(stats, `seq ${n}: ${buffers.size} buffers`);
  if (!accept.includes(header.msgtype)) violate(stats, `seq ${n}: accepted ${header.msgtype}`);
  if (validateContent(header.msgtype, content) !== undefined) violate(stats, `seq ${n}: invalid content passed`);
}

/** Pushes a sequence frame by frame, checking the receiver after each; the number of messages decoded. */
function runSequence(n: number, dir: Direction, receiver: Receiver, sequence: Frame[], stats: FuzzStats): number {
  let sinceBoundary = 0; // bytes pushed since the last complete message or error
  let failure: ProtocolError | undefined;
  let decoded = 0;
  for (const frame of sequence) {
    const { result, error } = timedPush(n, receiver, frame, stats);
    if (error !== undefined) {
      const checked = checkError(n, receiver, error, failure, stats);
      if (checked === "stop") break;
      failure = checked;
      sinceBoundary = 0;
      continue;
    }
    if (failure !== undefined) violate(stats, `seq ${n}: a failed receiver accepted a frame`);
    if (result !== undefined) {
      decoded += 1;
      checkMessage(n, receiver, dir, result, stats);
      sinceBoundary = 0;
    } else {
      sinceBoundary += frameBytes(frame);
      if (receiver.expecting === "header") violate(stats, `seq ${n}: no message, yet back at a header`);
      if (receiver.bufferedBytes !== sinceBoundary) {
        violate(
          stats,
          `seq ${n}: holds ${receiver.bufferedBytes} bytes, ${sinceBoundary} pushed since the last boundary`,
        );
      }
    }
  }
  return decoded;
}

t.test(`${SEQUENCES} fuzzed frame sequences`, (t) => {
  t.ok(corpus.c2s.length > 50 && corpus.s2c.length > 100, "corpus loaded");
  t.ok(clean.size > 150, `${clean.size} clean messages in the corpus`);
  const stats: FuzzStats = { violations: [], codes: new Map(), frames: 0, slowest: 0 };
  let messages = 0;
  let mutatedMessages = 0;
  const started = performance.now();
  const shared: Record<Direction, Receiver> = {
    c2s: new Receiver(),
    s2c: new Receiver({ accept: CLIENT_ACCEPTS }),
  };

  for (let n = 0; n < SEQUENCES; n += 1) {
    const dir: Direction = random() < 0.5 ? "c2s" : "s2c";
    const { sequence, count, allClean, mutations } = fuzzedSequence(dir);
    const { receiver, smallLimits } = receiverFor(dir, shared);
    const decoded = runSequence(n, dir, receiver, sequence, stats);
    messages += decoded;
    if (mutations > 0) mutatedMessages += decoded;
    else if (allClean && !smallLimits && decoded !== count) {
      violate(stats, `seq ${n}: ${count} clean recorded messages, ${decoded} decoded`);
    }
  }

  const elapsed = performance.now() - started;
  const { violations, codes, frames, slowest } = stats;
  t.same(violations, [], "no violations");
  t.ok(messages > 5000, `${messages} messages decoded (${mutatedMessages} from mutated sequences)`);
  t.ok(codes.size >= 14, `${codes.size} distinct error codes: ${[...codes].map(([c, k]) => `${c}×${k}`).join(", ")}`);
  t.ok(slowest < MAX_PUSH_MS, `slowest push ${slowest.toFixed(2)} ms over ${frames} frames`);
  t.ok(elapsed < 15_000, `fuzzing took ${(elapsed / 1000).toFixed(2)} s`);
  t.end();
});
