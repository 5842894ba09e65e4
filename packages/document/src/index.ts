// Before anything else: a second copy of this package must fail here, not later with unknown models.
import { claimSingleCopy } from "./core/single-copy.js";

claimSingleCopy();

export type {
  AxisClickEvent,
  BokehEvent,
  ButtonClickEvent,
  ClientReconnectedEvent,
  ConnectionLostEvent,
  DocumentEvent,
  DocumentEventMap,
  DocumentEventName,
  DocumentReadyEvent,
  DoubleTapEvent,
  KeyModifiers,
  LegendItemClickEvent,
  LODEndEvent,
  LODStartEvent,
  MenuItemClickEvent,
  ModelEvent,
  ModelEventMap,
  ModelEventName,
  MouseEnterEvent,
  MouseLeaveEvent,
  MouseMoveEvent,
  MouseWheelEvent,
  PanEndEvent,
  PanEvent,
  PanStartEvent,
  PinchEndEvent,
  PinchEvent,
  PinchStartEvent,
  PointEvent,
  PressEvent,
  PressUpEvent,
  RangesUpdateEvent,
  ResetEvent,
  RotateEndEvent,
  RotateEvent,
  RotateStartEvent,
  SelectionGeometryEvent,
  TapEvent,
  ValueSubmitEvent,
} from "./core/bokeh-events.js";
export { DOCUMENT_EVENTS, eventName, MODEL_EVENTS, ServerEvent } from "./core/bokeh-events.js";
export { PropertyValueError, UnknownPropertyError } from "./core/errors.js";
export type { DocumentCopy } from "./core/single-copy.js";
export { DuplicateDocumentError } from "./core/single-copy.js";
export type {
  ChangeCallback,
  EventCallback,
  HasPropsClass,
  ModelOwner,
  PropertyDef,
  PropertyDefault,
  PropertySpec,
  PropertySpecs,
  Setter,
} from "./core/has-props.js";
export { HasProps, modelsIn } from "./core/has-props.js";
export { nextModelId } from "./core/ids.js";
export type { Kind, KindType } from "./core/kinds.js";
export * as kinds from "./core/kinds.js";
export type { ModelResolver } from "./core/serialization/deserializer.js";
export { Deserializer } from "./core/serialization/deserializer.js";
export { DeserializationError, SerializationError, UnknownReferenceError } from "./core/serialization/errors.js";
export { PYTHON_SENT_DEFAULTS } from "./core/serialization/python-sent-defaults.js";
export type { SerializerOptions } from "./core/serialization/serializer.js";
export { Serializer } from "./core/serialization/serializer.js";
export { isEqual } from "./core/util/eq.js";
export type { DType, TypedArray } from "./core/util/ndarray.js";
export { dtypeOf, isTypedArray, NDArray, typedArrayFrom } from "./core/util/ndarray.js";
export type { PatchOutcome } from "./document/apply-patch.js";
export { applyPatch, PatchError } from "./document/apply-patch.js";
export { patchColumns, streamColumns, updateColumns } from "./document/column-data.js";
export type {
  CallbackErrorHandler,
  DetachListener,
  DocJson,
  DocumentEventCallback,
  DocumentListener,
  MessageHandler,
} from "./document/document.js";
export { BOKEH_VERSION, DEFAULT_TITLE, Document } from "./document/document.js";
export type {
  ColumnData,
  ColumnDataChangedEvent,
  ColumnsPatchedEvent,
  ColumnsStreamedEvent,
  DocumentChangedEvent,
  MessageSentEvent,
  ModelChangedEvent,
  PatchIndex,
  RootAddedEvent,
  RootRemovedEvent,
  TitleChangedEvent,
} from "./document/events.js";
export { Slice } from "./document/events.js";
export { encodeEvent, modelsMentioned } from "./document/patch-encoder.js";
export type { SessionCallback, SessionCallbackKind, SessionCallbackScheduler } from "./document/session-callbacks.js";
export { SessionCallbacks } from "./document/session-callbacks.js";
export type { SessionContext, SessionRequest } from "./document/session-context.js";
export * from "./models/index.js";
export type { AxisLocation } from "./plotting/axes.js";
export type { AxisType, DataArg, FigureOptions, GlyphArgs, LayoutPlace, RangeLike } from "./plotting/figure.js";
export { DEFAULT_TOOLS, Figure, figure } from "./plotting/figure.js";
export type {
  AnnularWedgeArgs,
  AnnulusArgs,
  ArcArgs,
  BezierArgs,
  BlockArgs,
  CircleArgs,
  ColorAlphaArgs,
  ColumnArg,
  EllipseArgs,
  GlyphArgsOf,
  HAreaArgs,
  HAreaStepArgs,
  HBarArgs,
  HexTileArgs,
  HSpanArgs,
  HStripArgs,
  ImageArgs,
  ImageRGBAArgs,
  ImageStackArgs,
  ImageURLArgs,
  LineArgs,
  MathMLArgs,
  MultiLineArgs,
  MultiPolygonsArgs,
  NgonArgs,
  PatchArgs,
  PatchesArgs,
  PrefixedVisualArgs,
  PropArg,
  QuadArgs,
  QuadraticArgs,
  RayArgs,
  RectArgs,
  RendererArgs,
  ScatterArgs,
  SegmentArgs,
  SourceData,
  SpecArg,
  SplineArgs,
  StepArgs,
  TeXArgs,
  TextArgs,
  UnitsArgs,
  VAreaArgs,
  VAreaStepArgs,
  VBarArgs,
  VSpanArgs,
  VStripArgs,
  WedgeArgs,
} from "./plotting/glyph-args.js";
export type {
  GlyphClass,
  GlyphMethod,
  GlyphMethodName,
  GlyphMethods,
  MarkerMethodName,
  MarkerMethods,
} from "./plotting/glyph-methods.js";
export { GLYPH_METHODS, MARKER_METHODS } from "./plotting/glyph-methods.js";
export type { GridPlotOptions, LayoutChildren } from "./plotting/layouts.js";
export { column, gridplot, layout, row } from "./plotting/layouts.js";
export type { ModelSplat } from "./plotting/splat.js";
export type { ActiveToolArg, ActiveTools, ToolsArg } from "./plotting/tools.js";
export { hoverTool, resolveTools, TOOL_NAMES, toolFromName } from "./plotting/tools.js";
export type { BuiltInThemeName, ThemeJson, ThemeLike } from "./themes/index.js";
export { built_in_themes, documentTheme, setDocumentTheme, Theme } from "./themes/index.js";
