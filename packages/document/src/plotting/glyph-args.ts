import type { Spec, TypedArray } from "../core/kinds.js";
import type { NDArray } from "../core/util/ndarray.js";
import type {
  AnnularWedgeProps,
  AnnulusProps,
  ArcProps,
  BezierProps,
  BlockProps,
  CDSView,
  CircleProps,
  ColumnarDataSource,
  CoordinateMapping,
  EllipseProps,
  HAreaProps,
  HAreaStepProps,
  HBarProps,
  HexTileProps,
  HSpanProps,
  HStripProps,
  ImageProps,
  ImageRGBAProps,
  ImageStackProps,
  ImageURLProps,
  LineProps,
  MathMLGlyphProps,
  MultiLineProps,
  MultiPolygonsProps,
  NgonProps,
  PatchesProps,
  PatchProps,
  QuadProps,
  QuadraticProps,
  RayProps,
  RectProps,
  ScatterProps,
  SegmentProps,
  SplineProps,
  StepProps,
  TeXGlyphProps,
  TextProps,
  VAreaProps,
  VAreaStepProps,
  VBarProps,
  VSpanProps,
  VStripProps,
  WedgeProps,
} from "../models/generated/index.js";
import type { Palette, PaletteName } from "../palettes/index.js";

/** Literal data for one column: a list, a typed array or an n-dimensional array. */
export type ColumnArg = readonly unknown[] | TypedArray | NDArray;

/** Column data for a `source` given as a plain object (it becomes a ColumnDataSource, as in Bokeh). */
export type SourceData = Record<string, ColumnArg>;

/**
 * What a glyph method accepts for a data spec property holding `T`: a fixed value, a column name (a string that is
 * not a value of the property, as Bokeh decides), literal data (which lands in the renderer's data source), or a
 * spec object (`{field}`, `{value}`, `{expr}`).
 */
export type SpecArg<T> = T | string | ColumnArg | Spec<T>;

/** The argument for one glyph property: data specs as {@link SpecArg}, other properties as their own type. */
export type PropArg<V> = V extends Spec<infer T> ? SpecArg<T> : V;

type Visual = "line" | "fill" | "hatch" | "text" | "global";
type VisualKey<P> = Extract<keyof P, `${Visual}_${string}`>;
type Prefix = "selection" | "nonselection" | "hover" | "muted";

/** Renderer-level arguments every glyph method takes (Python's `RENDERER_ARGS`, plus source and legend). */
export interface RendererArgs {
  /** A data source, or column data for a new ColumnDataSource. With a source, pass column names, not literal data. */
  source: ColumnarDataSource | SourceData;
  view: CDSView;
  /** A legend entry with this fixed text; renderers with the same label share an entry. */
  legend_label: string;
  /** A legend entry per row, labelled from this column (grouped in the browser). */
  legend_field: string;
  /** A legend entry per distinct value of this column (grouped on the server, as Python does). */
  legend_group: string;
  /** The `name` of the Legend to add the entry to, when the plot has several. */
  legend_name: string;
  name: string | null;
  level: "image" | "underlay" | "glyph" | "guide" | "annotation" | "overlay";
  visible: boolean;
  muted: boolean;
  x_range_name: string;
  y_range_name: string;
  coordinates: CoordinateMapping | null;
}

type ColorArg = SpecArg<string | number | null>;
type AlphaArg = SpecArg<number>;

/** `color`/`alpha` set every line, fill, hatch and text color/alpha; prefixed forms set the selection, hover … glyphs. */
export type ColorAlphaArgs = { color: ColorArg; alpha: AlphaArg } & {
  [K in `${Prefix}_${"color" | "alpha"}`]: K extends `${string}color` ? ColorArg : AlphaArg;
};

/** Visual properties for the selection, nonselection, hover and muted glyphs (`hover_fill_color`, …). */
export type PrefixedVisualArgs<P> = { [K in VisualKey<P> as `${Prefix}_${K}`]: PropArg<P[K]> };

