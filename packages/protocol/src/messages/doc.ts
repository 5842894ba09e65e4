import type { Static } from "typebox";
import type { DocContentSchema, DocJsonSchema } from "../schemas/content.js";

/**
 * A whole document as PULL-DOC-REPLY and PUSH-DOC carry it. Values are wire values (model definitions and
 * reps), decoded by the document package. bokeh.client needs version, title, config and roots; `defs` are
 * model-class definitions (Python DataModel subclasses), `callbacks` the CustomJS definitions per document event.
 */
export type DocJson = Static<typeof DocJsonSchema>;

export type DocContent = Static<typeof DocContentSchema>;
