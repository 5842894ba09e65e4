import { markWholeFloat, wholeFloatKeys } from "@fastify-bokeh/protocol";

/*
 * Which items of a list column a client wrote as whole-number floats (1.0), kept in step as rows are streamed,
 * rolled over and patched, so they are written back as floats (typed-array columns have their dtype instead).
 * Each function does nothing unless something is marked (see wholeFloatKeys).
 */

/** The marks of `items` (a list, or a typed array without any), if any. */
export const itemMarks = (items: unknown): ReadonlySet<unknown> | undefined =>
  typeof items === "object" && items !== null ? wholeFloatKeys(items) : undefined;

/** `items` were appended to `column` from index `start`: their marks go with them. */
export function markAppended(column: unknown[], start: number, items: unknown): void {
  const marks = itemMarks(items);
  if (marks === undefined) return;
  for (const key of marks) if (typeof key === "number") markWholeFloat(column, start + key, true);
}

/** `count` items were removed from the front of `column` (rollover): the marks of the rest move down with them. */
export function markShifted(column: unknown[], count: number): void {
  const marks = wholeFloatKeys(column);
  if (marks === undefined || count === 0) return;
  const old = [...marks];
  for (const key of old) markWholeFloat(column, key, false);
  for (const key of old) if (typeof key === "number" && key >= count) markWholeFloat(column, key - count, true);
}
