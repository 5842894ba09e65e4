import { type DocumentEventName, eventName, type ModelEventName } from "../core/bokeh-events.js";
import { HasProps } from "../core/has-props.js";
import type { Callback } from "./generated/callbacks.js";
import { Model } from "./generated/model.js";

declare module "./generated/model.js" {
  interface Model {
    /**
     * Runs `CustomJS` (or any Callback model) in the browser on a BokehJS model event: a property name becomes
     * `change:<name>`; other names (`change:data`, `streaming`, `patching`, …) are passed through. Fills
     * `js_property_callbacks`, as Python's `js_on_change` does.
     */
    js_on_change(event: string, ...callbacks: Callback[]): void;
    /** Runs `CustomJS` (or any Callback model) in the browser when BokehJS raises `event` on this model. */
    js_on_event(event: ModelEventName | DocumentEventName, ...callbacks: Callback[]): void;
  }
}

function checkCallbacks(method: string, callbacks: readonly unknown[]): void {
  if (callbacks.length === 0) throw new TypeError(`${method} takes an event name and one or more callbacks`);
  for (const cb of callbacks) {
    if (!(cb instanceof HasProps && cb.isA("Callback")))
      throw new TypeError(`${method} needs Callback models (CustomJS, …), got ${String(cb)}`);
  }
}

/** The dict with `callbacks` appended (once each) under `key`; a new object, so the change is sent. */
function withCallbacks(
  current: Record<string, unknown[]>,
  key: string,
  callbacks: readonly Callback[],
): Record<string, unknown[]> {
  const list = [...(current[key] ?? [])];
  for (const cb of callbacks) if (!list.includes(cb)) list.push(cb);
  return { ...current, [key]: list };
}

Model.prototype.js_on_change = function (this: Model, event: string, ...callbacks: Callback[]): void {
  checkCallbacks("js_on_change", callbacks);
  const key = this.hasProperty(event) ? `change:${event}` : event;
  this.js_property_callbacks = withCallbacks(this.js_property_callbacks, key, callbacks);
};

Model.prototype.js_on_event = function (
  this: Model,
  event: ModelEventName | DocumentEventName,
  ...callbacks: Callback[]
): void {
  checkCallbacks("js_on_event", callbacks);
  this.js_event_callbacks = withCallbacks(this.js_event_callbacks, eventName(event), callbacks);
};
