import {
  ColumnDataSource,
  type ColumnDataSourceProps,
  ContourRenderer,
  GlyphRenderer,
  MultiLine,
  MultiPolygons,
} from "../../models/generated/index.js";
import { interp_palette } from "../../palettes/generators.js";
import type { Palette, PaletteFamily } from "../../palettes/types.js";
import { assignChanged } from "../assign.js";
import { processLiterals } from "../renderer.js";
import { type ContourData, contour_data, type GridCoordinates, type GridValues } from "./contour-data.js";

/** A contour color: one color (or column name), one per level, any list (interpolated), or a palette family. */
export type ContourColor = string | Palette | PaletteFamily;

const LINE_PROPS = ["line_color", "line_alpha", "line_width", "line_join", "line_cap", "line_dash", "line_dash_offset"];
const FILL_PROPS = ["fill_color", "fill_alpha"];
const HATCH_PROPS = ["hatch_color", "hatch_alpha", "hatch_scale", "hatch_pattern", "hatch_weight", "hatch_extra"];

/**
 * Visuals of `Figure.contour`: lines are drawn when `line_color` is given, filled bands when `fill_color` is; any
 * line, fill or hatch property, a list of one value per level (lines) or band (fills) making a column.
 */
export interface ContourVisuals {
  line_color?: ContourColor | null;
  fill_color?: ContourColor | null;
  hatch_color?: ContourColor;
  [visual: string]: unknown;
}

/** A palette family's palette of `n` colors, interpolated from the nearest size (Python's `_palette_from_collection`). */
function paletteFromFamily(family: PaletteFamily, n: number): Palette {
  const sizes = Object.keys(family).map(Number);
  if (sizes.length === 0) throw new Error("PaletteCollection is empty");
  const exact = family[n];
  if (exact !== undefined) return exact;
  const largest = Math.max(...sizes);
  if (n > largest) return interp_palette(family[largest] ?? [], n);
  const smallest = Math.min(...sizes);
  if (n < smallest) return interp_palette(family[smallest] ?? [], n);
  throw new Error(`Unable to extract or interpolate palette of length ${n} from PaletteCollection`);
}

/** `n` colors from a contour color as Python's `_color` takes them (one color or column name stays as it is). */
function contourColor(color: ContourColor, n: number): unknown {
  if (typeof color === "string") return color;
  if (Array.isArray(color)) return color.length === n ? color : interp_palette(color, n);
  return paletteFromFamily(color as PaletteFamily, n);
}

/** Moves list visuals of `cls` into columns of a new source (as literal data of glyph methods). */
function literalColumns(
  cls: typeof MultiLine | typeof MultiPolygons,
  visuals: Record<string, unknown>,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  processLiterals(new cls(), visuals, data, false);
  return data;
}

function popAll(visuals: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = visuals[name];
    delete visuals[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

type Columns = ColumnDataSourceProps["data"];

/**
 * Puts new contour data (from {@link contour_data}) into the renderer's sources, keeping their visual columns, as
 * Python's `ContourRenderer.set_data`: how an app updates a contour plot.
 */
export function setContourData(renderer: ContourRenderer, data: ContourData): void {
  const keep = (source: ColumnDataSource, own: readonly string[]): Record<string, unknown> =>
    Object.fromEntries(Object.entries(source.data).filter(([name]) => !own.includes(name)));
  const fillSource = renderer.fill_renderer.data_source as ColumnDataSource;
  const lineSource = renderer.line_renderer.data_source as ColumnDataSource;
  fillSource.data = (
    data.fill_data === null
      ? { xs: [], ys: [], lower_levels: [], upper_levels: [] }
      : { ...data.fill_data, ...keep(fillSource, ["xs", "ys", "lower_levels", "upper_levels"]) }
  ) as Columns;
  lineSource.data = (
    data.line_data === null
      ? { xs: [], ys: [], levels: [] }
      : { ...data.line_data, ...keep(lineSource, ["xs", "ys", "levels"]) }
  ) as Columns;
}

/**
 * A ContourRenderer of `z` at `levels` with the given visuals, as Python's `from_contour` builds it: lines when
 * `line_color` is given, filled bands when `fill_color` is, colors spread over the levels.
 */
export function from_contour(
  x: GridCoordinates | null,
  y: GridCoordinates | null,
  z: GridValues,
  levels: readonly number[],
  input: ContourVisuals = {},
): ContourRenderer {
  const visuals: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) if (value !== undefined) visuals[name] = value;
  const nlevels = levels.length;
  const wantLine = visuals.line_color !== undefined && visuals.line_color !== null;
  let lineColumns: Record<string, unknown> = {};
  let lineVisuals: Record<string, unknown> = {};
  if (wantLine) {
    visuals.line_color = contourColor(visuals.line_color as ContourColor, nlevels);
    lineColumns = literalColumns(MultiLine, visuals);
    lineVisuals = popAll(visuals, LINE_PROPS);
  } else delete visuals.line_color;
  const wantFill = visuals.fill_color !== undefined && visuals.fill_color !== null;
  let fillColumns: Record<string, unknown> = {};
  if (wantFill) {
    visuals.fill_color = contourColor(visuals.fill_color as ContourColor, nlevels - 1);
    if ("hatch_color" in visuals) visuals.hatch_color = contourColor(visuals.hatch_color as ContourColor, nlevels - 1);
    fillColumns = literalColumns(MultiPolygons, visuals);
  } else delete visuals.fill_color;
  const unknown = Object.keys(visuals).filter((name) => !FILL_PROPS.includes(name) && !HATCH_PROPS.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown keyword arguments in 'from_contour': ${unknown.join(", ")}`);

  const data = contour_data(x, y, z, levels, { want_fill: wantFill, want_line: wantLine });
  const renderer = new ContourRenderer({
    fill_renderer: new GlyphRenderer({ glyph: new MultiPolygons(), data_source: new ColumnDataSource() }),
    line_renderer: new GlyphRenderer({ glyph: new MultiLine(), data_source: new ColumnDataSource() }),
    levels: [...levels],
  });
  setContourData(renderer, data);
  if (data.fill_data !== null) {
    assignChanged(renderer.fill_renderer.glyph, visuals);
    addColumns(renderer.fill_renderer, fillColumns);
    // No outline around the bands: the lines, if any, are drawn by the line renderer.
    assignChanged(renderer.fill_renderer.glyph, { line_alpha: 0, line_width: 0 });
  }
  if (data.line_data !== null) {
    assignChanged(renderer.line_renderer.glyph, lineVisuals);
    addColumns(renderer.line_renderer, lineColumns);
  }
  return renderer;
}

function addColumns(renderer: GlyphRenderer, columns: Record<string, unknown>): void {
  if (Object.keys(columns).length === 0) return;
  const source = renderer.data_source as ColumnDataSource;
  source.data = { ...source.data, ...columns } as Columns;
}
