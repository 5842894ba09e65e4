/**
 * Which members of a parsed container (object keys, array indices, Map keys) were written as whole-number floats
 * (`12.0`, `1e3`). A JavaScript number cannot tell 12.0 from 12, but Python can: bokeh serve sends each value back
 * as the client wrote it, so we keep that fact beside the container, and write such members back as floats. Also
 * marked: integer literals beyond 2**53 - 1, which bokeh serve (Python's serializer) writes back as floats.
 */
export type MemberKey = string | number;

const marks = new WeakMap<object, Set<MemberKey>>();
/**
 * Whether anything was ever marked. BokehJS never writes `12.0` (JavaScript writes 12), nor in practice integers
 * beyond 2**53, so a process serving only browsers marks nothing, and then skips every lookup.
 */
let anyMarked = false;

/** The members of `container` that hold whole-number floats, if any. */
export function wholeFloatKeys(container: object): ReadonlySet<MemberKey> | undefined {
  return anyMarked ? marks.get(container) : undefined;
}

/** Whether `container[key]` holds a whole-number float. */
export function isWholeFloat(container: object, key: MemberKey): boolean {
  return anyMarked && marks.get(container)?.has(key) === true;
}

/** Records whether `container[key]` holds a whole-number float (true) or any other value (false). */
export function markWholeFloat(container: object, key: MemberKey, whole: boolean): void {
  if (!whole && !anyMarked) return;
  const keys = marks.get(container);
  if (whole) {
    anyMarked = true;
    if (keys === undefined) marks.set(container, new Set([key]));
    else keys.add(key);
  } else if (keys?.delete(key) === true && keys.size === 0) {
    marks.delete(container);
  }
}

/** Gives `to` the marks of `from`: a container rebuilt member for member (same keys or indices). */
export function copyWholeFloatKeys(from: object, to: object): void {
  if (!anyMarked) return;
  const keys = marks.get(from);
  if (keys !== undefined && from !== to) marks.set(to, new Set(keys));
}
