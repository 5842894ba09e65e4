import { isWholeFloat, markWholeFloat, wholeFloatKeys } from "@fastify-bokeh/protocol";
import type { HasProps, Setter } from "../core/has-props.js";
import { isPlainRecord } from "../core/serialization/reps.js";
import { isTypedArray, isWideIntArray, NDArray } from "../core/util/ndarray.js";
import { appendedColumn, type Column } from "./column-append.js";
import { itemMarks } from "./column-floats.js";
import { type ColumnData, type PatchIndex, Slice } from "./events.js";

const columnsOf = (source: HasProps): Record<string, unknown> => {
  const data = source.getv("data");
  if (!isPlainRecord(data)) throw new TypeError(`${source}.data is not a column mapping`);
  return data;
};

const lengthOf = (column: unknown): number => {
  if (Array.isArray(column) || isTypedArray(column) || isWideIntArray(column)) return column.length;
  throw new TypeError("a column must be an array or a typed array");
};

/**
 * Appends rows to a ColumnDataSource (`source.stream` in Bokeh): every column must be given, with the same number
 * of new items; with `rollover`, only the last `rollover` rows are kept. Sends a ColumnsStreamed event.
 */
export function streamColumns(
  source: HasProps,
  data: ColumnData,
  rollover: number | null = null,
  setter: Setter = null,
): void {
  if (rollover !== null && !(Number.isInteger(rollover) && rollover > 0))
    throw new RangeError(`rollover must be a positive integer, got ${rollover}`);
  const current = columnsOf(source);
  const names = Object.keys(data);
  const existing = Object.keys(current);
  if (existing.length > 0 && (names.length !== existing.length || !names.every((n) => n in current))) {
    throw new Error(`stream must provide exactly the columns [${existing.join(", ")}], got [${names.join(", ")}]`);
  }
  const lengths = new Set(names.map((n) => lengthOf(data[n])));
  if (lengths.size > 1) throw new Error("all streamed columns must have the same length");
  const next: Record<string, unknown> = { ...current };
  for (const name of names) {
    const column = (current[name] ?? []) as Column;
    next[name] = appendedColumn(column, data[name], rollover);
  }
  source.setRaw("data", next);
  source.document?.emit({ kind: "ColumnsStreamed", model: source, attr: "data", data, rollover, setter });
  source.triggerChange("data", current, next);
}

/**
 * Replaces or adds some columns (Python's `source.data.update(...)` / `source.data[name] = values`): only they
 * travel, as a ColumnDataChanged event naming them in `cols`.
 */
export function updateColumns(source: HasProps, columns: ColumnData, setter: Setter = null): void {
  const current = columnsOf(source);
  const next = { ...current, ...columns };
  const kind = source.propertyDef("data")?.kind;
  if (kind === undefined || !kind.valid(next))
    throw new TypeError(`${source}.data: columns must be arrays or typed arrays`);
  source.setRaw("data", next);
  source.document?.emit({
    kind: "ColumnDataChanged",
    model: source,
    attr: "data",
    data: columns,
    cols: Object.keys(columns),
    setter,
  });
  source.triggerChange("data", current, next);
}

const sliceRange = (slice: Slice, length: number): number[] => {
  const step = slice.step ?? 1;
  if (step <= 0) throw new RangeError("slice step must be positive");
  const clamp = (v: number): number => Math.max(0, Math.min(length, v < 0 ? length + v : v));
  const start = slice.start === null ? 0 : clamp(slice.start);
  const stop = slice.stop === null ? length : clamp(slice.stop);
  const out: number[] = [];
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
};

function checkIndex(index: number, length: number, column: string): number {
  if (!Number.isInteger(index) || index < 0 || index >= length)
    throw new RangeError(`patch index ${index} out of range for column '${column}' of length ${length}`);
  return index;
}

/** `column[index] = value`; the item takes the mark of the value the client wrote (`[index, value]` in `pair`). */
function patchItem(name: string, column: Column, index: number, pair: readonly unknown[]): void {
  const at = checkIndex(index, column.length, name);
  (column as unknown[])[at] = pair[1];
  if (Array.isArray(column)) markWholeFloat(column, at, isWholeFloat(pair, 1));
}

/** The items of `slice` replaced by `value` (a list or typed array of as many items), marks included. */
function patchSlice(name: string, column: Column, slice: Slice, value: unknown): void {
  const targets = sliceRange(slice, column.length);
  const values = Array.from(value as ArrayLike<unknown>);
  if (values.length !== targets.length)
    throw new RangeError(`slice patch of column '${name}' needs ${targets.length} values, got ${values.length}`);
  for (const [i, t] of targets.entries()) (column as unknown[])[t] = values[i];
  const marks = itemMarks(value);
  if (Array.isArray(column) && (marks !== undefined || wholeFloatKeys(column) !== undefined))
    for (const [i, t] of targets.entries()) markWholeFloat(column, t, marks?.has(i) === true);
}

/** `[row, i, j]`: items of the 2-D array in row `row` of an image column. */
function patchImage(
  name: string,
  column: Column,
  index: readonly [number, number | Slice, number | Slice],
  value: unknown,
): void {
  const [row, i, j] = index;
  const image = (column as unknown[])[checkIndex(row, column.length, name)];
  if (!(image instanceof NDArray) || image.shape.length !== 2)
    throw new TypeError(`column '${name}' row ${row} is not a 2-D array`);
  const [rows, cols] = image.shape as [number, number];
  const is = typeof i === "number" ? [checkIndex(i, rows, name)] : sliceRange(i, rows);
  const js = typeof j === "number" ? [checkIndex(j, cols, name)] : sliceRange(j, cols);
  const values = Array.from(
    (typeof value === "number" ? [value] : (value as ArrayLike<unknown>)) as ArrayLike<number>,
  ).flat() as number[];
  if (values.length !== is.length * js.length)
    throw new RangeError(`2-D patch of column '${name}' needs ${is.length * js.length} values`);
  const queue = values.values();
  for (const r of is) {
    for (const c of js) {
      const next = queue.next();
      if (next.done === true) break; // not reached: the lengths match (checked above)
      image.array[r * cols + c] = next.value;
    }
  }
}

function patchColumn(name: string, column: Column, patches: ReadonlyArray<readonly [PatchIndex, unknown]>): void {
  for (const pair of patches) {
    const [index, value] = pair;
    if (typeof index === "number") patchItem(name, column, index, pair);
    else if (index instanceof Slice) patchSlice(name, column, index, value);
    else if (Array.isArray(index) && index.length === 3) patchImage(name, column, index, value);
    else throw new TypeError(`invalid patch index for column '${name}'`);
  }
}

/**
 * Replaces values at given positions (`source.patch` in Bokeh): per column a list of `[index, value]`, where index
 * is an integer, a Slice, or `[row, i, j]` for 2-D image columns. Sends a ColumnsPatched event.
 */
export function patchColumns(
  source: HasProps,
  patches: Record<string, Array<[PatchIndex, unknown]>>,
  setter: Setter = null,
): void {
  const current = columnsOf(source);
  for (const name of Object.keys(patches)) {
    if (!(name in current)) throw new Error(`cannot patch unknown column '${name}'`);
  }
  for (const [name, list] of Object.entries(patches)) patchColumn(name, current[name] as Column, list);
  source.document?.emit({ kind: "ColumnsPatched", model: source, attr: "data", patches, setter });
  source.triggerChange("data", current, current);
}
