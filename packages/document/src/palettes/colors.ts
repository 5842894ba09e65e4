import { NAMED_COLOR_RGB } from "./generated/palettes.js";
import { roundHalfEven } from "./py-math.js";

/** A color as Python's `bokeh.colors.RGB`: 0–255 channels and an alpha from 0 to 1. */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

const channel = (hex: string): number => Number.parseInt(hex, 16);

/** A hex RGB(A) string (`#rrggbb`, `#rrggbbaa`, `#rgb`, `#rgba`) or a CSS color name, as `NamedColor.from_string`. */
export function parseColor(color: string): Rgba {
  if (/^#([\da-fA-F]{2}){3,4}$/.test(color)) {
    const a = color.length > 7 ? channel(color.slice(7, 9)) / 255 : 1;
    return { r: channel(color.slice(1, 3)), g: channel(color.slice(3, 5)), b: channel(color.slice(5, 7)), a };
  }
  if (/^#[\da-fA-F]{3,4}$/.test(color)) {
    const digit = (i: number): number => channel(color.charAt(i).repeat(2));
    return { r: digit(1), g: digit(2), b: digit(3), a: color.length > 4 ? digit(4) / 255 : 1 };
  }
  const rgb = Object.hasOwn(NAMED_COLOR_RGB, color) ? NAMED_COLOR_RGB[color] : undefined;
  if (rgb === undefined) throw new Error(`Color '${color}' must be either a named color or an RGB(A) hex string`);
  return { r: rgb[0], g: rgb[1], b: rgb[2], a: 1 };
}

const hex2 = (value: number): string => value.toString(16).padStart(2, "0");

/** `#rrggbb`, or `#rrggbbaa` when alpha is below 1, as `RGB.to_hex`. */
export function toHex({ r, g, b, a }: Rgba): string {
  const rgb = `#${hex2(r)}${hex2(g)}${hex2(b)}`;
  return a < 1 ? rgb + hex2(roundHalfEven(a * 255)) : rgb;
}
