import t from "tap";
import { PropertyValueError, UnknownPropertyError } from "../../src/core/errors.js";
import {
  BoxSelectTool,
  CategoricalAxis,
  CategoricalScale,
  ColumnDataSource,
  DataRange1d,
  DatetimeAxis,
  FactorRange,
  type Grid,
  HoverTool,
  Image,
  Legend,
  LegendItem,
  type LinearAxis,
  LinearColorMapper,
  LinearScale,
  LogAxis,
  LogScale,
  type MercatorAxis,
  PanTool,
  Range1d,
  ResetTool,
  TapTool,
  Title,
  type WheelZoomTool,
} from "../../src/models/index.js";
import { DEFAULT_TOOLS, figure } from "../../src/plotting/figure.js";
import { TOOL_NAMES, toolFromName } from "../../src/plotting/tools.js";

t.test("color and alpha set every line, fill and hatch color/alpha; explicit properties win", async (t) => {
  const p = figure();
  const { glyph, nonselection_glyph, muted_glyph } = p.scatter([1], [2], {
    color: "red",
    alpha: 0.5,
    line_color: "blue",
  });
  t.same(glyph.getv("fill_color"), { value: "red" });
  t.same(glyph.getv("hatch_color"), { value: "red" });
  t.same(glyph.getv("line_color"), { value: "blue" });
  t.same(glyph.getv("fill_alpha"), { value: 0.5 });
  t.same((nonselection_glyph as typeof glyph).getv("fill_alpha"), { value: 0.1 }, "nonselection glyphs fade to 0.1");
  t.same((muted_glyph as typeof glyph).getv("line_alpha"), { value: 0.2 }, "muted glyphs fade to 0.2");
  t.same((nonselection_glyph as typeof glyph).getv("fill_color"), { value: "red" }, "and keep the colors");
});

t.test("without a color, glyphs get Bokeh's default blue; text stays black", async (t) => {
  const p = figure();
  t.same(p.scatter([1], [2]).glyph.getv("fill_color"), { value: "#1f77b4" });
  t.same(p.text([1], [2], ["a"]).glyph.getv("text_color"), { value: "black" });
});

t.test(
  "selection_* and hover_* arguments make selection and hover glyphs; otherwise they stay automatic",
  async (t) => {
    const p = figure();
    const plain = p.scatter([1], [2]);
    t.equal(plain.selection_glyph, "auto");
    t.equal(plain.hover_glyph, null);
    const styled = p.scatter([1], [2], { hover_color: "red", selection_fill_alpha: 0.3 });
    t.same((styled.hover_glyph as typeof plain.glyph).getv("fill_color"), { value: "red" });
    t.same((styled.selection_glyph as typeof plain.glyph).getv("fill_alpha"), { value: 0.3 });
  },
);

t.test("literal data goes into a new source; with a source, literal data is an error", async (t) => {
  const p = figure();
  const r = p.scatter([1, 2], [3, 4], { color: ["red", "blue"], size: new Float64Array([1, 2]) });
  const data = (r.data_source as ColumnDataSource).data as Record<string, unknown>;
  t.same(Object.keys(data).sort(), ["fill_color", "hatch_color", "line_color", "size", "x", "y"]);
  t.same(r.glyph.getv("fill_color"), { field: "fill_color" });
  const source = new ColumnDataSource({ data: { x: [1], y: [2] } });
  t.throws(
    () => p.scatter("x", "y", { source, size: [1] }),
    /expected size to reference fields in the supplied data source/,
  );
  const fromData = p.line({ source: { a: [1, 2], b: [3, 4] }, x: "a", y: "b" });
  t.ok(fromData.data_source instanceof ColumnDataSource, "a plain object of columns becomes a ColumnDataSource");
});

t.test("a dash pattern given as numbers stays a value; units and palette follow Bokeh", async (t) => {
  const p = figure();
  t.same(p.multi_line([[1, 2]], [[3, 4]], { line_dash: [6, 3] }).glyph.getv("line_dash"), { value: [6, 3] });
  t.same(p.circle([1], [2], 5, { radius_units: "screen" }).glyph.getv("radius"), { value: 5, units: "screen" });
  t.same(p.circle({ radius: "r", radius_units: "data" }).glyph.getv("radius"), { field: "r", units: "data" });
  const image = p.image({ image: "img", palette: ["#000000", "#ffffff"] });
  t.ok(image.glyph instanceof Image && image.glyph.color_mapper instanceof LinearColorMapper);
  t.same((image.glyph as Image).color_mapper.getv("palette"), ["#000000", "#ffffff"]);
  t.not(
    (image.glyph as Image).color_mapper,
    (image.muted_glyph as Image).color_mapper,
    "each image glyph has its own mapper",
  );
  t.throws(() => p.scatter({ palette: ["red"] } as never), /'palette' applies to image glyphs only/);
  t.throws(() => p.scatter({ no_such_property: 1 } as never), UnknownPropertyError);
  t.throws(() => p.scatter({ size: "big", size_units: "furlongs" } as never), PropertyValueError);
});

