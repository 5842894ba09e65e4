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

export const DOCUMENT_EVENTS: ReadonlySet<string> = new Set(["document_ready", "client_reconnected", "connection_lost"]);

/** The model events BokehJS 3.9.2 can publish to the server, by their wire names. */
export const MODEL_EVENTS: ReadonlySet<string> = new Set([
  "button_click", "menu_item_click", "value_submit", "legend_item_click", "axis_click",
  "lodstart", "lodend", "reset", "rangesupdate", "selectiongeometry",
  "tap", "doubletap", "press", "pressup", "mouseenter", "mouseleave", "mousemove",
  "pan", "panstart", "panend", "pinch", "pinchstart", "pinchend", "rotate", "rotatestart", "rotateend", "wheel",
]);

/** Readable spellings accepted by `on_event` for the wire names BokehJS uses. */
const ALIASES: Readonly<Record<string, string>> = {
  double_tap: "doubletap", press_up: "pressup", mouse_enter: "mouseenter", mouse_leave: "mouseleave",
  mouse_move: "mousemove", pan_start: "panstart", pan_end: "panend", pinch_start: "pinchstart",
  pinch_end: "pinchend", rotate_start: "rotatestart", rotate_end: "rotateend", lod_start: "lodstart",
  lod_end: "lodend", range_update: "rangesupdate", ranges_update: "rangesupdate", selection_geometry: "selectiongeometry",
};

/** The wire name of an event; throws for names BokehJS never sends. */
export function eventName(name: string): string {
  const wire = ALIASES[name] ?? name;
  if (!MODEL_EVENTS.has(wire) && !DOCUMENT_EVENTS.has(wire)) throw new Error(`unknown Bokeh event '${name}'`);
  return wire;
}
