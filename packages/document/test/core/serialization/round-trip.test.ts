// What a client sends is stored and sent back with the same Bokeh type (issue 11): bytes stay bytes, every ndarray
// dtype stays its dtype, value reps keep their wrapper on every property, Python-only properties are kept.
import t from "tap";
import { PropertyValueError } from "../../../src/core/errors.js";
import { HasProps } from "../../../src/core/has-props.js";
import { Deserializer } from "../../../src/core/serialization/deserializer.js";
import { Serializer } from "../../../src/core/serialization/serializer.js";
import { BoolArray, ObjectArray } from "../../../src/core/util/ndarray.js";
import {
  CategoricalTicker,
  ColorBar,
  ColumnDataSource,
  GMapPlot,
  Grid,
  HArea,
  HTMLTextAnnotation,
  LogTickFormatter,
} from "../../../src/models/index.js";

/** Decodes a wire value and encodes it again, with inline (base64) buffers. */
const roundTrip = (rep: unknown): unknown => {
  const value = new Deserializer(() => undefined).decode(rep);
  return new Serializer({ binary: false }).encode(value);
};

const base64 = (bytes: number[]): string => Buffer.from(bytes).toString("base64");

t.test("bytes come back as bytes, not as a uint8 array", async (t) => {
  const rep = { type: "bytes", data: base64([107, 101, 121]) };
  const back = roundTrip(rep) as { type: string; data: string };
  t.equal(back.type, "bytes");
  const model = new GMapPlot();
  model.setv("api_key", new Deserializer(() => undefined).decode(rep));
  const attrs = (new Serializer({ binary: false }).encode(model) as { attributes: Record<string, { type: string }> })
    .attributes;
  t.equal(attrs.api_key?.type, "bytes", "a model's bytes property too");
});

t.test("every ndarray dtype survives, bool and 64-bit integers included", async (t) => {
  for (const [dtype, bytes] of [
    ["bool", [1, 0, 1]],
    ["uint8", [1, 0, 255]],
    ["int64", [1, 0, 0, 0, 0, 0, 0, 0]],
    ["uint64", [255, 255, 255, 255, 255, 255, 255, 255]],
    ["float32", [0, 0, 128, 63]],
  ] as const) {
    const length = dtype === "int64" || dtype === "uint64" ? 1 : dtype === "float32" ? 1 : 3;
    const rep = {
      type: "ndarray",
      array: { type: "bytes", data: base64([...bytes]) },
      shape: [length],
      dtype,
      order: "little",
    };
    const back = roundTrip(rep) as { dtype: string; shape: number[] };
    t.equal(back.dtype, dtype, dtype);
    t.same(back.shape, [length]);
  }
  t.ok(
    new Deserializer(() => undefined).decode({
      type: "ndarray",
      array: { type: "bytes", data: base64([1, 0]) },
      shape: [2],
      dtype: "bool",
      order: "little",
    }) instanceof BoolArray,
  );
});

t.test("object arrays stay object ndarrays, with their shape", async (t) => {
  const rep = { type: "ndarray", array: ["a", 1, null, "d"], shape: [2, 2], dtype: "object", order: "little" };
  const decoded = new Deserializer(() => undefined).decode(rep);
  t.ok(decoded instanceof ObjectArray);
  t.same(roundTrip(rep), rep);
  const source = new ColumnDataSource();
  source.data = { strings: decoded as ObjectArray };
  const data = (new Serializer({ binary: false }).encode(source) as { attributes: { data: { entries: unknown[][] } } })
    .attributes.data;
  t.same(data.entries[0], ["strings", rep], "as a column too");
});

t.test("a value rep keeps its wrapper, even on a property BokehJS has as a scalar", async (t) => {
  const area = new HArea();
  area.setv("hatch_alpha", new Deserializer(() => undefined).decode({ type: "value", value: 0.35 }));
  const attrs = (new Serializer().encode(area) as { attributes: Record<string, unknown> }).attributes;
  t.same(attrs.hatch_alpha, { type: "value", value: 0.35 });
  area.hatch_alpha = 0.5;
  t.same((new Serializer().encode(area) as { attributes: Record<string, unknown> }).attributes.hatch_alpha, 0.5);
});

