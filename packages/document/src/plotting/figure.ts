import { HasProps } from "../core/has-props.js";
import { isPlainObject, isSpecObject } from "../core/kinds.js";
import {
  Axis,
  type AxisProps,
  type ColumnarDataSource,
  type ContourRenderer,
  Figure as FigureModel,
  type FigureProps,
  type Glyph,
  type GlyphRenderer,
  type GraphRenderer,
  Grid,
  type GridProps,
  HArea,
  HBar,
  HexTile,
  type HoverToolProps,
  type LayoutProvider,
  Legend,
  Line,
  type Renderer,
  Title,
  type Tool,
  VArea,
  VBar,
} from "../models/generated/index.js";
import { assignChanged, create } from "./assign.js";
import {
  type AxisLocation,
  type AxisType,
  addAxisAndGrid,
  isDateRange,
  makeRange,
  makeScale,
  type RangeLike,
} from "./axes.js";
import type { GridCoordinates, GridValues } from "./contour/contour-data.js";
import { type ContourVisuals, from_contour } from "./contour/renderer.js";
import type { GlyphArgs, HAreaArgs, HBarArgs, LineArgs, SpecArg, VAreaArgs, VBarArgs } from "./glyph-args.js";
import {
  GLYPH_METHODS,
  type GlyphClass,
  type GlyphMethods,
  MARKER_METHODS,
  type MarkerMethods,
} from "./glyph-methods.js";
import { type GraphArgs, type GraphData, graphRenderer } from "./graph.js";
import { type HexbinOptions, type HexbinResult, hexbinTileArgs } from "./hexbin.js";
import { createRenderer } from "./renderer.js";
import { type ModelSplat, modelSplat } from "./splat.js";
import { doubleStack, type StackArgs, singleStack } from "./stacks.js";
import { type ActiveTools, resolveTools, setActiveTools, type ToolsArg } from "./tools.js";

export type { AxisType, RangeLike } from "./axes.js";
export type { GlyphArgs } from "./glyph-args.js";
/** What the glyph methods accept for a data property: a value, a column name, literal data or a spec. */
export type DataArg = SpecArg<unknown>;

/** Python's and BokehJS's default toolbar. */
export const DEFAULT_TOOLS = "pan,wheel_zoom,auto_box_zoom,save,reset,help";

/** The options of `figure()`: any Figure property, plus the plotting conveniences of Python's `figure()`. */
export interface FigureOptions extends Partial<Omit<FigureProps, "title" | "x_range" | "y_range">>, ActiveTools {
  /** The title text, a Title model, or `null` for none. */
  title?: string | Title | null;
  x_range?: RangeLike;
  y_range?: RangeLike;
  /** `null` for no axis. */
  x_axis_type?: AxisType | null;
  y_axis_type?: AxisType | null;
  x_axis_location?: AxisLocation | null;
  y_axis_location?: AxisLocation | null;
  x_axis_label?: string | null;
  y_axis_label?: string | null;
  /** Minor ticks between major ones: a number above 1, `"auto"` (5, or 10 on log axes) or `null` for none. */
  x_minor_ticks?: number | "auto" | null;
  y_minor_ticks?: number | "auto" | null;
  /** Comma-separated tool names (`"pan,wheel_zoom,reset"`) or a list of names and tools; Bokeh's default set when omitted. */
  tools?: ToolsArg;
  /** Tooltips for a HoverTool (the one in `tools`, or a new one): `"@x"`, or `[["label", "@field"], …]`. */
  tooltips?: HoverToolProps["tooltips"];
}

/** Where `add_layout` puts an annotation or axis. */
export type LayoutPlace = "center" | "above" | "below" | "left" | "right";

const FIGURE_OPTIONS = [
  "title",
  "x_range",
  "y_range",
  "x_axis_type",
  "y_axis_type",
  "x_axis_location",
  "y_axis_location",
  "x_axis_label",
  "y_axis_label",
  "x_minor_ticks",
  "y_minor_ticks",
  "tools",
  "tooltips",
  "active_drag",
  "active_inspect",
  "active_scroll",
  "active_tap",
  "active_multi",
] as const;

/**
 * A plot with axes, grids and tools made the way Python's `bokeh.plotting.figure` makes them, and every glyph
 * method of BokehJS's plotting API (`line`, `scatter`, `vbar`, …: see {@link GlyphMethods}).
 */
