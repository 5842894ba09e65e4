import * as generated from "./generated/palettes.js";
import type { Palette } from "./types.js";

/** A palette name Python accepts in place of a list of colors (`"Viridis256"`, `"Category10_10"`). */
export type PaletteName = (typeof generated.PALETTE_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(generated.PALETTE_NAMES);

export const isPaletteName = (value: unknown): value is PaletteName => typeof value === "string" && NAMES.has(value);

/**
 * The colors of a named palette. Python looks the name up among the module's palettes; a few names of its list
 * (`Category20b3`, …) have no palette of that exact name there, so the family and size are used for them.
 */
export function paletteByName(name: PaletteName): Palette {
  const direct: unknown = (generated as Record<string, unknown>)[name];
  if (Array.isArray(direct)) return direct as Palette;
  const [, family = "", size = ""] = /^(.*?)_?(\d+)$/.exec(name) ?? [];
  const palette = generated.all_palettes[family]?.[Number(size)];
  if (palette === undefined) throw new Error(`no palette named '${name}'`);
  return palette;
}

/** A palette given as colors or by name, as colors. */
export const resolvePalette = (palette: Palette | PaletteName): Palette =>
  typeof palette === "string" ? paletteByName(palette) : palette;
