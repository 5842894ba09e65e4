import { HasProps } from "../core/has-props.js";
import { isTypedArray } from "../core/util/ndarray.js";
import {
  BasicTickFormatter, BasicTicker, CDSView, CategoricalAxis, CategoricalScale, ColumnDataSource,
  DataRange1d, DatetimeAxis, FactorRange, Figure as FigureModel, GlyphRenderer, Grid, Line, LinearAxis, LinearScale,
  LogAxis, LogScale, MercatorAxis, Range1d, Scatter, Title, Toolbar,
  type Axis, type ColumnDataSourceProps, type FigureProps, type Glyph, type Range, type Scale, type Tool,
} from "../models/generated/index.js";
import { toolFromName } from "./tools.js";

export type AxisType = "linear" | "log" | "datetime" | "mercator" | "categorical" | "auto";
export type RangeLike = Range | readonly [number, number] | readonly string[];

export interface FigureOptions extends Partial<Omit<FigureProps, "title" | "x_range" | "y_range">> {
  title?: string | Title | null;
  x_range?: RangeLike;
  y_range?: RangeLike;
  x_axis_type?: AxisType | null;
  y_axis_type?: AxisType | null;
  x_axis_label?: string;
  y_axis_label?: string;
  /** Comma-separated tool names (`"pan,wheel_zoom,reset"`) or tool models; Bokeh's default set when omitted. */
  tools?: string | readonly (Tool | string)[];
}

/** Data for a glyph argument: a column name, literal values, or a spec object. */
export type DataArg = string | number | readonly unknown[] | Float64Array | Float32Array | Int32Array | Record<string, unknown>;

export interface GlyphArgs {
  source?: ColumnDataSource;
  name?: string;
  /** Sets every `*_color` property the glyph has. */
  color?: string;
  /** Sets every `*_alpha` property the glyph has. */
  alpha?: number;
  [property: string]: unknown;
}

const DEFAULT_TOOLS = "pan,wheel_zoom,box_zoom,save,reset,help";
const DEFAULT_COLOR = "#1f77b4";

function makeRange(value: RangeLike | undefined): Range {
  if (value === undefined) return new DataRange1d();
  if (value instanceof HasProps) return value;
  if (value.length > 0 && value.every((v) => typeof v === "string")) return new FactorRange({ factors: [...(value as readonly string[])] });
  const [start, end] = value as readonly [number, number];
  return new Range1d({ start, end });
}

function makeAxis(type: AxisType, range: Range): { axis: Axis; scale: Scale } {
  const categorical = type === "categorical" || (type === "auto" && range instanceof FactorRange);
  if (categorical) return { axis: new CategoricalAxis(), scale: new CategoricalScale() };
  switch (type) {
    case "log":
      return { axis: new LogAxis(), scale: new LogScale() };
    case "datetime":
      return { axis: new DatetimeAxis(), scale: new LinearScale() };
    case "mercator":
      return { axis: new MercatorAxis(), scale: new LinearScale() };
    default:
      return { axis: new LinearAxis({ ticker: new BasicTicker({ mantissas: [1, 2, 5] }), formatter: new BasicTickFormatter() }), scale: new LinearScale() };
  }
}

const isColumnData = (value: unknown): boolean => Array.isArray(value) || isTypedArray(value);

/**
 * A plot with axes, grids and tools made the way Python's `bokeh.plotting.figure` makes them, plus glyph methods
 * that accept literal data or column names with a `source`.
 */
