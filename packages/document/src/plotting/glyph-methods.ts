import type { MarkerType } from "../core/kinds.js";
import {
  AnnularWedge,
  Annulus,
  Arc,
  Bezier,
  Block,
  Circle,
  Ellipse,
  type Glyph,
  type GlyphRenderer,
  HArea,
  HAreaStep,
  HBar,
  HexTile,
  HSpan,
  HStrip,
  Image,
  ImageRGBA,
  ImageStack,
  ImageURL,
  Line,
  MathMLGlyph,
  MultiLine,
  MultiPolygons,
  Ngon,
  Patch,
  Patches,
  Quad,
  Quadratic,
  Ray,
  Rect,
  Scatter,
  Segment,
  Spline,
  Step,
  TeXGlyph,
  Text,
  VArea,
  VAreaStep,
  VBar,
  VSpan,
  VStrip,
  Wedge,
} from "../models/generated/index.js";
import type * as A from "./glyph-args.js";

/** A glyph model class, as the glyph methods and `Figure.glyph` take it. */
export type GlyphClass<G extends Glyph = Glyph> = new (attrs?: object) => G;

/**
 * Every glyph method of BokehJS's `GlyphAPI`: its glyph class, its arguments and the names of its positional
 * parameters, in BokehJS's order (`vbar(x, width, top, bottom, args?)`).
 */
interface GlyphTable {
  annular_wedge: [
    AnnularWedge,
    A.AnnularWedgeArgs,
    ["x", "y", "inner_radius", "outer_radius", "start_angle", "end_angle"],
  ];
  annulus: [Annulus, A.AnnulusArgs, ["x", "y", "inner_radius", "outer_radius"]];
  arc: [Arc, A.ArcArgs, ["x", "y", "radius", "start_angle", "end_angle"]];
  bezier: [Bezier, A.BezierArgs, ["x0", "y0", "x1", "y1", "cx0", "cy0", "cx1", "cy1"]];
  block: [Block, A.BlockArgs, ["x", "y", "width", "height"]];
  circle: [Circle, A.CircleArgs, ["x", "y", "radius"]];
  ellipse: [Ellipse, A.EllipseArgs, ["x", "y", "width", "height"]];
  harea: [HArea, A.HAreaArgs, ["x1", "x2", "y"]];
  harea_step: [HAreaStep, A.HAreaStepArgs, ["x1", "x2", "y", "step_mode"]];
  hbar: [HBar, A.HBarArgs, ["y", "height", "right", "left"]];
  hspan: [HSpan, A.HSpanArgs, ["y"]];
  hstrip: [HStrip, A.HStripArgs, ["y0", "y1"]];
  hex_tile: [HexTile, A.HexTileArgs, ["q", "r"]];
  image: [Image, A.ImageArgs, ["image", "x", "y", "dw", "dh"]];
  image_rgba: [ImageRGBA, A.ImageRGBAArgs, ["image", "x", "y", "dw", "dh"]];
  image_stack: [ImageStack, A.ImageStackArgs, ["image", "x", "y", "dw", "dh"]];
  image_url: [ImageURL, A.ImageURLArgs, ["url", "x", "y", "w", "h"]];
  line: [Line, A.LineArgs, ["x", "y"]];
  mathml: [MathMLGlyph, A.MathMLArgs, ["x", "y", "text"]];
  multi_line: [MultiLine, A.MultiLineArgs, ["xs", "ys"]];
  multi_polygons: [MultiPolygons, A.MultiPolygonsArgs, ["xs", "ys"]];
  ngon: [Ngon, A.NgonArgs, ["x", "y", "radius"]];
  patch: [Patch, A.PatchArgs, ["x", "y"]];
  patches: [Patches, A.PatchesArgs, ["xs", "ys"]];
  quad: [Quad, A.QuadArgs, ["left", "right", "bottom", "top"]];
  quadratic: [Quadratic, A.QuadraticArgs, ["x0", "y0", "x1", "y1", "cx", "cy"]];
  ray: [Ray, A.RayArgs, ["x", "y", "length"]];
  rect: [Rect, A.RectArgs, ["x", "y", "width", "height"]];
  scatter: [Scatter, A.ScatterArgs, ["x", "y"]];
  segment: [Segment, A.SegmentArgs, ["x0", "y0", "x1", "y1"]];
  spline: [Spline, A.SplineArgs, ["x", "y"]];
  step: [Step, A.StepArgs, ["x", "y", "mode"]];
  tex: [TeXGlyph, A.TeXArgs, ["x", "y", "text"]];
  text: [Text, A.TextArgs, ["x", "y", "text"]];
  varea: [VArea, A.VAreaArgs, ["x", "y1", "y2"]];
  varea_step: [VAreaStep, A.VAreaStepArgs, ["x", "y1", "y2", "step_mode"]];
  vbar: [VBar, A.VBarArgs, ["x", "width", "top", "bottom"]];
  vspan: [VSpan, A.VSpanArgs, ["x"]];
  vstrip: [VStrip, A.VStripArgs, ["x0", "x1"]];
  wedge: [Wedge, A.WedgeArgs, ["x", "y", "radius", "start_angle", "end_angle"]];
}

