import type { Expr, Field } from "../core/kinds.js";
import { CumSum, Stack, type Transform } from "../models/generated/index.js";
import { create } from "../plotting/assign.js";

/** The running sum of a column (starting at zero when `include_zero`), as Python's `cumsum`. */
export function cumsum(field_name: string, include_zero = false): Expr {
  return { expr: create(CumSum, { field: field_name, include_zero }) };
}

/** The row-wise sum of the given columns, as Python's `stack` (the stacking helpers use it). */
export function stack(...fields: string[]): Expr {
  return { expr: create(Stack, { fields }) };
}

/** The field with any transform model applied, as Python's `transform`. */
export function transform(field_name: string, transform: Transform): Field {
  return { field: field_name, transform };
}