export class Figure extends FigureModel {
  constructor(options: FigureOptions = {}) {
    const { title, x_range, y_range, x_axis_type = "auto", y_axis_type = "auto", x_axis_label, y_axis_label, tools = DEFAULT_TOOLS, ...attrs } = options;
    super(attrs);
    const xRange = makeRange(x_range);
    const yRange = makeRange(y_range);
    this.x_range = xRange;
    this.y_range = yRange;
    if (title !== null) this.title = title instanceof HasProps ? title : new Title({ text: title ?? "" });
    const below: Axis[] = [];
    const left: Axis[] = [];
    const center: Grid[] = [];
    if (x_axis_type !== null) {
      const { axis, scale } = makeAxis(x_axis_type, xRange);
      if (x_axis_label !== undefined) axis.axis_label = x_axis_label;
      this.x_scale = scale;
      below.push(axis);
      center.push(new Grid({ axis }));
    }
    if (y_axis_type !== null) {
      const { axis, scale } = makeAxis(y_axis_type, yRange);
      if (y_axis_label !== undefined) axis.axis_label = y_axis_label;
      this.y_scale = scale;
      left.push(axis);
      center.push(new Grid({ dimension: 1, axis }));
    }
    this.below = [...this.below, ...below];
    this.left = [...this.left, ...left];
    this.center = [...this.center, ...center];
    const names = typeof tools === "string" ? tools.split(",").map((t) => t.trim()).filter(Boolean) : tools;
    this.toolbar = new Toolbar({ tools: names.map((t) => (typeof t === "string" ? toolFromName(t) : t)) });
  }

  /** Adds a glyph renderer for any glyph model class, following Bokeh's argument conventions. */
  glyph<G extends Glyph>(GlyphClass: new (attrs?: object) => G, args: GlyphArgs): GlyphRenderer {
    const { source, name, color, alpha, ...rest } = args;
    const data: Record<string, unknown> = {};
    const attrs: Record<string, unknown> = {};
    const probe = new GlyphClass();
    for (const [prop, value] of Object.entries(rest)) {
      if (value === undefined) continue;
      if (isColumnData(value) && /Spec\b/.test(String(probe.propertyDef(prop)?.kind))) {
        data[prop] = value;
        attrs[prop] = { field: prop };
      } else {
        attrs[prop] = value;
      }
    }
    for (const prop of probe.properties()) {
      if (prop.endsWith("_color") && !prop.startsWith("hover") && !(prop in attrs)) {
        if (color !== undefined) attrs[prop] = color;
        else if (prop === "line_color" || prop === "fill_color") attrs[prop] = DEFAULT_COLOR;
      }
      if (alpha !== undefined && prop.endsWith("_alpha") && !(prop in attrs)) attrs[prop] = alpha;
    }
    const dataSource = source ?? new ColumnDataSource({ data: data as ColumnDataSourceProps["data"] });
    if (source !== undefined && Object.keys(data).length > 0) throw new Error("pass column names, not data, when a source is given");
    const variant = (alphaValue: number) => {
      const out: Record<string, unknown> = { ...attrs };
      for (const prop of probe.properties()) {
        if (prop.endsWith("_alpha") && !prop.startsWith("hover") && (prop === "line_alpha" || prop === "fill_alpha" || prop === "hatch_alpha")) {
          out[prop] = (typeof attrs[prop] === "number" ? (attrs[prop] as number) : 1) * alphaValue;
        }
      }
      return new GlyphClass(out);
    };
    const renderer = new GlyphRenderer({
      data_source: dataSource,
      glyph: new GlyphClass(attrs),
      nonselection_glyph: variant(0.1),
      muted_glyph: variant(0.2),
      view: new CDSView(),
      ...(name !== undefined ? { name } : {}),
    });
    this.renderers = [...this.renderers, renderer];
    return renderer;
  }

  line(x: DataArg, y: DataArg, args: GlyphArgs = {}): GlyphRenderer {
    return this.glyph(Line, { x, y, ...args });
  }

  scatter(x: DataArg, y: DataArg, args: GlyphArgs = {}): GlyphRenderer {
    return this.glyph(Scatter, { x, y, ...args });
  }
}

/** `figure(options)`: a new Figure, as in Python's `bokeh.plotting.figure`. */
export function figure(options: FigureOptions = {}): Figure {
  return new Figure(options);
}

