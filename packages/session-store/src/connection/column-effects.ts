import { isMessageOf, type Message } from "@fastify-bokeh/protocol";

/** What a PATCH-DOC does, when all it does is change the `data` of column data sources. */
export interface ColumnEffects {
  /** Ids of the models whose data it changes (streamed, patched or replaced). */
  readonly touches: ReadonlySet<string>;
  /** Ids of the models whose whole data it replaces: earlier column changes to them no longer matter. */
  readonly replaces: ReadonlySet<string>;
}

/**
 * The column effects of a message the server sends, or undefined when it does anything else (a reply, another
 * kind of event, a partial or non-`data` change): only such messages may be dropped in favour of a later one.
 */
export function columnEffects(message: Message): ColumnEffects | undefined {
  if (!isMessageOf(message, "PATCH-DOC") || message.header.reqid !== undefined) return undefined;
  const touches = new Set<string>();
  const replaces = new Set<string>();
  for (const event of message.content.events) {
    if (event.kind !== "ColumnsStreamed" && event.kind !== "ColumnsPatched" && event.kind !== "ColumnDataChanged")
      return undefined;
    if (event.attr !== "data") return undefined;
    touches.add(event.model.id);
    if (event.kind === "ColumnDataChanged" && (event.cols === null || event.cols === undefined))
      replaces.add(event.model.id);
  }
  return touches.size === 0 ? undefined : { touches, replaces };
}

/** Whether a message with effects `later` makes one with effects `earlier` moot (it replaces all it touched). */
export function supersedes(later: ColumnEffects, earlier: ColumnEffects): boolean {
  if (later.replaces.size === 0) return false;
  for (const id of earlier.touches) if (!later.replaces.has(id)) return false;
  return true;
}
