// Writing a huge document change in time slices (the fan-out of a 100,000-model patch to a session's other
// connections): the same encoding as the one-shot one, and the event loop served meanwhile.
import { markWholeFloat } from "@fastify-bokeh/protocol";
import t from "tap";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { Document } from "../../src/document/document.js";
import type { DocumentChangedEvent } from "../../src/document/events.js";
import { encodeEvent, encodeEventInSlices } from "../../src/document/patch-encoder.js";
import { Column, ColumnDataSource, Div, Range1d } from "../../src/index.js";

/** The events of a few changes that bring many new models, or much data, into a document already sent. */
function changes(): { events: DocumentChangedEvent[]; known: readonly Div[] } {
  const doc = new Document();
  const div = new Div({ text: "root" });
  doc.add_root(div);
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((event) => events.push(event));
  const shared = new Range1d({ start: 0, end: 1 });
  div.tags = [...Array.from({ length: 3000 }, (_, i) => new Range1d({ start: i, end: i + 1 })), shared, shared, 7];
  // Numbers a Python client wrote as floats (12.0) are written back as floats.
  const floats = Array.from({ length: 1500 }, (_, i) => i);
  markWholeFloat(floats, 7, true);
  div.tags = [floats, { whole: 2 }];
  div.tags = [{ ranges: [new Range1d({ start: 1, end: 2 })], plain: "x", number: 3.5 }];
  doc.add_root(new Column({ children: Array.from({ length: 2000 }, (_, i) => new Div({ text: `child ${i}` })) }));
  const source = new ColumnDataSource({ data: { x: [1, 2] } });
  doc.add_root(source);
  source.data = { x: Array.from({ length: 5000 }, (_, i) => i), y: new Float64Array(3), z: ["a", [1, 2]] };
  return { events, known: [div] };
}

t.test("each event is written as encodeEvent writes it, and the same models become known", async (t) => {
  const { events, known } = changes();
  const oneShot = new Serializer({ known: new Set(known), bufferPrefix: "c" });
  const sliced = new Serializer({ known: new Set(known), bufferPrefix: "c" });
  for (const event of events) {
    t.same(await encodeEventInSlices(event, sliced), encodeEvent(event, oneShot), event.kind);
  }
  t.same([...sliced.known], [...oneShot.known], "the same models, in the same order");
  t.same([...sliced.buffers.keys()], [...oneShot.buffers.keys()], "the same buffers");
});

t.test("references only, when the receiver has every model", async (t) => {
  const { events } = changes();
  for (const event of events) {
    const wire = await encodeEventInSlices(event, new Serializer({ referencesOnly: true }));
    t.same(wire, encodeEvent(event, new Serializer({ referencesOnly: true })), event.kind);
  }
});

t.test("other work runs while 100,000 new models are written", async (t) => {
  const doc = new Document();
  const div = new Div({ text: "root" });
  doc.add_root(div);
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((event) => events.push(event));
  div.tags = Array.from({ length: 100_000 }, (_, i) => new Range1d({ start: i, end: i + 1 }));
  const [event] = events;
  if (event === undefined) throw new Error("no event");
  let turns = 0;
  let writing = true;
  const count = (): void => {
    turns++;
    if (writing) setImmediate(count);
  };
  setImmediate(count);
  const wire = await encodeEventInSlices(event, new Serializer({ known: new Set([div]) }));
  writing = false;
  t.ok(turns > 10, `the event loop turned ${turns} times while it was written`);
  t.equal(wire.kind === "ModelChanged" && Array.isArray(wire.new) ? wire.new.length : -1, 100_000);
});
