import { HasProps } from "../core/has-props.js";
import type { ThemeJson } from "./theme-json.js";

/** Python's plotting `figure` class is BokehJS's `Figure` model: theme entries for either apply to figures. */
const ALIASES: Readonly<Record<string, string>> = { Figure: "figure" };

/** A model's registered classes, most general first (`Model`, …, `Plot`, `Figure`). */
function classChain(model: HasProps): (typeof HasProps)[] {
  const chain: (typeof HasProps)[] = [];
  for (
    let cls = model.constructor as typeof HasProps;
    cls !== HasProps;
    cls = Object.getPrototypeOf(cls) as typeof HasProps
  ) {
    if (Object.hasOwn(cls, "__qualified__")) chain.unshift(cls);
  }
  return chain;
}

/**
 * New default values for Bokeh models, as Python's `bokeh.themes.Theme`: for each model, the values of every class
 * it derives from, the most specific class winning, plus the glyph line/fill/text defaults.
 */
export class Theme {
  readonly json: ThemeJson;
  // Keyed by the model's class.
  private readonly cache = new Map<object, ReadonlyMap<string, unknown>>();

  constructor(json: ThemeJson) {
    for (const [name, values] of Object.entries(json.attrs ?? {})) {
      if (typeof values !== "object" || values === null || Array.isArray(values)) {
        throw new Error(`theme problem: attrs.${name} should be an object of property values`);
      }
    }
    this.json = json;
  }

  /** The themed values for a model: property name → value. */
  valuesFor(model: HasProps): ReadonlyMap<string, unknown> {
    let values = this.cache.get(model.constructor);
    if (values === undefined) {
      const combined = new Map<string, unknown>();
      const attrs = this.json.attrs ?? {};
      let glyph = false;
      for (const cls of classChain(model)) {
        const name = cls.__qualified__;
        // As in Python, glyph classes get the line/fill/text defaults before their own entries, at every level.
        glyph ||= name === "Glyph";
        if (glyph) {
          for (const [feature, group] of [
            ["line", this.json.line_defaults],
            ["fill", this.json.fill_defaults],
            ["text", this.json.text_defaults],
          ] as const) {
            if (cls.__props__.has(`${feature}_alpha`))
              for (const [prop, value] of Object.entries(group ?? {})) combined.set(prop, value);
          }
        }
        for (const key of [name, ALIASES[name]]) {
          if (key !== undefined)
            for (const [prop, value] of Object.entries(attrs[key] ?? {})) combined.set(prop, value);
        }
      }
      values = combined;
      this.cache.set(model.constructor, values);
    }
    return values;
  }
}
