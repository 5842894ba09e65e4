import t from "tap";
import {
  ColumnDataSource,
  ContourRenderer,
  GraphRenderer,
  HexTile,
  StaticLayoutProvider,
} from "../../src/models/index.js";
import { contour_data } from "../../src/plotting/contour/contour-data.js";
import { setContourData } from "../../src/plotting/contour/renderer.js";
import { figure } from "../../src/plotting/figure.js";
import { from_nodes_and_edges } from "../../src/plotting/graph.js";

// Behaviour of the Python-only plotting helpers beyond what the golden tests compare: their results and their errors.

t.test("stacking methods broadcast lists and reject what Python rejects", async (t) => {
  const p = figure();
  const source = new ColumnDataSource({ data: { x: [1, 2], a: [1, 2], b: [3, 4] } });
  const renderers = p.vbar_stack(["a", "b"], { x: "x", width: 0.5, color: ["red", "blue"], source });
  t.equal(renderers.length, 2);
  t.same(
    renderers.map((r) => r.name),
    ["a", "b"],
    "each renderer is named after its stacker",
  );
  t.same(renderers[1]?.glyph.getv("fill_color"), { value: "blue" }, "the i-th value of a list goes to the i-th glyph");
  t.throws(() => p.vbar_stack(["a", "b"], { top: 1 } as never), /Stack property 'top' cannot appear in keyword args/);
  t.throws(() => p.vline_stack(["a", "b"], { x: "x", color: ["red"], source }), /must be the same length as stackers/);
  t.throws(
    () => p.hline_stack(["a", "b"], { y: "x", color: ["red", "blue"], line_width: [1, 2, 3], source }),
    /must all be the same lengths. Got lengths: \[2,3\]/,
  );
});

t.test("hexbin returns its renderer and the bins, colored up to the largest count", async (t) => {
  const p = figure();
  const [renderer, bins] = p.hexbin([0, 0.01, 0.02, 5], [0, 0.01, 0, 5], 1);
  t.ok(renderer.glyph instanceof HexTile);
  t.same(bins.counts.slice().sort(), [1, 3]);
  const fill = renderer.glyph.getv("fill_color") as { field: string; transform: { high: number; palette: string[] } };
  t.equal(fill.field, "c");
  t.equal(fill.transform.high, 3);
  t.equal(fill.transform.palette.length, 256, "Viridis256 by default");
});

t.test("graph adds a GraphRenderer; from_nodes_and_edges turns attributes into columns", async (t) => {
  const p = figure();
  const layout = new StaticLayoutProvider({ graph_layout: { a: [0, 0], b: [1, 1] } });
  const renderer = p.graph({ index: ["a", "b"] }, { start: ["a"], end: ["b"] }, layout, { node_size: 12 });
  t.ok(renderer instanceof GraphRenderer);
  t.same(p.renderers.at(-1), renderer);
  t.same(renderer.node_renderer.glyph.getv("size"), { value: 12 });

  const built = from_nodes_and_edges(
    { nodes: [["a", { w: 1 }], "b"], edges: [["a", "b", { weight: 2 }]] },
    { a: [0, 0], b: [1, 1] },
  );
  t.same((built.node_renderer.data_source as ColumnDataSource).data, { w: [1, null], index: ["a", "b"] });
  t.same((built.edge_renderer.data_source as ColumnDataSource).data, { weight: [2], start: ["a"], end: ["b"] });
  t.throws(
    () =>
      from_nodes_and_edges(
        {
          nodes: [
            [1, { t: [1] }],
            [2, { t: 3 }],
          ],
          edges: [],
        },
        {},
      ),
    /Can't mix scalar and non-scalar values for graph attributes/,
  );
});

t.test("contour needs increasing levels and known visuals", async (t) => {
  const z = [
    [0, 1, 0],
    [1, 2, 1],
    [0, 1, 0],
  ];
  const p = figure();
  const renderer = p.contour(null, null, z, [0.5, 1.5], { fill_color: ["red"], line_color: "black" });
  t.ok(renderer instanceof ContourRenderer);
  t.same(renderer.levels, [0.5, 1.5]);
  t.throws(() => p.contour(null, null, z, [1, 1]), /Contour levels must be increasing/);
  t.throws(() => p.contour(null, null, z, []), /No contour levels specified/);
  t.throws(() => p.contour(null, null, z, [1, 2], { fill_color: "red", bogus: 1 }), /Unknown keyword arguments.*bogus/);
  t.throws(() => contour_data(null, null, [[1]], [0, 1]), /at least 2x2/);
  t.throws(() => contour_data([0, 1], null, z, [0, 1]), /Length of x must match/);
  const lines = contour_data(null, null, z, [1.5], { want_fill: false }).line_data;
  t.ok(lines !== null && lines.xs[0] !== undefined && lines.xs[0].length > 3, "a closed line around the peak");
});

t.test("setContourData replaces the contours and keeps the per-level visual columns", async (t) => {
  const z = [
    [0, 1, 0],
    [1, 2, 1],
    [0, 1, 0],
  ];
  const p = figure();
  const renderer = p.contour(null, null, z, [0.5, 1, 1.5], { fill_color: ["red", "blue"], line_color: "black" });
  const fills = renderer.fill_renderer.data_source as ColumnDataSource;
  t.same(fills.data.fill_color, ["red", "blue"]);
  const before = fills.data.xs;
  setContourData(
    renderer,
    contour_data(
      null,
      null,
      z.map((row) => row.map((v) => v * 2)),
      [0.5, 1, 1.5],
    ),
  );
  t.not(fills.data.xs, before, "new polygons");
  t.same(fills.data.fill_color, ["red", "blue"], "the colors stay");
  t.same(Object.keys((renderer.line_renderer.data_source as ColumnDataSource).data).sort(), ["levels", "xs", "ys"]);
});
