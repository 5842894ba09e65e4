import { patchColumns, streamColumns, updateColumns } from "../document/column-data.js";
import type { ColumnData, PatchIndex } from "../document/events.js";
import { ColumnDataSource } from "./generated/sources.js";

declare module "./generated/sources.js" {
  interface ColumnDataSource {
    /** Appends rows (every column, same length); keeps only the last `rollover` rows when given. */
    stream(data: ColumnData, rollover?: number | null): void;
    /** Replaces values: per column, `[index, value]` pairs (index: integer, Slice, or `[row, i, j]` for images). */
    patch(patches: Record<string, Array<[PatchIndex, unknown]>>): void;
    /** Replaces or adds the given columns, sending only them (Python's `source.data.update(...)`). */
    update_columns(columns: ColumnData): void;
  }
}

// Behaviour on top of the generated class, so every subclass (and client-created instance) has it too.
ColumnDataSource.prototype.stream = function (
  this: ColumnDataSource,
  data: ColumnData,
  rollover: number | null = null,
): void {
  streamColumns(this, data, rollover);
};
ColumnDataSource.prototype.patch = function (
  this: ColumnDataSource,
  patches: Record<string, Array<[PatchIndex, unknown]>>,
): void {
  patchColumns(this, patches);
};
ColumnDataSource.prototype.update_columns = function (this: ColumnDataSource, columns: ColumnData): void {
  updateColumns(this, columns);
};
