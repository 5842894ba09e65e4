import {
  type Axis,
  BoxSelectTool,
  ColumnDataSource,
  column,
  Div,
  type Document,
  type Figure,
  figure,
  LassoSelectTool,
  PanTool,
  Quad,
  ResetTool,
  row,
  WheelZoomTool,
} from "@fastify-bokeh/document";
import { binEdges, histogram } from "./data/histogram.js";
import { Random } from "./data/random.js";

export const description =
  "Box- or lasso-select points: the server recomputes the linked x and y histograms of the selection.";

const BINS = 20;
const POINTS = 300;
const SELECTED = "#3A5785";

/** Three gaussian clusters of points. */
function points(): { x: Float64Array; y: Float64Array } {
  const random = new Random(5);
  const centres = [
    [2, 2, 1],
    [6, 3, 0.5],
    [4, 6, 0.8],
  ] as const;
  const x = new Float64Array(3 * POINTS);
  const y = new Float64Array(3 * POINTS);
  centres.forEach(([cx, cy, sd], c) => {
    for (let i = 0; i < POINTS; i++) {
      x[c * POINTS + i] = random.normal(cx, sd);
      y[c * POINTS + i] = random.normal(cy, sd);
    }
  });
  return { x, y };
}

interface HistogramPlot {
  plot: Figure;
  edges: number[];
  /** The selected points' counts, drawn away from the axis. */
  selected: ColumnDataSource;
  /** The other points' counts, negated: drawn on the other side of the axis. */
  rest: ColumnDataSource;
}

/** A histogram plot along one axis: the whole data in white, and the two overlays the server fills in. */
function histogramPlot(values: Float64Array, vertical: boolean, shared: Figure): HistogramPlot {
  const edges = binEdges(values, BINS);
  const counts = histogram(values, edges);
  const max = Math.max(...counts) * 1.1;
  const low = edges.slice(0, -1);
  const high = edges.slice(1);
  const zeros = counts.map(() => 0);
  const plot = figure({
    toolbar_location: null,
    min_border: 10,
    ...(vertical
      ? { width: 200, height: shared.height, y_range: shared.y_range, x_range: [-max, max] as const }
      : { width: shared.width, height: 200, x_range: shared.x_range, y_range: [-max, max] as const }),
    name: vertical ? "vhist" : "hhist",
  });
  // The vertical histogram's axis goes on the side away from the scatter (Python's y_axis_location="right").
  if (vertical) {
    [plot.left, plot.right] = [[], plot.left];
    // Slanted count labels fit under the narrow plot.
    (plot.below[0] as Axis).major_label_orientation = Math.PI / 4;
  }
  const bars = vertical
    ? { left: 0, right: counts, bottom: low, top: high }
    : { bottom: 0, top: counts, left: low, right: high };
  plot.glyph(Quad, { ...bars, color: "white", line_color: SELECTED });
  const selected = new ColumnDataSource({
    data: { start: low, end: high, count: zeros },
    name: vertical ? "vselected" : "hselected",
  });
  const rest = new ColumnDataSource({
    data: { start: low, end: high, count: zeros },
    name: vertical ? "vrest" : "hrest",
  });
  const columns = vertical
    ? { left: 0, right: "count", bottom: "start", top: "end" }
    : { bottom: 0, top: "count", left: "start", right: "end" };
  plot.glyph(Quad, { ...columns, source: selected, color: SELECTED, line_color: null, alpha: 0.5 });
  plot.glyph(Quad, { ...columns, source: rest, color: SELECTED, line_color: null, alpha: 0.1 });
  return { plot, selected, rest, edges };
}

/** Python Bokeh's "selection_histogram" gallery app: selection changes arrive as `indices` changes of the Selection. */
export function selectionHistogram(doc: Document): void {
  const { x, y } = points();
  const source = new ColumnDataSource({ data: { x, y }, name: "source" });
  const boxSelect = new BoxSelectTool();
  const main = figure({
    width: 600,
    height: 600,
    min_border: 10,
    min_border_left: 50,
    title: "Select points with the box or lasso tool",
    tools: [new PanTool(), new WheelZoomTool(), boxSelect, new LassoSelectTool(), new ResetTool()],
    name: "scatter",
  });
  main.toolbar.active_drag = boxSelect;
  main.scatter("x", "y", { source, size: 3, color: SELECTED, alpha: 0.6 });

  const horizontal = histogramPlot(x, false, main);
  const vertical = histogramPlot(y, true, main);
  const status = new Div({ text: "nothing selected", name: "status" });

  source.selected.on_change("indices", (_attr, _old, indices) => {
    // Indices arrive as a plain list, or a typed array when BokehJS sends them as a buffer.
    const chosen = new Set(Array.from(indices as Iterable<number | bigint>, Number));
    const none = chosen.size === 0 || chosen.size === x.length;
    for (const [values, hist] of [
      [x, horizontal],
      [y, vertical],
    ] as const) {
      const inside: number[] = [];
      const outside: number[] = [];
      for (const [i, v] of values.entries()) (chosen.has(i) ? inside : outside).push(v);
      const zeros = hist.edges.slice(1).map(() => 0);
      hist.selected.data = { ...hist.selected.data, count: none ? zeros : histogram(inside, hist.edges) };
      hist.rest.data = { ...hist.rest.data, count: none ? zeros : histogram(outside, hist.edges).map((c) => -c) };
    }
    status.text = chosen.size === 0 ? "nothing selected" : `${chosen.size} of ${x.length} points selected`;
  });

  doc.add_root(column([status, row([main, vertical.plot]), horizontal.plot], { name: "layout" }));
  doc.title = "Selection Histogram";
}
