export { HasProps, modelsIn } from "./core/has-props.js";
export type {
  ChangeCallback, EventCallback, HasPropsClass, ModelOwner, PropertyDef, PropertyDefault, PropertySpec, PropertySpecs, Setter,
} from "./core/has-props.js";
export * as kinds from "./core/kinds.js";
export type { Kind, KindType } from "./core/kinds.js";
export { PropertyValueError, UnknownPropertyError } from "./core/errors.js";
export { DOCUMENT_EVENTS, MODEL_EVENTS, eventName } from "./core/bokeh-events.js";
export type { BokehEvent } from "./core/bokeh-events.js";
export { nextModelId } from "./core/ids.js";
export { isEqual } from "./core/util/eq.js";
export { NDArray, dtypeOf, isTypedArray, typedArrayFrom } from "./core/util/ndarray.js";
export type { DType, TypedArray } from "./core/util/ndarray.js";
export { Serializer } from "./core/serialization/serializer.js";
export type { SerializerOptions } from "./core/serialization/serializer.js";
export { Deserializer } from "./core/serialization/deserializer.js";
export type { ModelResolver } from "./core/serialization/deserializer.js";
export { DeserializationError, SerializationError, UnknownReferenceError } from "./core/serialization/errors.js";
export { Document, BOKEH_VERSION, DEFAULT_TITLE } from "./document/document.js";
export type { CallbackErrorHandler, DocJson, DocumentEventCallback, DocumentListener, MessageHandler } from "./document/document.js";
export { Slice } from "./document/events.js";
export type {
  ColumnData, ColumnDataChangedEvent, ColumnsPatchedEvent, ColumnsStreamedEvent, DocumentChangedEvent, MessageSentEvent,
  ModelChangedEvent, PatchIndex, RootAddedEvent, RootRemovedEvent, TitleChangedEvent,
} from "./document/events.js";
export { patchColumns, streamColumns } from "./document/column-data.js";
export { applyPatch, PatchError } from "./document/apply-patch.js";
export type { PatchOutcome } from "./document/apply-patch.js";
export { encodeEvent } from "./document/patch-encoder.js";
export { SessionCallbacks } from "./document/session-callbacks.js";
export type { SessionCallback, SessionCallbackKind, SessionCallbackScheduler } from "./document/session-callbacks.js";
export type { SessionContext, SessionRequest } from "./document/session-context.js";
export * from "./models/index.js";
export { Figure, figure } from "./plotting/figure.js";
export type { AxisType, DataArg, FigureOptions, GlyphArgs, RangeLike } from "./plotting/figure.js";
export { TOOL_NAMES, toolFromName } from "./plotting/tools.js";
export { column, row } from "./plotting/layouts.js";
