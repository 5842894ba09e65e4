/**
 * A whole document as PULL-DOC-REPLY and PUSH-DOC carry it. Values are wire values (model definitions and
 * reps), decoded by the document package. bokeh.client needs version, title, config and roots.
 */
export interface DocJson {
  version: string;
  title: string;
  /** A DocumentConfig model definition. */
  config: unknown;
  roots: unknown[];
  /** Model-class definitions (Python DataModel subclasses). */
  defs?: unknown[];
  /** CustomJS definitions per document event name. */
  callbacks?: Record<string, unknown[]>;
}

export interface DocContent {
  doc: DocJson;
}
