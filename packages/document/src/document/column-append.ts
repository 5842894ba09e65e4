import { copyWholeFloatKeys, isWholeFloat, markWholeFloat } from "@fastify-bokeh/protocol";
import { listDType, type NumpyDType, promoteDTypes } from "../core/util/dtype-promotion.js";
import {
  type BinaryArray,
  BoolArray,
  dtypeOf,
  Int64Items,
  isTypedArray,
  isWideIntArray,
  newTypedArray,
  ObjectArray,
  StrArray,
  type TypedArray,
  UInt64Items,
} from "../core/util/ndarray.js";
import { float32Repr, pythonFloatRepr } from "../core/util/python-repr.js";
import { markAppended, markShifted } from "./column-floats.js";

/*
 * Streaming rows into a column as bokeh serve's Python document does: lists grow as lists; as soon as either the
 * column or the new rows are an array, the result is NumPy's `np.append` of the two (with NumPy's dtype promotion,
 * so e.g. a list of ints and a float64 array make a float64 array), unless one of them is empty.
 */

export type Column = unknown[] | BinaryArray;

/** Whether a column is a NumPy array to bokeh (typed, 64-bit or object), not a list. */
const isArrayColumn = (column: unknown): column is BinaryArray | ObjectArray =>
  isTypedArray(column) || isWideIntArray(column) || column instanceof ObjectArray;

/** A column's items as the array NumPy would make of it: its dtype, and items that are numbers, strings, …. */
interface Operand {
  readonly dtype: NumpyDType;
  readonly items: ArrayLike<unknown>;
  /** Whether item `i` of an object array or list was written as a float (1.0). */
  readonly float: (i: number) => boolean;
}

function arrayDType(column: BinaryArray | ObjectArray): NumpyDType {
  if (column instanceof StrArray) return "str";
  if (column instanceof Int64Items) return "int64";
  if (column instanceof UInt64Items) return "uint64";
  if (column instanceof ObjectArray) return "object";
  return dtypeOf(column);
}

/** A list item as NumPy writes it into a string array made from the list (`1`, `1.0`, `True`). */
function listItemText(item: unknown, float: boolean): unknown {
  if (typeof item === "boolean") return item ? "True" : "False";
  if (typeof item === "number") return float || !Number.isInteger(item) ? pythonFloatRepr(item) : intText(item);
  return item;
}

const intText = (value: number): string => BigInt(value).toString();

/** A list as the array `np.asarray` makes of it. */
function listOperand(list: readonly unknown[]): Operand {
  const float = (i: number): boolean => isWholeFloat(list, i);
  const dtype = listDType(list, float);
  if (dtype === "str") return { dtype, items: list.map((item, i) => listItemText(item, float(i))), float };
  if (dtype === "object" || dtype === "bool") return { dtype, items: list, float };
  return { dtype, items: list.map((item) => (typeof item === "boolean" ? Number(item) : item)), float };
}

function operandOf(column: unknown): Operand {
  if (Array.isArray(column) && !(column instanceof ObjectArray)) return listOperand(column);
  if (!isArrayColumn(column)) throw new TypeError("a column must be an array or a typed array");
  const float = (i: number): boolean => isWholeFloat(column, i);
  if (column instanceof BoolArray) return { dtype: "bool", items: Array.from(column, (b) => b !== 0), float };
  if (isWideIntArray(column)) return { dtype: dtypeOf(column), items: Array.from(column, Number), float };
  return { dtype: arrayDType(column), items: column, float };
}

/** An item of an array of dtype `from` as a string (NumPy's cast to `<U`). */
function asText(item: unknown, from: NumpyDType): unknown {
  if (from === "bool") return item ? "True" : "False";
  if (from === "float64") return pythonFloatRepr(item as number);
  if (from === "float32") return float32Repr(item as number);
  if (typeof item === "number") return intText(item);
  return item;
}

