/** A signed id or token split at its first `.`: the signed text and the signature. Throws when unsigned. */
export function splitSigned(text: string): [string, string] {
  const dot = text.indexOf(".");
  if (dot < 0) throw new Error(`not signed: ${text}`);
  return [text.slice(0, dot), text.slice(dot + 1)];
}

/** `items[index]`, throwing when there is no such item. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index} of ${items.length}`);
  return item;
}
