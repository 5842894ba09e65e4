export { parseColor, type Rgba, toHex } from "./colors.js";
export * from "./generated/palettes.js";
export {
  cividis,
  diverging_palette,
  gray,
  grey,
  inferno,
  interp_palette,
  linear_palette,
  magma,
  plasma,
  turbo,
  varying_alpha_palette,
  viridis,
} from "./generators.js";
export { isPaletteName, type PaletteName, paletteByName, resolvePalette } from "./names.js";
export type { Palette, PaletteFamily } from "./types.js";
