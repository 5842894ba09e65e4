import type { Frame } from "@fastify-bokeh/protocol";
import t from "tap";
import { DECODE_SLICE_BYTES, FrameDecoder } from "../../src/core/frame-decoder.js";

const turn = () => new Promise((resolve) => setImmediate(resolve));

function recorder() {
  const frames: Frame[] = [];
  return { frames, decoder: new FrameDecoder((frame) => frames.push(frame)) };
}

/** Text of more than `bytes` UTF-8 bytes whose 2-, 3- and 4-byte characters straddle slice boundaries. */
function multibyteText(bytes: number): string {
  const unit = "aé€😀"; // 1 + 2 + 3 + 4 bytes
  return unit.repeat(Math.ceil(bytes / 10) + 1);
}

t.test("small text and binary messages become frames at once", async (t) => {
  const { frames, decoder } = recorder();
  decoder.push(Buffer.from('{"msgid":"1"}'), false);
  decoder.push(Buffer.from([1, 2, 3]), true);
  t.same(frames[0], '{"msgid":"1"}', "text as a string");
  t.ok(frames[1] instanceof Uint8Array, "binary as bytes");
  t.same(frames[1], new Uint8Array([1, 2, 3]));
});

t.test("a large text message is decoded over several turns, whole, and what follows it waits", async (t) => {
  const { frames, decoder } = recorder();
  const text = multibyteText(3 * DECODE_SLICE_BYTES);
  decoder.push(Buffer.from(text), false);
  decoder.push(Buffer.from("after"), false);
  decoder.push(Buffer.from([7]), true);
  let otherWorkRanFirst = false;
  setImmediate(() => {
    otherWorkRanFirst = frames.length === 0;
  });
  t.same(frames, [], "nothing is delivered in the turn it arrived");
  while (frames.length < 3) await turn();
  t.ok(frames[0] === text, "the text comes out whole, every character intact");
  t.same(frames.slice(1, 2), ["after"], "then the message after it");
  t.ok(frames[2] instanceof Uint8Array, "and the binary one, in order");
  t.ok(otherWorkRanFirst, "other work ran while it was decoded");
  decoder.push(Buffer.from("later"), false);
  t.same(frames.at(-1), "later", "once it is done, small messages pass straight through again");
});
