// Encode/decode throughput of the built package (run `pnpm build` first): 100,000 small PATCH-DOC
// messages, and one message carrying two 8 MiB float64 buffers. Bounded loops, no I/O besides printing.
import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";
import { encode, patchDoc, Receiver } from "../dist/index.js";

const SMALL_MESSAGES = 100_000;
const LARGE_ROUNDS = 20;
const FLOATS = (8 * 1024 * 1024) / Float64Array.BYTES_PER_ELEMENT; // 8 MiB per buffer

const frameBytes = (frames) =>
  frames.reduce((sum, frame) => sum + (typeof frame === "string" ? Buffer.byteLength(frame) : frame.byteLength), 0);

/** Runs fn once to warm up, then `rounds` times; returns seconds per round (the best of 3 runs). */
function time(rounds, fn) {
  fn();
  let best = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const start = performance.now();
    for (let i = 0; i < rounds; i += 1) fn();
    best = Math.min(best, (performance.now() - start) / 1000 / rounds);
  }
  return best;
}

function report(label, messages, bytes, seconds) {
  const rate = (messages / seconds).toLocaleString("en-US", { maximumFractionDigits: 0 });
  const mbps = (bytes / seconds / 1e6).toFixed(1);
  console.log(`${label.padEnd(44)} ${rate.padStart(12)} msgs/s ${mbps.padStart(9)} MB/s`);
}

// (a) 100,000 small PATCH-DOC messages, one ModelChanged each.
const small = Array.from({ length: SMALL_MESSAGES }, (_, i) =>
  patchDoc([{ kind: "ModelChanged", model: { id: `p${1000 + (i % 50)}` }, attr: "value", new: i * 0.5 }]),
);
const smallFrames = small.map((message) => encode(message));
const smallBytes = smallFrames.reduce((sum, frames) => sum + frameBytes(frames), 0);

const encodeSmall = time(1, () => {
  for (const message of small) encode(message);
});
const buildAndEncodeSmall = time(1, () => {
  for (let i = 0; i < SMALL_MESSAGES; i += 1) {
    encode(patchDoc([{ kind: "ModelChanged", model: { id: "p1000" }, attr: "value", new: i }]));
  }
});
const decodeSmall = time(1, () => {
  const receiver = new Receiver();
  let decoded = 0;
  for (const frames of smallFrames) {
    for (const frame of frames) if (receiver.push(frame) !== undefined) decoded += 1;
  }
  if (decoded !== SMALL_MESSAGES) throw new Error(`decoded ${decoded}`);
});

// (b) one PATCH-DOC with two 8 MiB float64 buffers (a ColumnDataChanged with two ndarray columns).
const x = new Float64Array(FLOATS).map((_, i) => i);
const y = new Float64Array(FLOATS).map((_, i) => Math.sin(i));
const ndarray = (id) => ({
  type: "ndarray",
  array: { type: "bytes", data: { id } },
  shape: [FLOATS],
  dtype: "float64",
  order: "little",
});
const large = patchDoc(
  [
    {
      kind: "ColumnDataChanged",
      model: { id: "p1001" },
      attr: "data",
      data: {
        type: "map",
        entries: [
          ["x", ndarray("p2000")],
          ["y", ndarray("p2001")],
        ],
      },
      cols: null,
    },
  ],
  new Map([
    ["p2000", x],
    ["p2001", y],
  ]),
);
const largeFrames = encode(large);
const largeBytes = frameBytes(largeFrames);
// What a socket hands over: binary payloads in memory of their own.
const received = largeFrames.map((frame) => (typeof frame === "string" ? frame : new Uint8Array(frame)));

const encodeLarge = time(LARGE_ROUNDS, () => encode(large));
const receiver = new Receiver();
let decodedLarge;
const decodeLarge = time(LARGE_ROUNDS, () => {
  for (const frame of received) decodedLarge = receiver.push(frame) ?? decodedLarge;
});

// Bytes copied per buffer: 0 when the frame/buffer is a view of the very same memory.
const encodeCopied = [x, y].map((source, i) => {
  const frame = largeFrames[4 + 2 * i];
  const shared = frame.buffer === source.buffer && frame.byteOffset === source.byteOffset;
  return shared ? 0 : frame.byteLength;
});
const decodeCopied = ["p2000", "p2001"].map((id, i) => {
  const frame = received[4 + 2 * i];
  const buffer = decodedLarge.buffers.get(id);
  return buffer.buffer === frame.buffer && buffer.byteOffset === frame.byteOffset ? 0 : buffer.byteLength;
});

console.log(`@fastify-bokeh/protocol benchmark (node ${process.version})`);
console.log(
  `(a) ${SMALL_MESSAGES.toLocaleString("en-US")} small PATCH-DOC messages, ${(smallBytes / SMALL_MESSAGES).toFixed(0)} bytes each`,
);
report("  encode (prebuilt messages)", SMALL_MESSAGES, smallBytes, encodeSmall);
report("  patchDoc() + encode", SMALL_MESSAGES, smallBytes, buildAndEncodeSmall);
report("  decode (Receiver.push, validated)", SMALL_MESSAGES, smallBytes, decodeSmall);
console.log(`(b) one message with two 8 MiB float64 buffers, ${(largeBytes / 2 ** 20).toFixed(1)} MiB total`);
report("  encode", 1, largeBytes, encodeLarge);
report("  decode", 1, largeBytes, decodeLarge);
console.log(`  bytes copied per buffer: encode ${encodeCopied.join(", ")}; decode ${decodeCopied.join(", ")}`);
