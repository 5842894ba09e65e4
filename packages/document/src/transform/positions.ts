import type { Field } from "../core/kinds.js";
import { Dodge, Jitter, type JitterProps, type Range } from "../models/generated/index.js";
import { create } from "../plotting/assign.js";

/** Shifts the field's values by `value` (in the units of `range`, for categorical ones), as Python's `dodge`. */
export function dodge(field_name: string, value: number, range: Range | null = null): Field {
  return { field: field_name, transform: create(Dodge, { value, range }) };
}

/** Adds random noise of `width` around `mean` to the field's values, as Python's `jitter`. */
export function jitter(
  field_name: string,
  width: number,
  mean = 0,
  distribution: JitterProps["distribution"] = "uniform",
  range: Range | null = null,
): Field {
  return { field: field_name, transform: create(Jitter, { mean, width, distribution, range }) };
}
