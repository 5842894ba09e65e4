/** `items[index]`, or a RangeError when the index is outside the list (an empty list has no item at all). */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} is outside a list of ${items.length} items`);
  return item;
}
