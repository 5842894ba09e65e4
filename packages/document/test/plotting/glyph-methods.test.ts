import t from "tap";
import { MarkerType } from "../../src/core/kinds.js";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { NDArray } from "../../src/core/util/ndarray.js";
import { Document } from "../../src/document/document.js";
import { ColumnDataSource, type Glyph, GlyphRenderer, Scatter } from "../../src/models/index.js";
import { type Figure, figure } from "../../src/plotting/figure.js";
import { GLYPH_METHODS, type GlyphMethodName, MARKER_METHODS } from "../../src/plotting/glyph-methods.js";

/** Literal data for a positional parameter, by its name (three rows each). */
function literal(param: string): unknown {
  switch (param) {
    case "xs":
    case "ys":
      return [
        [1, 2],
        [3, 4],
        [5, 6],
      ];
    case "image":
      return [new NDArray(new Float64Array([1, 2, 3, 4]), [2, 2])];
    case "url":
      return ["a.png", "b.png", "c.png"];
    case "text":
      return ["a", "b", "c"];
    case "step_mode":
    case "mode":
      return "after";
    default:
      return [1, 2, 3];
  }
}

const multiPolygon = [[[[1, 2, 3]]], [[[4, 5, 6]]], [[[7, 8, 9]]]];
const isDataSpec = (glyph: Glyph, name: string): boolean => /Spec$/.test(String(glyph.propertyDef(name)?.kind));

const call = (p: Figure, method: GlyphMethodName, params: unknown[]): GlyphRenderer =>
  (p[method] as unknown as (...args: unknown[]) => GlyphRenderer)(...params);

/** The whole document serializes, so BokehJS can be sent it. */
const serializes = (p: Figure): boolean => {
  const doc = new Document();
  doc.add_root(p);
  doc.toJSON(new Serializer());
  return true;
};

for (const [method, [cls, positional]] of Object.entries(GLYPH_METHODS) as [
  GlyphMethodName,
  (typeof GLYPH_METHODS)[GlyphMethodName],
][]) {
  t.test(`${method}(${positional.join(", ")}, args?)`, async (t) => {
    const params = positional.map((name) => (method === "multi_polygons" ? multiPolygon : literal(name)));
    const p = figure();
    const renderer = call(p, method, params);
    t.ok(renderer instanceof GlyphRenderer, "returns a glyph renderer");
    t.same(p.renderers, [renderer], "added to the plot");
    t.ok(renderer.glyph instanceof cls, `its glyph is a ${cls.name}`);
    t.ok(
      renderer.nonselection_glyph instanceof cls && renderer.muted_glyph instanceof cls,
      "with faded copies for nonselection and muted",
    );
    const source = renderer.data_source as ColumnDataSource;
    const data = source.data as Record<string, unknown>;
    positional.forEach((name, i) => {
      if (isDataSpec(renderer.glyph, name)) {
        t.same(renderer.glyph.getv(name), { field: name }, `${name} points at a column`);
        t.equal(data[name], params[i], `the literal ${name} is that column`);
      } else {
        t.equal(renderer.glyph.getv(name), params[i], `${name} is a plain value`);
      }
    });
    t.ok(serializes(p), "the plot serializes");

    // The same glyph from column names and a source: nothing is copied into the source.
    const columns = Object.fromEntries(
      positional.filter((name) => isDataSpec(renderer.glyph, name)).map((name) => [name, data[name]]),
    );
    const shared = new ColumnDataSource({ data: columns as ColumnDataSource["data"] });
    const options = Object.fromEntries(
      positional.map((name, i) => [name, isDataSpec(renderer.glyph, name) ? name : params[i]]),
    );
    const q = figure();
    const byName = call(q, method, [{ ...options, source: shared }]);
    t.equal(byName.data_source, shared, "a given source is used as is");
    t.same(Object.keys(shared.data).sort(), Object.keys(columns).sort(), "and gets no new columns");
    for (const name of Object.keys(columns)) t.same(byName.glyph.getv(name), { field: name });
  });
}

t.test("scatter draws every marker type", async (t) => {
  const markers = String(MarkerType)
    .replace(/^Enum\(|\)$/g, "")
    .split(", ");
  t.ok(markers.length >= 28, "every BokehJS marker type");
  const p = figure();
  for (const marker of markers) {
    const renderer = p.scatter([1, 2], [3, 4], { marker: marker as never, size: 10 });
    t.same(renderer.glyph.getv("marker"), { value: marker }, marker);
  }
  t.ok(serializes(p));
});

t.test("the marker methods are scatter with a fixed marker, as in BokehJS", async (t) => {
  for (const marker of MARKER_METHODS) {
    const p = figure();
    const renderer = (p[marker] as (x: number[], y: number[], args?: object) => GlyphRenderer)([1, 2], [3, 4], {
      size: 5,
    });
    t.ok(renderer.glyph instanceof Scatter, `${marker}() makes a Scatter`);
    t.same(renderer.glyph.getv("marker"), { value: marker });
  }
});

t.test("glyph methods take (), (args) or positional values then args, and reject anything else", async (t) => {
  const p = figure();
  t.same(p.line().glyph.getv("x"), { field: "x" }, "no arguments: the default fields");
  t.same(p.line({ x: "a", y: "b" }).glyph.getv("y"), { field: "b" }, "one object of arguments");
  t.same(p.line([1], [2], { line_width: 3 }).glyph.getv("line_width"), 3, "positional values then arguments");
  t.throws(
    () => call(p, "line", [[1], [2], [3]]),
    /expected optional arguments; the method signature is line\(x, y, args\?\)/,
  );
  t.throws(() => call(p, "line", [[1]]), /wrong number of arguments/);
  t.throws(() => call(p, "line", [{ a: 1 }, [2]]), /invalid value for 'x' parameter at position 0/);
  t.same(p.line({ field: "u" }, { value: 2 }).glyph.getv("y"), { value: 2 }, "spec objects are values, not arguments");
});

t.test("Figure.glyph(GlyphClass, args) builds any glyph with the same conventions", async (t) => {
  const p = figure();
  const renderer = p.glyph(Scatter, { x: [1, 2], y: "yy", source: undefined, color: "red", name: "s" });
  t.ok(renderer.glyph instanceof Scatter);
  t.same(renderer.glyph.getv("x"), { field: "x" });
  t.same(renderer.glyph.getv("y"), { field: "yy" });
  t.same(renderer.glyph.getv("fill_color"), { value: "red" });
  t.equal(renderer.name, "s");
});
