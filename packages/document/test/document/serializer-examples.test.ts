// Our PATCH-DOC events against bokeh serve's own (serializer-examples.json, made by serializer-examples.py): the
// same document and the same changes, compared with model and buffer ids matched one to one.
import t from "tap";
import type { HasProps } from "../../src/core/has-props.js";
import { field, value } from "../../src/core/kinds.js";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { NDArray } from "../../src/core/util/ndarray.js";
import { Document } from "../../src/document/document.js";
import type { DocumentChangedEvent } from "../../src/document/events.js";
import { Slice } from "../../src/document/events.js";
import { encodeEvent } from "../../src/document/patch-encoder.js";
import {
  CDSView,
  ColumnDataSource,
  Div,
  FileInput,
  GlyphRenderer,
  Line,
  Plot,
  Scatter,
} from "../../src/models/index.js";
import { readTranscriptFile, referencesFor, wireDiff } from "../fixtures/wire-compare.js";

interface Example {
  example: string;
  header: { msgid: string; num_buffers: number };
  content: { events: unknown[] };
  buffers: { id: string; hex: string }[];
}
const examples = JSON.parse(readTranscriptFile("serializer-examples.json")) as Example[];

// The document of serializer-examples.py (the pre-existing plot is a bare Plot with the same scatter renderer;
// figure()'s other models only ever appear as references here).
const doc = new Document();
const source = new ColumnDataSource({ data: { x: [1, 2, 3], y: [4.0, 5.0, 6.0] }, name: "src" });
const scatter = (extra: Record<string, number> = {}) =>
  new Scatter({ x: field("x"), y: field("y"), line_color: value("#1f77b4"), fill_color: value("#1f77b4"), ...extra });
const plot = new Plot({
  name: "plot",
  renderers: [
    new GlyphRenderer({
      data_source: source,
      glyph: scatter(),
      nonselection_glyph: scatter({ line_alpha: 0.1, fill_alpha: 0.1, hatch_alpha: 0.1 }),
      muted_glyph: scatter({ line_alpha: 0.2, fill_alpha: 0.2, hatch_alpha: 0.2 }),
    }),
  ],
});
const div = new Div({ text: "hi", name: "div" });
const inp = new FileInput({ name: "inp" });
const images = new ColumnDataSource({ data: { image: [] }, name: "images" });
for (const root of [plot, div, inp, images]) doc.add_root(root);

// What a connection that pulled the document knows.
const known = new Set<HasProps>();
doc.toJSON(new Serializer({ known }));
const preexisting = new Set(known);

const line = (extra: Record<string, number> = {}) =>
  new Line({ x: field("x"), y: field("y"), line_color: "#1f77b4", ...extra });
