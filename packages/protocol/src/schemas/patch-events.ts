import Type from "typebox";

/** A model reference `{"id": …}`; a full definition (more keys) also matches. */
export const ModelRefSchema = Type.Object({ id: Type.String() });

export const ModelChangedEventSchema = Type.Object({
  kind: Type.Literal("ModelChanged"),
  model: ModelRefSchema,
  attr: Type.String(),
  new: Type.Unknown(),
});

export const ColumnDataChangedEventSchema = Type.Object({
  kind: Type.Literal("ColumnDataChanged"),
  model: ModelRefSchema,
  attr: Type.String(),
  data: Type.Unknown(),
  cols: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
});

export const ColumnsStreamedEventSchema = Type.Object({
  kind: Type.Literal("ColumnsStreamed"),
  model: ModelRefSchema,
  attr: Type.String(),
  data: Type.Unknown(),
  rollover: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});

export const ColumnsPatchedEventSchema = Type.Object({
  kind: Type.Literal("ColumnsPatched"),
  model: ModelRefSchema,
  attr: Type.String(),
  patches: Type.Unknown(),
});

export const RootAddedEventSchema = Type.Object({
  kind: Type.Literal("RootAdded"),
  model: ModelRefSchema,
});

export const RootRemovedEventSchema = Type.Object({
  kind: Type.Literal("RootRemoved"),
  model: ModelRefSchema,
});

export const TitleChangedEventSchema = Type.Object({
  kind: Type.Literal("TitleChanged"),
  title: Type.String(),
});

export const MessageSentEventSchema = Type.Object({
  kind: Type.Literal("MessageSent"),
  msg_type: Type.String(),
  msg_data: Type.Unknown(),
});

/** Per `kind`, so a failing event can be diagnosed precisely instead of through an 8-way union. */
export const EVENT_SCHEMAS = {
  ModelChanged: ModelChangedEventSchema,
  ColumnDataChanged: ColumnDataChangedEventSchema,
  ColumnsStreamed: ColumnsStreamedEventSchema,
  ColumnsPatched: ColumnsPatchedEventSchema,
  RootAdded: RootAddedEventSchema,
  RootRemoved: RootRemovedEventSchema,
  TitleChanged: TitleChangedEventSchema,
  MessageSent: MessageSentEventSchema,
} as const;

export const PatchEventSchema = Type.Union([
  ModelChangedEventSchema,
  ColumnDataChangedEventSchema,
  ColumnsStreamedEventSchema,
  ColumnsPatchedEventSchema,
  RootAddedEventSchema,
  RootRemovedEventSchema,
  TitleChangedEventSchema,
  MessageSentEventSchema,
]);