/** The items of `operands` cast to `dtype` (not a typed-array dtype), with which were floats. */
function castItems(operands: readonly Operand[], dtype: NumpyDType): { items: unknown[]; floats: number[] } {
  const items: unknown[] = [];
  const floats: number[] = [];
  for (const { dtype: from, items: source, float } of operands) {
    for (let i = 0; i < source.length; i++) {
      const item = source[i];
      if (dtype === "str") items.push(asText(item, from));
      else if (from === "bool" && dtype !== "object") items.push(Number(item));
      else {
        const isFloat = from === "float32" || from === "float64" || (from === "object" && float(i));
        if (dtype === "object" && isFloat && Number.isInteger(item)) floats.push(items.length);
        items.push(item);
      }
    }
  }
  return { items, floats };
}

/** An object-like array of `dtype` holding `items` from index `start` on, their float marks moved along. */
function objectColumn(dtype: NumpyDType, operands: readonly Operand[], start: number): ObjectArray {
  const { items, floats } = castItems(operands, dtype);
  const kind =
    dtype === "str" ? StrArray : dtype === "int64" ? Int64Items : dtype === "uint64" ? UInt64Items : ObjectArray;
  const out = kind.fromItems(items.slice(start));
  for (const index of floats) if (index >= start) markWholeFloat(out, index - start, true);
  return out;
}

type TypedDType = Exclude<NumpyDType, "object" | "str" | "int64" | "uint64">;

/** A typed array of `dtype` holding the operands' items from index `start` on. */
function typedColumn(dtype: TypedDType, operands: readonly Operand[], start: number): TypedArray {
  const total = operands.reduce((n, o) => n + o.items.length, 0);
  const out = newTypedArray(dtype, total - start);
  let at = -start;
  for (const { items } of operands) {
    if (isTypedArray(items) && at >= 0) out.set(items, at);
    else for (let i = Math.max(0, -at); i < items.length; i++) out[at + i] = Number(items[i]);
    at += items.length;
  }
  return out;
}

/** `np.append` of the non-empty ones of `parts`, then the last `rollover` items. */
function numpyAppended(parts: readonly Column[], rollover: number | null): Column {
  const operands = parts.map(operandOf);
  const dtype = operands.map((o) => o.dtype).reduce(promoteDTypes);
  const total = operands.reduce((n, o) => n + o.items.length, 0);
  const start = rollover !== null && total > rollover ? total - rollover : 0;
  if (dtype === "object" || dtype === "str" || dtype === "int64" || dtype === "uint64")
    return objectColumn(dtype, operands, start);
  return typedColumn(dtype, operands, start);
}

/** Only the last `rollover` items of a list, kept in place. */
function rolledList(column: unknown[], rollover: number | null): unknown[] {
  if (rollover !== null && column.length > rollover) {
    const dropped = column.length - rollover;
    column.splice(0, dropped);
    markShifted(column, dropped);
  }
  return column;
}

/** A copy of a list, marks included. */
function copiedList(list: readonly unknown[]): unknown[] {
  const out = [...list];
  copyWholeFloatKeys(list, out);
  return out;
}

/**
 * `column` with `items` appended and, with `rollover`, only its last `rollover` items kept. A list column that
 * stays a list grows in place, as Python's list columns do; otherwise the result is a new array.
 */
export function appendedColumn(column: Column, items: unknown, rollover: number | null): Column {
  const extra = items as Column;
  if (!isArrayColumn(column) && !isArrayColumn(extra)) {
    const start = column.length;
    for (const item of Array.from(extra as ArrayLike<unknown>)) column.push(item);
    markAppended(column, start, extra);
    return rolledList(column, rollover);
  }
  if (column.length === 0 && !isArrayColumn(extra)) return rolledList(copiedList(extra), rollover);
  if (extra.length === 0 && !isArrayColumn(column)) return rolledList(column, rollover);
  const parts = column.length === 0 ? [extra] : extra.length === 0 ? [column] : [column, extra];
  return numpyAppended(parts, rollover);
}
