import type { Field } from "../core/kinds.js";
import {
  CategoricalMarkerMapper,
  type CategoricalMarkerMapperProps,
  CategoricalPatternMapper,
  type CategoricalPatternMapperProps,
} from "../models/generated/index.js";
import { create } from "../plotting/assign.js";
import type { Factors } from "./color-mappers.js";

/** Hatches the field's values by their factor: the i-th factor gets the i-th pattern (Python's `factor_hatch`). */
export function factor_hatch(
  field_name: string,
  patterns: CategoricalPatternMapperProps["patterns"],
  factors: Factors,
  start = 0,
  end: number | null = null,
): Field {
  return { field: field_name, transform: create(CategoricalPatternMapper, { patterns, factors, start, end }) };
}

/** Marks the field's values by their factor: the i-th factor gets the i-th marker (Python's `factor_mark`). */
export function factor_mark(
  field_name: string,
  markers: CategoricalMarkerMapperProps["markers"],
  factors: Factors,
  start = 0,
  end: number | null = null,
): Field {
  return { field: field_name, transform: create(CategoricalMarkerMapper, { markers, factors, start, end }) };
}