export class Figure extends FigureModel {
  constructor(options: FigureOptions = {}) {
    const opts: Record<string, unknown> = { ...options };
    for (const name of FIGURE_OPTIONS) delete opts[name];
    super();
    assignChanged(this, opts);
    const { title, tools = DEFAULT_TOOLS, tooltips } = options;
    this.title = title === null || title instanceof HasProps ? title : create(Title, { text: title ?? "" });
    this.x_range = makeRange(options.x_range);
    this.y_range = makeRange(options.y_range);
    this.x_scale = makeScale(this.x_range, options.x_axis_type ?? null);
    this.y_scale = makeScale(this.y_range, options.y_axis_type ?? null);
    addAxisAndGrid(
      this,
      {
        type: options.x_axis_type === undefined ? "auto" : options.x_axis_type,
        location: options.x_axis_location === undefined ? "below" : options.x_axis_location,
        minorTicks: options.x_minor_ticks === undefined ? "auto" : options.x_minor_ticks,
        label: options.x_axis_label ?? null,
        dates: isDateRange(options.x_range),
      },
      this.x_range,
      0,
    );
    addAxisAndGrid(
      this,
      {
        type: options.y_axis_type === undefined ? "auto" : options.y_axis_type,
        location: options.y_axis_location === undefined ? "left" : options.y_axis_location,
        minorTicks: options.y_minor_ticks === undefined ? "auto" : options.y_minor_ticks,
        label: options.y_axis_label ?? null,
        dates: isDateRange(options.y_range),
      },
      this.y_range,
      1,
    );
    const resolved = resolveTools(tools, tooltips);
    this.add_tools(...resolved.tools);
    setActiveTools(this.toolbar, resolved.byName, options);
  }

  /** Adds a glyph renderer for any glyph model class, with the same argument conventions as the glyph methods. */
  glyph<G extends Glyph>(GlyphClass: GlyphClass<G>, args: GlyphArgs = {}): GlyphRenderer {
    return createRenderer(this, GlyphClass, args);
  }

  /** Bars stacked upwards, one VBar renderer per stacker column (Python's `vbar_stack`); lists give one value each. */
  vbar_stack(stackers: readonly string[], args: StackArgs<VBarArgs> = {}): GlyphRenderer[] {
    return doubleStack(stackers, "bottom", "top", args).map((kw) => createRenderer(this, VBar, kw));
  }

  /** Bars stacked rightwards, one HBar renderer per stacker column (Python's `hbar_stack`). */
  hbar_stack(stackers: readonly string[], args: StackArgs<HBarArgs> = {}): GlyphRenderer[] {
    return doubleStack(stackers, "left", "right", args).map((kw) => createRenderer(this, HBar, kw));
  }

  /** Areas stacked upwards, one VArea renderer per stacker column (Python's `varea_stack`). */
  varea_stack(stackers: readonly string[], args: StackArgs<VAreaArgs> = {}): GlyphRenderer[] {
    return doubleStack(stackers, "y1", "y2", args).map((kw) => createRenderer(this, VArea, kw));
  }

  /** Areas stacked rightwards, one HArea renderer per stacker column (Python's `harea_stack`). */
  harea_stack(stackers: readonly string[], args: StackArgs<HAreaArgs> = {}): GlyphRenderer[] {
    return doubleStack(stackers, "x1", "x2", args).map((kw) => createRenderer(this, HArea, kw));
  }

  /** Lines whose y values stack, one Line renderer per stacker column (Python's `vline_stack`). */
  vline_stack(stackers: readonly string[], args: StackArgs<LineArgs> = {}): GlyphRenderer[] {
    return singleStack(stackers, "y", args).map((kw) => createRenderer(this, Line, kw));
  }

  /** Lines whose x values stack, one Line renderer per stacker column (Python's `hline_stack`). */
  hline_stack(stackers: readonly string[], args: StackArgs<LineArgs> = {}): GlyphRenderer[] {
    return singleStack(stackers, "x", args).map((kw) => createRenderer(this, Line, kw));
  }

  /**
   * Hex tiles of `size` counting the points `x`, `y`, colored by count from `palette` (Python's `figure.hexbin`);
   * returns the renderer and the bins.
   */
  hexbin(x: readonly number[], y: readonly number[], size: number, options: HexbinOptions = {}): HexbinResult {
    const { bins, args } = hexbinTileArgs(x, y, size, options);
    return [createRenderer(this, HexTile, args), bins];
  }

  /** Adds a GraphRenderer of nodes and edges at the positions of `layout_provider` (Python's `figure.graph`). */
  graph(
    node_source: ColumnarDataSource | GraphData,
    edge_source: ColumnarDataSource | GraphData,
    layout_provider: LayoutProvider,
    args: GraphArgs = {},
  ): GraphRenderer {
    const renderer = graphRenderer(node_source, edge_source, layout_provider, args);
    this.add_renderers(renderer);
    return renderer;
  }

  /**
   * Adds a ContourRenderer of `z` at `levels` (Python's `figure.contour`): lines with `line_color`, filled bands with
   * `fill_color`; `x` and `y` give the grid's coordinates (null for indices).
   */
  contour(
    x: GridCoordinates | null,
    y: GridCoordinates | null,
    z: GridValues,
    levels: readonly number[],
    visuals: ContourVisuals = {},
  ): ContourRenderer {
    const renderer = from_contour(x, y, z, levels, visuals);
    this.add_renderers(renderer);
    return renderer;
  }

