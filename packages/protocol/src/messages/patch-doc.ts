import type { Static } from "typebox";
import type { Message } from "../message.js";
import type { PatchDocContentSchema } from "../schemas/content.js";
import type {
  ColumnDataChangedEventSchema,
  ColumnsPatchedEventSchema,
  ColumnsStreamedEventSchema,
  MessageSentEventSchema,
  ModelChangedEventSchema,
  ModelRefSchema,
  PatchEventSchema,
  RootAddedEventSchema,
  RootRemovedEventSchema,
  TitleChangedEventSchema,
} from "../schemas/patch-events.js";
import { build } from "./build.js";

// The wire shapes are the TypeBox schemas' static types: one declaration for validation and for the code.

/** `{"id": …}`: a reference to a model; where a full definition may appear it carries more keys. */
export type ModelRef = Static<typeof ModelRefSchema>;
export type ModelChangedEvent = Static<typeof ModelChangedEventSchema>;
/** `cols`: the column names replaced; null (or absent) means the whole data. */
export type ColumnDataChangedEvent = Static<typeof ColumnDataChangedEventSchema>;
/** `rollover`: BokehJS leaves it out when its stream() got no rollover. */
export type ColumnsStreamedEvent = Static<typeof ColumnsStreamedEventSchema>;
export type ColumnsPatchedEvent = Static<typeof ColumnsPatchedEventSchema>;
/** `model`: a full model definition, or a reference when the receiver knows the model. */
export type RootAddedEvent = Static<typeof RootAddedEventSchema>;
export type RootRemovedEvent = Static<typeof RootRemovedEventSchema>;
export type TitleChangedEvent = Static<typeof TitleChangedEventSchema>;
export type MessageSentEvent = Static<typeof MessageSentEventSchema>;
export type PatchEvent = Static<typeof PatchEventSchema>;

export type PatchEventKind = PatchEvent["kind"];

export type PatchDocContent = Static<typeof PatchDocContentSchema>;

/** PATCH-DOC; `buffers` (taken over, not copied) hold the bytes the events' `bytes` reps refer to. */
export function patchDoc(events: PatchEvent[], buffers?: Map<string, ArrayBufferView>): Message<"PATCH-DOC"> {
  return build("PATCH-DOC", { events }, { buffers, alwaysNumBuffers: true });
}