const ms = (...parts: [number, number, number, number?, number?, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0);

const changes: Record<string, () => void> = {
  TitleChanged: () => (doc.title = "New title"),
  "ModelChanged: plain string": () => (div.text = "<b>bold</b>"),
  "ModelChanged: NaN / +inf / -inf inside a list (Plot.tags)": () => (plot.tags = [NaN, Infinity, -Infinity, 1.5]),
  "ModelChanged: dict value -> map (Plot.tags entry)": () => (plot.tags = [{ a: 1, b: [1, 2] }]),
  // A JS Date is a datetime (milliseconds); a calendar date has no JS type of its own, so it is given as Python sends it.
  "ModelChanged: datetime and date values (Plot.tags)": () =>
    (plot.tags = [new Date(ms(2024, 1, 2, 3, 4, 5)), "2024-01-02"]),
  "ModelChanged: set value (Model.subscribed_events is a set; here via tags)": () => (plot.tags = [new Set([1, 2])]),
  "ColumnDataChanged: whole data replaced with lists": () => (source.data = { x: [7, 8], y: [9.0, 10.0] }),
  "ColumnDataChanged: one column replaced (cols=['y'])": () => source.update_columns({ y: [1.0, 2.0] }),
  "ColumnDataChanged: numpy int64 column -> int32 ndarray + buffer": () =>
    (source.data = { x: new Int32Array([0, 1, 2]), y: new Float64Array([0.5, NaN, 2.5]) }),
  "ColumnDataChanged: numpy datetime64 column -> float64 ms": () =>
    (source.data = { x: new Float64Array([ms(2024, 1, 1), ms(2024, 1, 2)]), y: new Float64Array([1.0, 2.0]) }),
  "ColumnsStreamed: plain lists, rollover None": () => source.stream({ x: [new Date(ms(2024, 1, 3))], y: [3.0] }),
  "ColumnsStreamed: numpy arrays, rollover 10": () =>
    source.stream({ x: new Float64Array([ms(2024, 1, 4)]), y: new Float64Array([4.0]) }, 10),
  "ColumnsPatched: integer index and slice index": () =>
    source.patch({
      y: [
        [0, 100.0],
        [new Slice(1, 3), [200.0, 300.0]],
      ],
    }),
  "ColumnDataChanged: column holding a list of 2-D float32 ndarrays": () =>
    (images.data = { image: [new NDArray(new Float32Array([0, 1, 2, 3, 4, 5]), [2, 3])] }),
  "RootAdded: new model graph (full object definitions)": () =>
    doc.add_root(new Div({ text: "new root", name: "newdiv" })),
  "ModelChanged: value contains new models (full definitions) and known ones (refs)": () =>
    (plot.renderers = [
      ...plot.renderers,
      new GlyphRenderer({
        data_source: new ColumnDataSource({ data: { x: [0, 1], y: [0, 1] } }),
        glyph: line(),
        nonselection_glyph: line({ line_alpha: 0.1 }),
        muted_glyph: line({ line_alpha: 0.2 }),
      }),
    ]),
  RootRemoved: () => doc.remove_root(div),
  "MessageSent: server-to-browser event (FileInput.clear() -> clear_input)": () => inp.clear(),
};

const idNumber = (id: string): number => Number(id.replace(/^p/, ""));

t.test("every example of bokeh serve's serializer is covered", async (t) => {
  t.same(examples.map((e) => e.example).sort(), Object.keys(changes).sort());
});

t.test("our PATCH-DOC events have bokeh serve's shapes", async (t) => {
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((event) => events.push(event));
  let previousMaxId = 0;
  for (const example of examples) {
    events.length = 0;
    changes[example.example]!();
    const serializer = new Serializer({ known });
    const ours = { events: events.map((event) => encodeEvent(event, serializer)) };
    // serializer-examples.py never pulled, so bokeh serve inlined models that already existed; a connection that
    // pulled the document has them, and gets references (spec §5.6): compare with that.
    const threshold = previousMaxId;
    const theirs = referencesFor(example.content, (id) => /^p\d+$/.test(id) && idNumber(id) <= threshold);
    const diffs = wireDiff(
      { value: JSON.parse(JSON.stringify(ours)), buffers: serializer.buffers },
      { value: theirs, buffers: new Map(example.buffers.map((b) => [b.id, Buffer.from(b.hex, "hex")])) },
    );
    t.same(diffs, [], example.example);
    const referenced = JSON.stringify(theirs).match(/"type":"bytes"/g)?.length ?? 0;
    t.equal(serializer.buffers.size, referenced, `${example.example}: as many buffers as the references to them`);
    previousMaxId = Math.max(idNumber(example.header.msgid), ...example.buffers.map((b) => idNumber(b.id)));
  }
});

t.test("models first referenced by an event travel inside it; known ones are references", async (t) => {
  const serializer = new Serializer({ known: new Set(preexisting) });
  const renderer = plot.renderers[1] as GlyphRenderer;
  const wire = encodeEvent(
    { kind: "ModelChanged", model: plot, attr: "renderers", value: plot.renderers, setter: null },
    serializer,
  ) as {
    new: Array<{ id: string; type?: string; attributes?: Record<string, unknown> }>;
  };
  t.same(wire.new[0], { id: plot.renderers[0]!.id }, "the renderer the receiver has is a reference");
  t.match(wire.new[1], { type: "object", name: "GlyphRenderer", id: renderer.id });
  t.match(wire.new[1]!.attributes!.view, { type: "object", name: "CDSView" }, "a model default travels too");
  t.ok(renderer.view instanceof CDSView);
  t.same(
    encodeEvent({ kind: "RootAdded", model: renderer, setter: null }, serializer),
    { kind: "RootAdded", model: { id: renderer.id } },
    "then it is known",
  );
});

t.test("a glyph's bare values become value/field specs, a scalar visual stays plain", async (t) => {
  const s = new Serializer();
  const sc = new Scatter({ size: value(3) });
  for (const [name, v] of [
    ["x", "x"],
    ["y", 2],
    ["fill_color", "red"],
    ["line_color", "colname"],
  ] as const)
    sc.setv(name, v);
  const attrs = (s.encode(sc) as { attributes: Record<string, unknown> }).attributes;
  t.same(attrs.x, { type: "field", field: "x" });
  t.same(attrs.y, { type: "value", value: 2 });
  t.same(attrs.fill_color, { type: "value", value: "red" });
  t.same(attrs.line_color, { type: "field", field: "colname" });
  t.same(attrs.size, { type: "value", value: 3 });
  t.same(
    (s.encode(new Line({ line_color: "red" })) as { attributes: Record<string, unknown> }).attributes.line_color,
    "red",
  );
});