/** Units for distance and angle specs given as plain numbers (`radius_units: "screen"`). */
export type UnitsArgs<P> = {
  [K in Extract<keyof P, string> as P[K] extends Spec<number> ? `${K}_units` : never]: string;
};

/** Every argument a glyph method takes for a glyph whose properties are `P`; all optional. */
export type GlyphArgsOf<P> = Partial<
  { [K in keyof P]: PropArg<P[K]> } & RendererArgs & ColorAlphaArgs & PrefixedVisualArgs<P> & UnitsArgs<P>
>;

export type AnnularWedgeArgs = GlyphArgsOf<AnnularWedgeProps>;
export type AnnulusArgs = GlyphArgsOf<AnnulusProps>;
export type ArcArgs = GlyphArgsOf<ArcProps>;
export type BezierArgs = GlyphArgsOf<BezierProps>;
export type BlockArgs = GlyphArgsOf<BlockProps>;
export type CircleArgs = GlyphArgsOf<CircleProps>;
export type EllipseArgs = GlyphArgsOf<EllipseProps>;
export type HAreaArgs = GlyphArgsOf<HAreaProps>;
export type HAreaStepArgs = GlyphArgsOf<HAreaStepProps>;
export type HBarArgs = GlyphArgsOf<HBarProps>;
export type HSpanArgs = GlyphArgsOf<HSpanProps>;
export type HStripArgs = GlyphArgsOf<HStripProps>;
export type HexTileArgs = GlyphArgsOf<HexTileProps>;
/** `palette` (a list of colors or a palette name) makes the image's LinearColorMapper, as Python's `image(palette=…)`. */
export type ImageArgs = GlyphArgsOf<ImageProps> & { palette?: Palette | PaletteName };
export type ImageRGBAArgs = GlyphArgsOf<ImageRGBAProps>;
export type ImageStackArgs = GlyphArgsOf<ImageStackProps>;
export type ImageURLArgs = GlyphArgsOf<ImageURLProps>;
export type LineArgs = GlyphArgsOf<LineProps>;
export type MathMLArgs = GlyphArgsOf<MathMLGlyphProps>;
export type MultiLineArgs = GlyphArgsOf<MultiLineProps>;
export type MultiPolygonsArgs = GlyphArgsOf<MultiPolygonsProps>;
export type NgonArgs = GlyphArgsOf<NgonProps>;
export type PatchArgs = GlyphArgsOf<PatchProps>;
export type PatchesArgs = GlyphArgsOf<PatchesProps>;
export type QuadArgs = GlyphArgsOf<QuadProps>;
export type QuadraticArgs = GlyphArgsOf<QuadraticProps>;
export type RayArgs = GlyphArgsOf<RayProps>;
export type RectArgs = GlyphArgsOf<RectProps>;
export type ScatterArgs = GlyphArgsOf<ScatterProps>;
export type SegmentArgs = GlyphArgsOf<SegmentProps>;
export type SplineArgs = GlyphArgsOf<SplineProps>;
export type StepArgs = GlyphArgsOf<StepProps>;
export type TeXArgs = GlyphArgsOf<TeXGlyphProps>;
export type TextArgs = GlyphArgsOf<TextProps>;
export type VAreaArgs = GlyphArgsOf<VAreaProps>;
export type VAreaStepArgs = GlyphArgsOf<VAreaStepProps>;
export type VBarArgs = GlyphArgsOf<VBarProps>;
export type VSpanArgs = GlyphArgsOf<VSpanProps>;
export type VStripArgs = GlyphArgsOf<VStripProps>;
export type WedgeArgs = GlyphArgsOf<WedgeProps>;

/**
 * Arguments of `Figure.glyph(GlyphClass, args)`, for any glyph class: property values as in the glyph methods,
 * checked when the glyph is built.
 */
export interface GlyphArgs extends Partial<RendererArgs & ColorAlphaArgs> {
  [property: string]: unknown;
}