type Positional<Args, Names extends readonly string[]> = {
  [I in keyof Names]: Names[I] extends keyof Args ? Exclude<Args[Names[I]], undefined> : never;
};

/** A glyph method: `()`, `(args)`, or the positional parameters followed by optional `args`. */
export interface GlyphMethod<Args, Names extends readonly string[]> {
  (args?: Args): GlyphRenderer;
  (...params: [...Positional<Args, Names>, Args?]): GlyphRenderer;
}

export type GlyphMethodName = keyof GlyphTable;

/** The glyph methods a Figure has, typed per glyph. */
export type GlyphMethods = { [M in GlyphMethodName]: GlyphMethod<GlyphTable[M][1], GlyphTable[M][2]> };

type GlyphSpec<M extends GlyphMethodName> = readonly [GlyphClass<GlyphTable[M][0]>, GlyphTable[M][2]];

/** The runtime side of {@link GlyphTable}. */
export const GLYPH_METHODS: { readonly [M in GlyphMethodName]: GlyphSpec<M> } = {
  annular_wedge: [AnnularWedge, ["x", "y", "inner_radius", "outer_radius", "start_angle", "end_angle"]],
  annulus: [Annulus, ["x", "y", "inner_radius", "outer_radius"]],
  arc: [Arc, ["x", "y", "radius", "start_angle", "end_angle"]],
  bezier: [Bezier, ["x0", "y0", "x1", "y1", "cx0", "cy0", "cx1", "cy1"]],
  block: [Block, ["x", "y", "width", "height"]],
  circle: [Circle, ["x", "y", "radius"]],
  ellipse: [Ellipse, ["x", "y", "width", "height"]],
  harea: [HArea, ["x1", "x2", "y"]],
  harea_step: [HAreaStep, ["x1", "x2", "y", "step_mode"]],
  hbar: [HBar, ["y", "height", "right", "left"]],
  hspan: [HSpan, ["y"]],
  hstrip: [HStrip, ["y0", "y1"]],
  hex_tile: [HexTile, ["q", "r"]],
  image: [Image, ["image", "x", "y", "dw", "dh"]],
  image_rgba: [ImageRGBA, ["image", "x", "y", "dw", "dh"]],
  image_stack: [ImageStack, ["image", "x", "y", "dw", "dh"]],
  image_url: [ImageURL, ["url", "x", "y", "w", "h"]],
  line: [Line, ["x", "y"]],
  mathml: [MathMLGlyph, ["x", "y", "text"]],
  multi_line: [MultiLine, ["xs", "ys"]],
  multi_polygons: [MultiPolygons, ["xs", "ys"]],
  ngon: [Ngon, ["x", "y", "radius"]],
  patch: [Patch, ["x", "y"]],
  patches: [Patches, ["xs", "ys"]],
  quad: [Quad, ["left", "right", "bottom", "top"]],
  quadratic: [Quadratic, ["x0", "y0", "x1", "y1", "cx", "cy"]],
  ray: [Ray, ["x", "y", "length"]],
  rect: [Rect, ["x", "y", "width", "height"]],
  scatter: [Scatter, ["x", "y"]],
  segment: [Segment, ["x0", "y0", "x1", "y1"]],
  spline: [Spline, ["x", "y"]],
  step: [Step, ["x", "y", "mode"]],
  tex: [TeXGlyph, ["x", "y", "text"]],
  text: [Text, ["x", "y", "text"]],
  varea: [VArea, ["x", "y1", "y2"]],
  varea_step: [VAreaStep, ["x", "y1", "y2", "step_mode"]],
  vbar: [VBar, ["x", "width", "top", "bottom"]],
  vspan: [VSpan, ["x"]],
  vstrip: [VStrip, ["x0", "x1"]],
  wedge: [Wedge, ["x", "y", "radius", "start_angle", "end_angle"]],
};

/**
 * BokehJS's marker methods (`p.diamond(x, y)` is `p.scatter(x, y, {marker: "diamond"})`). BokehJS keeps them,
 * deprecated; Python Bokeh 3.4 removed them in favour of `scatter(marker=…)`.
 */
export const MARKER_METHODS = [
  "asterisk",
  "circle_cross",
  "circle_dot",
  "circle_x",
  "circle_y",
  "cross",
  "dash",
  "diamond",
  "diamond_cross",
  "diamond_dot",
  "dot",
  "hex",
  "hex_dot",
  "inverted_triangle",
  "plus",
  "square",
  "square_cross",
  "square_dot",
  "square_pin",
  "square_x",
  "star",
  "star_dot",
  "triangle",
  "triangle_dot",
  "triangle_pin",
  "x",
  "y",
] as const satisfies readonly MarkerType[];

export type MarkerMethodName = (typeof MARKER_METHODS)[number];

/** The marker methods, each `(x, y, args?)` or `(args?)` like `scatter`, with `marker` fixed. */
export type MarkerMethods = { [M in MarkerMethodName]: GlyphMethod<Omit<A.ScatterArgs, "marker">, ["x", "y"]> };