t.test("renderer arguments go to the renderer", async (t) => {
  const p = figure();
  const r = p.line([1], [2], { name: "l", level: "overlay", visible: false, muted: true, x_range_name: "other" });
  t.same([r.name, r.level, r.visible, r.muted, r.x_range_name], ["l", "overlay", false, true, "other"]);
});

t.test("legend_label, legend_field and legend_group make a Legend in the plot, as Python does", async (t) => {
  const source = new ColumnDataSource({ data: { x: [1, 2, 3, 4], y: [1, 2, 3, 4], kind: ["b", "a", "b", "c"] } });
  const p = figure();
  const a = p.line("x", "y", { source, legend_label: "series" });
  const b = p.scatter("x", "y", { source, legend_label: "series" });
  const legend = p.center.find((item): item is Legend => item instanceof Legend)!;
  t.ok(legend, "the legend is in the plot's center");
  t.equal(legend.items.length, 1, "one item for one label");
  t.same(legend.items[0]!.label, { value: "series" });
  t.same(legend.items[0]!.renderers, [a, b]);
  const c = p.scatter("x", "y", { source, legend_field: "kind" });
  t.same(legend.items[1]!.label, { field: "kind" });
  t.same(legend.items[1]!.renderers, [c]);
  const d = p.scatter("x", "y", { source, legend_group: "kind" });
  t.same(
    legend.items.slice(2).map((item) => [item.label, item.index, item.renderers[0]]),
    [
      [{ value: "a" }, 1, d],
      [{ value: "b" }, 0, d],
      [{ value: "c" }, 3, d],
    ],
    "one item per distinct value, sorted, indexed by its first row",
  );
  t.equal(p.legend, legend, "figure.legend is that legend");
  t.throws(
    () => p.line("x", "y", { source, legend_label: "a", legend_field: "kind" }),
    /only one of legend_label, legend_field, legend_group/,
  );
  t.throws(() => p.line("x", "y", { source, legend_group: "missing" }), /column to be grouped does not exist/);
});

t.test("legend_name picks one of several named legends", async (t) => {
  const p = figure();
  const left = new Legend({ name: "left" });
  const right = new Legend({ name: "right" });
  p.add_layout(left, "left");
  p.add_layout(right, "right");
  p.line([1], [2], { legend_label: "a", legend_name: "right" });
  t.equal(right.items.length, 1);
  t.equal(left.items.length, 0);
  t.throws(
    () => p.line([1], [2], { legend_label: "a", legend_name: "nope" }),
    /can't find Legend instance with 'nope' name/,
  );
  t.ok(right.items[0] instanceof LegendItem);
});

t.test("tools: Bokeh's default set, names, lists, tooltips and active tools", async (t) => {
  t.same(
    figure().toolbar.tools.map((tool) => tool.__qualified__),
    ["PanTool", "WheelZoomTool", "BoxZoomTool", "SaveTool", "ResetTool", "HelpTool"],
  );
  t.equal(DEFAULT_TOOLS, "pan,wheel_zoom,auto_box_zoom,save,reset,help");
  const reset = new ResetTool();
  const p = figure({ tools: ["pan", reset, "xwheel_zoom, tap"] });
  t.same(
    p.toolbar.tools.map((tool) => tool.__qualified__),
    ["ResetTool", "PanTool", "WheelZoomTool", "TapTool"],
    "tool models first, then names",
  );
  t.equal((p.toolbar.tools[2] as WheelZoomTool).dimensions, "width");
  t.same(figure({ tools: "" }).toolbar.tools, [], "no tools");

  const hover = figure({ tools: "pan", tooltips: [["x", "@x"]] }).toolbar.tools[1];
  t.ok(hover instanceof HoverTool, "tooltips add a HoverTool");
  t.same((hover as HoverTool).tooltips, [["x", "@x"]]);
  const given = figure({ tools: "hover,pan", tooltips: "@y" });
  t.equal(given.toolbar.tools.length, 2, "or go to the HoverTool in the tools");
  t.equal((given.toolbar.tools[0] as HoverTool).tooltips, "@y");

  const active = figure({
    tools: "pan,box_select,tap",
    active_drag: "box_select",
    active_tap: "tap",
    active_scroll: null,
  });
  t.ok(active.toolbar.active_drag instanceof BoxSelectTool);
  t.ok(active.toolbar.active_tap instanceof TapTool);
  t.equal(active.toolbar.active_scroll, null);
  t.equal(active.toolbar.active_inspect, "auto");
  t.throws(() => figure({ tools: "pan", active_drag: "lasso_select" }), /got unknown 'lasso_select' for 'active_drag'/);
  t.throws(() => figure({ tools: "pan,warp_drive" }), /unknown tool 'warp_drive'; known tools: pan, /);
  for (const name of TOOL_NAMES) t.ok(toolFromName(name).isA("Tool"), `${name} is a tool`);
  t.ok(new PanTool() instanceof PanTool);
});

