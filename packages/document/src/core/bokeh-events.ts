import type { HasProps } from "./has-props.js";

/**
 * A UI or document event sent by BokehJS (`button_click`, `tap`, `document_ready`, …). Its wire `values` become
 * fields of the event, as in Python (`event.x`, `event.modifiers`); `model` is the model it concerns, if any.
 */
export interface BokehEvent {
  readonly event_name: string;
  readonly model: HasProps | null;
  readonly [field: string]: unknown;
}

/** An event BokehJS sends for one model (the model subscribed to it). */
export interface ModelEvent<N extends string = string> extends BokehEvent {
  readonly event_name: N;
  readonly model: HasProps;
}

/** An event of the whole document (no model). */
export interface DocumentEvent<N extends string = string> extends BokehEvent {
  readonly event_name: N;
  readonly model: null;
}

/** Keys held while a pointer event happened. */
export interface KeyModifiers {
  readonly shift: boolean;
  readonly ctrl: boolean;
  readonly alt: boolean;
}

/** A pointer event on a plot: screen position (`sx`, `sy`, pixels from the canvas' top left) and data position. */
export interface PointEvent<N extends string = string> extends ModelEvent<N> {
  readonly sx: number;
  readonly sy: number;
  readonly x: number;
  readonly y: number;
  readonly modifiers: KeyModifiers;
}

export type DocumentReadyEvent = DocumentEvent<"document_ready">;
export type ClientReconnectedEvent = DocumentEvent<"client_reconnected">;
/** Raised on the server when a connection of the session closes (BokehJS never sends it). */
export type ConnectionLostEvent = DocumentEvent<"connection_lost">;

export type ButtonClickEvent = ModelEvent<"button_click">;
export interface MenuItemClickEvent extends ModelEvent<"menu_item_click"> {
  readonly item: string | null;
}
export interface ValueSubmitEvent extends ModelEvent<"value_submit"> {
  readonly value: string;
}
export interface LegendItemClickEvent extends ModelEvent<"legend_item_click"> {
  readonly item: HasProps;
}
export interface AxisClickEvent extends ModelEvent<"axis_click"> {
  readonly value: number | string | string[] | null;
}
export type LODStartEvent = ModelEvent<"lodstart">;
export type LODEndEvent = ModelEvent<"lodend">;
export type ResetEvent = ModelEvent<"reset">;
export interface RangesUpdateEvent extends ModelEvent<"rangesupdate"> {
  readonly x0: number | null;
  readonly x1: number | null;
  readonly y0: number | null;
  readonly y1: number | null;
}
export interface SelectionGeometryEvent extends ModelEvent<"selectiongeometry"> {
  /** The selection's shape in screen and data coordinates (`type`, `sx`, `sy`, `x0`, …), as BokehJS describes it. */
  readonly geometry: Readonly<Record<string, unknown>>;
  readonly final: boolean;
}
export type TapEvent = PointEvent<"tap">;
export type DoubleTapEvent = PointEvent<"doubletap">;
export type PressEvent = PointEvent<"press">;
export type PressUpEvent = PointEvent<"pressup">;
export type MouseEnterEvent = PointEvent<"mouseenter">;
export type MouseLeaveEvent = PointEvent<"mouseleave">;
export type MouseMoveEvent = PointEvent<"mousemove">;
export interface MouseWheelEvent extends PointEvent<"wheel"> {
  readonly delta: number;
}
export interface PanEvent extends PointEvent<"pan"> {
  readonly delta_x: number;
  readonly delta_y: number;
}
export type PanStartEvent = PointEvent<"panstart">;
export type PanEndEvent = PointEvent<"panend">;
export interface PinchEvent extends PointEvent<"pinch"> {
  readonly scale: number;
}
export type PinchStartEvent = PointEvent<"pinchstart">;
export type PinchEndEvent = PointEvent<"pinchend">;
export interface RotateEvent extends PointEvent<"rotate"> {
  readonly rotation: number;
}
export type RotateStartEvent = PointEvent<"rotatestart">;
export type RotateEndEvent = PointEvent<"rotateend">;

