import { ColumnDataSource, type GlyphRenderer } from "../models/generated/index.js";
import type { Palette, PaletteName } from "../palettes/index.js";
import { linear_cmap } from "../transform/color-mappers.js";
import { type HexBins, type HexOrientation, hexbin } from "../util/hex.js";
import type { HexTileArgs } from "./glyph-args.js";

/** Options of `Figure.hexbin`: the tiling, the palette of the counts, and any `hex_tile` argument. */
export interface HexbinOptions
  extends Omit<HexTileArgs, "q" | "r" | "size" | "orientation" | "aspect_scale" | "source"> {
  orientation?: HexOrientation;
  /** Colors for the counts, from 0 to the largest count (Viridis256 by default); ignored with `fill_color`. */
  palette?: Palette | PaletteName;
  aspect_scale?: number;
}

/** The `hex_tile` arguments that draw the bins of `x`, `y`, as Python's `figure.hexbin` passes them. */
export function hexbinTileArgs(
  x: readonly number[],
  y: readonly number[],
  size: number,
  options: HexbinOptions,
): { bins: HexBins; args: HexTileArgs } {
  const { orientation = "pointytop", palette = "Viridis256", aspect_scale = 1, ...rest } = options;
  const bins = hexbin(x, y, size, orientation, aspect_scale);
  const fill_color = rest.fill_color ?? linear_cmap("c", palette, 0, Math.max(...bins.counts));
  const source = new ColumnDataSource({
    data: { q: Int32Array.from(bins.q), r: Int32Array.from(bins.r), c: Int32Array.from(bins.counts) },
  });
  return {
    bins,
    args: {
      ...rest,
      q: "q",
      r: "r",
      size,
      orientation,
      aspect_scale,
      source,
      line_color: rest.line_color ?? null,
      fill_color,
    },
  };
}

/** What `Figure.hexbin` returns: the hex tile renderer and the bins it draws. */
export type HexbinResult = [GlyphRenderer, HexBins];