t.test("slices, sets, maps with non-string keys, dates and non-finite numbers round-trip", async (t) => {
  for (const rep of [
    { type: "slice", start: 1, stop: null, step: 2 },
    { type: "set", entries: [1, "a"] },
    {
      type: "map",
      entries: [
        [1, "one"],
        [2, "two"],
      ],
    },
    { type: "number", value: "nan" },
    { type: "number", value: "-inf" },
  ])
    t.same(roundTrip(rep), rep, rep.type);
});

t.test("properties Python Bokeh has are known, and values Python accepts are stored", async (t) => {
  // Python registers HTMLTextAnnotation as a concrete model (BokehJS only has it as a base): clients may send one.
  const html = HasProps.createWithId("HTMLTextAnnotation", "html");
  t.ok(html instanceof HTMLTextAnnotation);
  t.ok(html.hasProperty("background_fill_color"), "HTMLTextAnnotation.background_fill_color");
  t.ok(html.hasProperty("border_line_width"), "HTMLTextAnnotation.border_line_width");
  const grid = new Grid();
  grid.setv("dimension", 7);
  t.equal(grid.getv("dimension"), 7, "Grid.dimension = 7 (Python: Int)");
  const bar = new ColorBar();
  bar.setv("scale_alpha", 2.5);
  t.equal(bar.getv("scale_alpha"), 2.5, "ColorBar.scale_alpha = 2.5 (Python: Float)");
  const formatter = new LogTickFormatter();
  const ticker = new CategoricalTicker();
  formatter.setv("ticker", ticker);
  t.equal(formatter.getv("ticker"), ticker, "a CategoricalTicker for LogTickFormatter.ticker");
});

t.test("a refused value is named readably", async (t) => {
  const grid = new Grid();
  t.throws(() => grid.setv("dimension", { a: [1, 2] }), PropertyValueError);
  try {
    grid.setv("dimension", { a: [1, 2] });
  } catch (error) {
    t.match((error as Error).message, /got \{a: \[1, 2\]\}$/);
    t.notMatch((error as Error).message, /object Object|array\(/);
  }
});

t.test("a `<spec>_units` change from Python goes into the spec", async (t) => {
  const { Document } = await import("../../../src/document/document.js");
  const { applyPatch } = await import("../../../src/document/apply-patch.js");
  const { AnnularWedge } = await import("../../../src/models/index.js");
  const doc = new Document();
  const wedge = new AnnularWedge();
  doc.add_root(wedge);
  applyPatch(
    doc,
    [
      { kind: "ModelChanged", model: { id: wedge.id }, attr: "end_angle", new: { type: "value", value: 7 } },
      { kind: "ModelChanged", model: { id: wedge.id }, attr: "end_angle_units", new: "deg" },
    ],
    new Map(),
    null,
  );
  t.same(wedge.getv("end_angle"), { value: 7, units: "deg" });
  // Band's bounds are units specs only in Python (CoordinateUnits): the units are kept all the same.
  const { Band } = await import("../../../src/models/index.js");
  const band = new Band();
  doc.add_root(band);
  applyPatch(
    doc,
    [
      { kind: "ModelChanged", model: { id: band.id }, attr: "base", new: { type: "value", value: 7 } },
      { kind: "ModelChanged", model: { id: band.id }, attr: "base_units", new: "canvas" },
    ],
    new Map(),
    null,
  );
  t.same(band.getv("base"), { value: 7, units: "canvas" });
});

t.test("specs Python sends where BokehJS is stricter are stored", async (t) => {
  const { MultiLine } = await import("../../../src/models/index.js");
  const line = new MultiLine();
  line.setv("xs", { value: 7 });
  t.same(line.getv("xs"), { value: 7 }, "MultiLine.xs as a number value (Python: NumberSpec)");
});
