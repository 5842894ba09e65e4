import type { ColorValue, Field } from "../core/kinds.js";
import {
  CategoricalColorMapper,
  type CategoricalColorMapperProps,
  type ContinuousColorMapper,
  EqHistColorMapper,
  LinearColorMapper,
  LogColorMapper,
} from "../models/generated/index.js";
import { type Palette, type PaletteName, resolvePalette } from "../palettes/index.js";
import { create } from "../plotting/assign.js";

/** Categorical factors: strings, or tuples of two or three strings for nested factors. */
export type Factors = CategoricalColorMapperProps["factors"];

const colors = (palette: Palette | PaletteName): ColorValue[] => [...resolvePalette(palette)];

/**
 * Colors the field's values by their factor: the i-th factor gets the i-th color (Python's `factor_cmap`); `start`
 * and `end` take a slice of each factor for nested ones.
 */
export function factor_cmap(
  field_name: string,
  palette: Palette | PaletteName,
  factors: Factors,
  start = 0,
  end: number | null = null,
  nan_color: ColorValue = "gray",
): Field {
  const mapper = create(CategoricalColorMapper, { palette: colors(palette), factors, start, end, nan_color });
  return { field: field_name, transform: mapper };
}

type ContinuousMapperClass = new (attrs?: object) => ContinuousColorMapper;

/** Python's `linear_cmap`/`log_cmap`/`eqhist_cmap` signature, for the mapper class `cls`. */
const continuousCmap =
  (cls: ContinuousMapperClass) =>
  (
    field_name: string,
    palette: Palette | PaletteName,
    low: number,
    high: number,
    low_color: ColorValue | null = null,
    high_color: ColorValue | null = null,
    nan_color: ColorValue = "gray",
  ): Field => ({
    field: field_name,
    transform: create(cls, { palette: colors(palette), low, high, nan_color, low_color, high_color }),
  });

/** Colors the field's values linearly between `low` and `high` (Python's `linear_cmap`). */
export const linear_cmap = continuousCmap(LinearColorMapper);

/** Colors the field's values on a log scale between `low` and `high` (Python's `log_cmap`). */
export const log_cmap = continuousCmap(LogColorMapper);

/** Colors the field's values by histogram equalization between `low` and `high` (Python's `eqhist_cmap`). */
export const eqhist_cmap = continuousCmap(EqHistColorMapper);
