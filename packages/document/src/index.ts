// Before anything else: a second copy of this package must fail here, not later with unknown models.
import { claimSingleCopy } from "./core/single-copy.js";

claimSingleCopy();

// The public API of @fastify-bokeh/document, by folder.

// core/: properties and kinds, models' base class, UI events, errors
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
  PropertyOptions,
  PropertySpec,
  PropertySpecs,
  Setter,
} from "./core/has-props.js";
export { HasProps, modelsIn } from "./core/has-props.js";
export { ModelIdSequence, nextModelId, withModelIds } from "./core/ids.js";
export type { Kind, KindType } from "./core/kinds.js";
export * as kinds from "./core/kinds.js";

// core/serialization/: the Bokeh 3 wire format
export type { ModelResolver } from "./core/serialization/deserializer.js";
export { Deserializer } from "./core/serialization/deserializer.js";
export { DeserializationError, SerializationError, UnknownReferenceError } from "./core/serialization/errors.js";
export { PYTHON_SENT_DEFAULTS } from "./core/serialization/python-sent-defaults.js";
export type { SerializerOptions } from "./core/serialization/serializer.js";
export { Serializer } from "./core/serialization/serializer.js";

// core/util/: value equality and typed arrays
export { isEqual } from "./core/util/eq.js";
export type { DType, TypedArray } from "./core/util/ndarray.js";
export { dtypeOf, isTypedArray, NDArray, typedArrayFrom } from "./core/util/ndarray.js";

// document/: the Document, its change events, patches and session callbacks
export type { PatchOutcome } from "./document/apply-patch.js";
export { applyPatch, applyPatchInSlices, PatchError } from "./document/apply-patch.js";
export { patchColumns, streamColumns, updateColumns } from "./document/column-data.js";
export type {
  CallbackErrorHandler,
  DetachListener,
  DocumentEventCallback,
  DocumentListener,
  MessageHandler,
} from "./document/document.js";
export { BOKEH_VERSION, DEFAULT_TITLE, Document } from "./document/document.js";
export type {
  ColumnData,
  DocumentChangedEvent,
  PatchIndex,
} from "./document/events.js";
export { Slice } from "./document/events.js";
export { countMentioned, encodeEvent, encodeEventInSlices, modelsMentioned } from "./document/patch-encoder.js";
export type { SessionCallback, SessionCallbackKind, SessionCallbackScheduler } from "./document/session-callbacks.js";
export { SessionCallbacks } from "./document/session-callbacks.js";
export type { SessionContext, SessionRequest } from "./document/session-context.js";
export { SessionState, type SessionStateListener } from "./document/session-state.js";

// embed/ and io/: standalone output (bokeh.embed, bokeh.io.save)
export type {
  BokehJsComponent,
  CdnResources,
  InlineResources,
  LogLevel,
  Resources,
  ResourcesLike,
  ResourceScripts,
  ServerResources,
  UrlResources,
} from "./embed/resources.js";
export { BOKEHJS_COMPONENTS, CDN, INLINE } from "./embed/resources.js";
export type { RenderItem, RenderRoot } from "./embed/standalone-docs.js";
export type { ComponentsOptions, ModelsOrDocument, StandaloneEmbedJson } from "./embed/standalone.js";
export { autoload_static, components, file_html, json_item } from "./embed/standalone.js";
export type { SaveOptions } from "./io/save.js";
export { save } from "./io/save.js";

// models/: the model catalogue (generated) and its hand-written helpers
export * from "./models/index.js";

// palettes/: bokeh.palettes (the data is generated)
export type { Palette, PaletteFamily, PaletteName } from "./palettes/index.js";
export * as palettes from "./palettes/index.js";
export {
  all_palettes,
  cividis,
  diverging_palette,
  gray,
  grey,
  inferno,
  interp_palette,
  linear_palette,
  magma,
  plasma,
  turbo,
  varying_alpha_palette,
  viridis,
} from "./palettes/index.js";

// plotting/: the authoring API (figure, glyph methods, layouts, tools)
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
export type {
  ContourData,
  ContourDataOptions,
  FillData,
  GridCoordinates,
  GridValues,
  LineData,
} from "./plotting/contour/contour-data.js";
export { contour_data } from "./plotting/contour/contour-data.js";
export type { ContourColor, ContourVisuals } from "./plotting/contour/renderer.js";
export { from_contour, setContourData } from "./plotting/contour/renderer.js";
export type { GraphArgs, GraphData, NodeId, NodesAndEdges } from "./plotting/graph.js";
export { from_nodes_and_edges } from "./plotting/graph.js";
export type { HexbinOptions, HexbinResult } from "./plotting/hexbin.js";
export type { GridPlotOptions, LayoutChildren } from "./plotting/layouts.js";
export { column, gridplot, layout, row } from "./plotting/layouts.js";
export type { ModelSplat } from "./plotting/splat.js";
export type { StackArgs } from "./plotting/stacks.js";
export type { ActiveToolArg, ActiveTools, ToolsArg } from "./plotting/tools.js";
export { hoverTool, resolveTools, TOOL_NAMES, toolFromName } from "./plotting/tools.js";

// themes/: Bokeh themes and the document's theme
export type { BuiltInThemeName, ThemeJson, ThemeLike } from "./themes/index.js";
export { built_in_themes, documentTheme, setDocumentTheme, Theme } from "./themes/index.js";

// transform/: bokeh.transform
export type { Factors } from "./transform/index.js";
export {
  cumsum,
  dodge,
  eqhist_cmap,
  factor_cmap,
  factor_hatch,
  factor_mark,
  jitter,
  linear_cmap,
  log_cmap,
  stack,
  transform,
} from "./transform/index.js";

// util/: bokeh.util.hex
export type { HexBins, HexOrientation } from "./util/hex.js";
export { axial_to_cartesian, cartesian_to_axial, hexbin } from "./util/hex.js";