  /** Adds an annotation, axis or other layout item to one side of the plot, or to its center. */
  add_layout(item: HasProps, place: LayoutPlace = "center"): void {
    this.setv(place, [...(this.getv(place) as HasProps[]), item]);
  }

  add_tools(...tools: Tool[]): void {
    if (tools.length > 0) this.toolbar.tools = [...this.toolbar.tools, ...tools];
  }

  add_renderers(...renderers: Renderer[]): void {
    if (renderers.length > 0) this.renderers = [...this.renderers, ...renderers];
  }

  /** The plot's legend, created in the center if it has none (as BokehJS's `figure.legend`). */
  get legend(): Legend {
    const legend = [...this.above, ...this.below, ...this.left, ...this.right, ...this.center].find(
      (item): item is Legend => item instanceof Legend,
    );
    if (legend !== undefined) return legend;
    const created = new Legend();
    this.add_layout(created);
    return created;
  }

  get xaxes(): Axis[] {
    return [...this.below, ...this.above].filter((item): item is Axis => item instanceof Axis);
  }

  get yaxes(): Axis[] {
    return [...this.left, ...this.right].filter((item): item is Axis => item instanceof Axis);
  }

  /** The x axes; setting a property here sets it on each (`p.xaxis.axis_label = "time"`). */
  get xaxis(): ModelSplat<Axis, AxisProps> {
    return modelSplat(this.xaxes);
  }

  get yaxis(): ModelSplat<Axis, AxisProps> {
    return modelSplat(this.yaxes);
  }

  get axis(): ModelSplat<Axis, AxisProps> {
    return modelSplat([...this.xaxes, ...this.yaxes]);
  }

  get xgrid(): ModelSplat<Grid, GridProps> {
    return modelSplat(this.grids.filter((grid) => grid.dimension === 0));
  }

  get ygrid(): ModelSplat<Grid, GridProps> {
    return modelSplat(this.grids.filter((grid) => grid.dimension === 1));
  }

  get grid(): ModelSplat<Grid, GridProps> {
    return modelSplat(this.grids);
  }

  private get grids(): Grid[] {
    return this.center.filter((item): item is Grid => item instanceof Grid);
  }
}

export interface Figure extends GlyphMethods, MarkerMethods {}

const signature = (method: string, positional: readonly string[]): string =>
  `the method signature is ${method}(${positional.join(", ")}, args?)`;
const isOptions = (value: unknown): value is Record<string, unknown> => isPlainObject(value) && !isSpecObject(value);

/** Turns a glyph method's arguments (`()`, `(args)`, or positional values then optional `args`) into one object. */
function glyphArguments(
  method: string,
  positional: readonly string[],
  params: readonly unknown[],
): Record<string, unknown> {
  if (params.length === 0) return {};
  if (params.length === 1 && isOptions(params[0])) return { ...params[0] };
  if (params.length !== positional.length && params.length !== positional.length + 1) {
    throw new Error(`wrong number of arguments; ${signature(method, positional)}`);
  }
  const attrs: Record<string, unknown> = {};
  positional.forEach((name, i) => {
    if (i >= params.length) return;
    if (isOptions(params[i]))
      throw new Error(`invalid value for '${name}' parameter at position ${i}; ${signature(method, positional)}`);
    attrs[name] = params[i];
  });
  if (params.length === positional.length + 1) {
    const options = params[positional.length];
    if (!isOptions(options)) throw new Error(`expected optional arguments; ${signature(method, positional)}`);
    Object.assign(attrs, options);
  }
  return attrs;
}

// The glyph methods come from one table (as BokehJS's GlyphAPI), so each is typed by GlyphMethods and built alike.
for (const [method, [cls, positional]] of Object.entries(GLYPH_METHODS) as [
  string,
  readonly [GlyphClass, readonly string[]],
][]) {
  Object.defineProperty(Figure.prototype, method, {
    value: function (this: Figure, ...params: unknown[]): GlyphRenderer {
      return createRenderer(this, cls, glyphArguments(method, positional, params));
    },
    writable: true,
    configurable: true,
  });
}
for (const marker of MARKER_METHODS) {
  const [cls, positional] = GLYPH_METHODS.scatter;
  Object.defineProperty(Figure.prototype, marker, {
    value: function (this: Figure, ...params: unknown[]): GlyphRenderer {
      return createRenderer(this, cls, { ...glyphArguments(marker, positional, params), marker });
    },
    writable: true,
    configurable: true,
  });
}

/** `figure(options)`: a new Figure, as Python's `bokeh.plotting.figure` and BokehJS's `Plotting.figure`. */
export function figure(options: FigureOptions = {}): Figure {
  return new Figure(options);
}
