import { HasProps } from "../core/has-props.js";
import { isTypedArray, NDArray } from "../core/util/ndarray.js";
import {
  type ColumnarDataSource,
  ColumnDataSource,
  type ColumnDataSourceProps,
  type Glyph,
  GlyphRenderer,
  Image,
  LinearColorMapper,
  type LinearColorMapperProps,
  type Plot,
} from "../models/generated/index.js";
import { create } from "./assign.js";
import type { GlyphClass } from "./glyph-methods.js";
import { popLegendArg, updateLegend } from "./legends.js";
import { popVisuals } from "./visuals.js";

/** Arguments that configure the renderer rather than the glyph (Python's `RENDERER_ARGS`). */
const RENDERER_ARGS = [
  "name",
  "coordinates",
  "x_range_name",
  "y_range_name",
  "level",
  "view",
  "visible",
  "muted",
] as const;

const isColumn = (value: unknown): boolean => Array.isArray(value) || isTypedArray(value) || value instanceof NDArray;

const isDataSpec = (glyph: HasProps, name: string): boolean => glyph.propertyDef(name)?.kind.dataSpec === true;

/** A dash pattern given as a list of integers is one value (`[6, 3]`), not a column. */
const isDashPattern = (glyph: HasProps, name: string, value: unknown): boolean =>
  String(glyph.propertyDef(name)?.kind) === "LineDashSpec" &&
  Array.isArray(value) &&
  value.every((v) => Number.isInteger(v));

/**
 * Moves literal data (lists, typed arrays, nd-arrays given for data spec properties) into `data` under the property's
 * name and points the property at that column. Returns the properties given literal data when a user source makes
 * that an error.
 */
export function processLiterals(
  glyph: HasProps,
  args: Record<string, unknown>,
  data: Record<string, unknown>,
  userSource: boolean,
): string[] {
  const incompatible: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (!isColumn(value) || !isDataSpec(glyph, name) || isDashPattern(glyph, name, value)) continue;
    if (userSource) {
      incompatible.push(name);
    } else {
      data[name] = value;
      // The column name, as Python passes it (it is sent even where the default is already that field).
      args[name] = name;
    }
  }
  return incompatible;
}

/** The `source` argument (removed from `args`): a data source, a new one for column data, or null when not given. */
function takeSource(args: Record<string, unknown>): ColumnarDataSource | null {
  const given = args.source;
  delete args.source;
  if (given === undefined || given === null) return null;
  if (given instanceof HasProps) {
    if (!given.isA("ColumnarDataSource"))
      throw new Error(`source must be a ColumnarDataSource or column data, not ${given}`);
    return given as ColumnarDataSource;
  }
  return new ColumnDataSource({ data: given as ColumnDataSourceProps["data"] });
}

/** `radius_units: "screen"` goes into the `radius` spec (`{value: 5, units: "screen"}`), as Bokeh does. */
function mergeUnits(glyph: HasProps, args: Record<string, unknown>): void {
  for (const key of Object.keys(args)) {
    const base = key.endsWith("_units") ? key.slice(0, -"_units".length) : undefined;
    if (base === undefined || glyph.hasProperty(key) || !isDataSpec(glyph, base)) continue;
    const kind = glyph.propertyDef(base)?.kind;
    const spec =
      args[base] === undefined ? glyph.getv(base) : kind?.coerce !== undefined ? kind.coerce(args[base]) : args[base];
    args[base] = { ...(spec as object), units: args[key] };
    delete args[key];
  }
}

/** `palette` is shorthand for an image's color mapper, as in Python; each image glyph gets its own mapper. */
function takePalette(cls: GlyphClass, args: Record<string, unknown>): () => Record<string, unknown> {
  const palette = args.palette;
  delete args.palette;
  if (palette === undefined) return () => ({});
  if (!(cls === Image || cls.prototype instanceof Image)) throw new Error("'palette' applies to image glyphs only");
  if (args.color_mapper !== undefined) throw new Error("only one of 'palette' and 'color_mapper' may be specified");
  return () => ({ color_mapper: new LinearColorMapper({ palette: palette as LinearColorMapperProps["palette"] }) });
}

/**
 * Builds a glyph renderer the way Python's `bokeh.plotting` does and adds it to the plot: literal data goes into a new
 * ColumnDataSource (or must be column names when a source is given), visual properties cascade from `color`/`alpha`
 * shorthands to every line/fill/hatch/text property, the nonselection and muted glyphs are faded copies, selection
 * and hover glyphs exist when `selection_*`/`hover_*` arguments are given, and legend arguments add legend items.
 */
export function createRenderer<G extends Glyph>(
  plot: Plot,
  cls: GlyphClass<G>,
  input: Readonly<Record<string, unknown>>,
): GlyphRenderer {
  const args: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) if (value !== undefined) args[name] = value;

  const source = takeSource(args);
  const { legend, legendName } = popLegendArg(args);
  const rendererArgs: Record<string, unknown> = {};
  for (const name of RENDERER_ARGS) {
    if (name in args) rendererArgs[name] = args[name];
    delete args[name];
  }
  const palette = takePalette(cls, args);

  const probe = new cls();
  const properties = probe.properties();
  const glyphVisuals = popVisuals(properties, args);
  const data: Record<string, unknown> = {};
  const incompatible = [
    ...processLiterals(probe, args, data, source !== null),
    ...processLiterals(probe, glyphVisuals, data, source !== null),
  ];
  if (incompatible.length > 0) {
    throw new Error(
      `expected ${incompatible.join(", ")} to reference fields in the supplied data source: with a 'source', pass column names; ` +
        "without one, literal data may be given",
    );
  }
  const hasPrefixed = (prefix: string): boolean => Object.keys(args).some((key) => key.startsWith(prefix));
  const nonselection = popVisuals(properties, args, {
    prefix: "nonselection_",
    defaults: glyphVisuals,
    overrideDefaults: { alpha: 0.1 },
  });
  const selection = hasPrefixed("selection_")
    ? popVisuals(properties, args, { prefix: "selection_", defaults: glyphVisuals })
    : null;
  const hover = hasPrefixed("hover_")
    ? popVisuals(properties, args, { prefix: "hover_", defaults: glyphVisuals })
    : null;
  const muted = popVisuals(properties, args, {
    prefix: "muted_",
    defaults: glyphVisuals,
    overrideDefaults: { alpha: 0.2 },
  });

  mergeUnits(probe, args);
  const makeGlyph = (visuals: Record<string, unknown>): G => create(cls, { ...args, ...palette(), ...visuals });
  const renderer = create(GlyphRenderer, {
    data_source: source ?? new ColumnDataSource({ data: data as ColumnDataSourceProps["data"] }),
    glyph: makeGlyph(glyphVisuals),
    nonselection_glyph: makeGlyph(nonselection),
    selection_glyph: selection === null ? "auto" : makeGlyph(selection),
    hover_glyph: hover === null ? null : makeGlyph(hover),
    muted_glyph: makeGlyph(muted),
    ...rendererArgs,
  });
  plot.renderers = [...plot.renderers, renderer];
  if (legend !== null) updateLegend(plot, legend, legendName, renderer);
  return renderer;
}