t.test("ranges from nothing, numbers, dates, factors or a Range", async (t) => {
  t.ok(figure().x_range instanceof DataRange1d);
  const numeric = figure({ x_range: [0, 10] });
  t.ok(numeric.x_range instanceof Range1d);
  t.same([(numeric.x_range as Range1d).start, (numeric.x_range as Range1d).end], [0, 10]);
  const factors = figure({ y_range: ["a", "b"] });
  t.ok(
    factors.y_range instanceof FactorRange &&
      factors.y_scale instanceof CategoricalScale &&
      factors.left[0] instanceof CategoricalAxis,
  );
  t.same((factors.y_range as FactorRange).factors, ["a", "b"]);
  const given = new Range1d({ start: 1, end: 2 });
  t.equal(figure({ x_range: given }).x_range, given);
  const dates = figure({ x_range: [new Date(0), new Date(86_400_000)] });
  t.same(
    [(dates.x_range as Range1d).start, (dates.x_range as Range1d).end],
    [0, 86_400_000],
    "dates become milliseconds",
  );
  t.ok(dates.below[0] instanceof DatetimeAxis, "and ask for a datetime axis");
  t.throws(() => figure({ x_range: [1, 2, 3] as never }), /unrecognized range input/);
});

t.test("axis types, locations, labels and minor ticks", async (t) => {
  const log = figure({ x_axis_type: "log", y_axis_type: "datetime", x_axis_label: "x", y_axis_label: "t" });
  t.ok(log.below[0] instanceof LogAxis && log.x_scale instanceof LogScale);
  t.equal((log.below[0] as LogAxis).ticker.getv("num_minor_ticks"), 10, "log axes get 10 minor ticks");
  t.ok(log.left[0] instanceof DatetimeAxis && log.y_scale instanceof LinearScale);
  t.same([(log.below[0] as LogAxis).axis_label, (log.left[0] as DatetimeAxis).axis_label], ["x", "t"]);
  const mercator = figure({ x_axis_type: "mercator", y_axis_type: "mercator" });
  t.same(
    [
      (mercator.below[0] as MercatorAxis).ticker.getv("dimension"),
      (mercator.left[0] as MercatorAxis).ticker.getv("dimension"),
    ],
    ["lon", "lat"],
  );
  const categorical = figure({ x_axis_type: "categorical", x_range: ["a"] });
  t.ok(categorical.below[0] instanceof CategoricalAxis);
  t.throws(() => figure({ x_axis_type: "categorical" }), /a categorical axis needs a FactorRange/);
  const placed = figure({ x_axis_location: "above", y_axis_location: "right", y_axis_type: null, x_minor_ticks: 3 });
  t.same(
    [placed.below.length, placed.above.length, placed.left.length, placed.right.length],
    [0, 1, 0, 0],
    "no y axis, x axis above",
  );
  t.equal((placed.above[0] as LinearAxis).ticker.getv("num_minor_ticks"), 3);
  t.equal(placed.center.length, 1, "a grid only for the x axis");
  t.throws(() => figure({ x_minor_ticks: 1 }), /num_minor_ticks must be > 1/);
});

t.test("figure options: title, toolbar_location, sizing_mode and any Figure property", async (t) => {
  const p = figure({
    title: "hello",
    toolbar_location: "below",
    sizing_mode: "stretch_both",
    background_fill_color: "#eeeeee",
    width: 300,
  });
  t.equal((p.title as Title).text, "hello");
  t.same(
    [p.toolbar_location, p.sizing_mode, p.background_fill_color, p.width],
    ["below", "stretch_both", "#eeeeee", 300],
  );
  t.equal(figure({ title: null }).title, null);
  t.ok(figure().title instanceof Title, "a figure always has a Title, as in Python");
});

t.test("xaxis, yaxis, axis and the grids set a property on each of their models", async (t) => {
  const p = figure({ y_axis_location: "right" });
  p.xaxis.axis_label = "time";
  p.yaxis.axis_label = "price";
  t.equal((p.below[0] as LinearAxis).axis_label, "time");
  t.equal((p.right[0] as LinearAxis).axis_label, "price");
  p.axis.major_label_text_color = "red";
  t.same(
    [...p.xaxes, ...p.yaxes].map((axis) => axis.major_label_text_color),
    ["red", "red"],
  );
  p.ygrid.grid_line_color = null;
  t.same(
    (p.center as Grid[]).map((grid) => grid.grid_line_color),
    ["#e5e5e5", null],
  );
  t.equal(p.xaxis.length, 1, "they are arrays too");
  t.throws(() => p.xaxis.axis_label, /only setting 'axis_label' is supported/);
});

t.test("glyph options are typed per glyph: a misspelt or foreign property does not compile, and throws", async (t) => {
  const p = figure();
  // @ts-expect-error line_widht is not a Line property
  t.throws(() => p.line([1], [2], { line_widht: 2 }), UnknownPropertyError);
  // @ts-expect-error Line has no fill
  t.throws(() => p.line([1], [2], { fill_color: "red" }), UnknownPropertyError);
  // @ts-expect-error not a figure option
  t.throws(() => figure({ x_axis_typo: "log" }), UnknownPropertyError);
  t.ok(p.line([1], [2], { line_width: 2, legend_label: "ok", hover_line_color: "red", muted_alpha: 0.1 }));
});
