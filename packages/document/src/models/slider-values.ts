import * as k from "../core/kinds.js";
import { CategoricalSlider, NumericalRangeSlider, NumericalSlider } from "./generated/widgets.js";

// BokehJS checks every slider's `value` with `Unknown`; its typings and Python Bokeh give each slider family a
// precise kind, so a wrong value fails on the server (as bokeh serve refuses "abc" for Slider.value), not in a browser.

declare module "./generated/widgets.js" {
  interface Slider {
    value: number;
    readonly value_throttled: number;
  }
  interface DateSlider {
    /** Milliseconds since the epoch (a Date is converted). */
    value: number;
    readonly value_throttled: number;
  }
  interface RangeSlider {
    value: [number, number];
    readonly value_throttled: [number, number];
  }
  interface DateRangeSlider {
    /** Milliseconds since the epoch (Dates are converted). */
    value: [number, number];
    readonly value_throttled: [number, number];
  }
  interface DatetimeRangeSlider {
    /** Milliseconds since the epoch (Dates are converted). */
    value: [number, number];
    readonly value_throttled: [number, number];
  }
  interface CategoricalSlider {
    value: string;
    readonly value_throttled: string;
  }
}

const toNumber = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v);

/** A finite or infinite number; a Date becomes its milliseconds since the epoch (what date sliders hold). */
const SliderNumber: k.Kind<number> = {
  valid: (v) => typeof v === "number",
  coerce: toNumber,
  toString: () => "Float",
};

const SliderRange: k.Kind<[number, number]> = {
  valid: (v) => Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "number",
  coerce: (v) => (Array.isArray(v) ? v.map(toNumber) : v),
  toString: () => "Tuple(Float, Float)",
};

for (const name of ["value", "value_throttled"]) {
  NumericalSlider.refineKind(name, SliderNumber);
  NumericalRangeSlider.refineKind(name, SliderRange);
  CategoricalSlider.refineKind(name, k.Str);
}
