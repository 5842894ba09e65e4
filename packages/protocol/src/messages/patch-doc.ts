import type { Message } from "../message.js";
import { build } from "./build.js";

/** `{"id": …}`: a reference to a model; where a full definition may appear it carries more keys. */
export interface ModelRef {
  id: string;
}

// Event shapes (field names as on the wire). Values are wire values, decoded by the document package.

export interface ModelChangedEvent {
  kind: "ModelChanged";
  model: ModelRef;
  attr: string;
  new: unknown;
}

export interface ColumnDataChangedEvent {
  kind: "ColumnDataChanged";
  model: ModelRef;
  attr: string;
  /** A map rep of columns. */
  data: unknown;
  /** Column names replaced; null (or absent) means the whole data. */
  cols?: string[] | null;
}

export interface ColumnsStreamedEvent {
  kind: "ColumnsStreamed";
  model: ModelRef;
  attr: string;
  data: unknown;
  /** BokehJS leaves it out when its stream() got no rollover. */
  rollover?: number | null;
}

export interface ColumnsPatchedEvent {
  kind: "ColumnsPatched";
  model: ModelRef;
  attr: string;
  patches: unknown;
}

export interface RootAddedEvent {
  kind: "RootAdded";
  /** A full model definition, or a reference when the receiver knows the model. */
  model: ModelRef;
}

export interface RootRemovedEvent {
  kind: "RootRemoved";
  model: ModelRef;
}

export interface TitleChangedEvent {
  kind: "TitleChanged";
  title: string;
}

export interface MessageSentEvent {
  kind: "MessageSent";
  msg_type: string;
  msg_data: unknown;
}

export type PatchEvent =
  | ModelChangedEvent
  | ColumnDataChangedEvent
  | ColumnsStreamedEvent
  | ColumnsPatchedEvent
  | RootAddedEvent
  | RootRemovedEvent
  | TitleChangedEvent
  | MessageSentEvent;

export type PatchEventKind = PatchEvent["kind"];

export interface PatchDocContent {
  events: PatchEvent[];
}

/** PATCH-DOC; `buffers` (taken over, not copied) hold the bytes the events' `bytes` reps refer to. */
export function patchDoc(events: PatchEvent[], buffers?: Map<string, ArrayBufferView>): Message<"PATCH-DOC"> {
  return build("PATCH-DOC", { events }, { buffers, alwaysNumBuffers: true });
}