/** The event each model event name (wire name or readable alias) delivers. */
export interface ModelEventMap {
  button_click: ButtonClickEvent;
  menu_item_click: MenuItemClickEvent;
  value_submit: ValueSubmitEvent;
  legend_item_click: LegendItemClickEvent;
  axis_click: AxisClickEvent;
  lodstart: LODStartEvent;
  lod_start: LODStartEvent;
  lodend: LODEndEvent;
  lod_end: LODEndEvent;
  reset: ResetEvent;
  rangesupdate: RangesUpdateEvent;
  ranges_update: RangesUpdateEvent;
  range_update: RangesUpdateEvent;
  selectiongeometry: SelectionGeometryEvent;
  selection_geometry: SelectionGeometryEvent;
  tap: TapEvent;
  doubletap: DoubleTapEvent;
  double_tap: DoubleTapEvent;
  press: PressEvent;
  pressup: PressUpEvent;
  press_up: PressUpEvent;
  mouseenter: MouseEnterEvent;
  mouse_enter: MouseEnterEvent;
  mouseleave: MouseLeaveEvent;
  mouse_leave: MouseLeaveEvent;
  mousemove: MouseMoveEvent;
  mouse_move: MouseMoveEvent;
  wheel: MouseWheelEvent;
  pan: PanEvent;
  panstart: PanStartEvent;
  pan_start: PanStartEvent;
  panend: PanEndEvent;
  pan_end: PanEndEvent;
  pinch: PinchEvent;
  pinchstart: PinchStartEvent;
  pinch_start: PinchStartEvent;
  pinchend: PinchEndEvent;
  pinch_end: PinchEndEvent;
  rotate: RotateEvent;
  rotatestart: RotateStartEvent;
  rotate_start: RotateStartEvent;
  rotateend: RotateEndEvent;
  rotate_end: RotateEndEvent;
}

/** The event each document event name delivers. */
export interface DocumentEventMap {
  document_ready: DocumentReadyEvent;
  client_reconnected: ClientReconnectedEvent;
  connection_lost: ConnectionLostEvent;
}

export type ModelEventName = keyof ModelEventMap;
export type DocumentEventName = keyof DocumentEventMap;

export const DOCUMENT_EVENTS: ReadonlySet<string> = new Set([
  "document_ready",
  "client_reconnected",
  "connection_lost",
]);

/** The model events BokehJS 3.9.2 can publish to the server, by their wire names. */
export const MODEL_EVENTS: ReadonlySet<string> = new Set([
  "button_click",
  "menu_item_click",
  "value_submit",
  "legend_item_click",
  "axis_click",
  "lodstart",
  "lodend",
  "reset",
  "rangesupdate",
  "selectiongeometry",
  "tap",
  "doubletap",
  "press",
  "pressup",
  "mouseenter",
  "mouseleave",
  "mousemove",
  "pan",
  "panstart",
  "panend",
  "pinch",
  "pinchstart",
  "pinchend",
  "rotate",
  "rotatestart",
  "rotateend",
  "wheel",
]);

/** Readable spellings accepted by `on_event` for the wire names BokehJS uses. */
const ALIASES: Readonly<Record<string, string>> = {
  double_tap: "doubletap",
  press_up: "pressup",
  mouse_enter: "mouseenter",
  mouse_leave: "mouseleave",
  mouse_move: "mousemove",
  pan_start: "panstart",
  pan_end: "panend",
  pinch_start: "pinchstart",
  pinch_end: "pinchend",
  rotate_start: "rotatestart",
  rotate_end: "rotateend",
  lod_start: "lodstart",
  lod_end: "lodend",
  range_update: "rangesupdate",
  ranges_update: "rangesupdate",
  selection_geometry: "selectiongeometry",
};

/** The wire name of an event; throws for names BokehJS never sends. */
export function eventName(name: string): string {
  const wire = ALIASES[name] ?? name;
  if (!MODEL_EVENTS.has(wire) && !DOCUMENT_EVENTS.has(wire)) throw new Error(`unknown Bokeh event '${name}'`);
  return wire;
}

/**
 * An event the server sends to BokehJS (a `bokeh_event` message): in BokehJS 3.9.2 only `clear_input`, which
 * `FileInput.clear()` sends. `values` travel as the event's `values` map (models inside follow the usual rules).
 */
export class ServerEvent {
  constructor(
    readonly event_name: string,
    readonly values: Readonly<Record<string, unknown>>,
  ) {}
}
