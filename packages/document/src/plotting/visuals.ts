/** The color Bokeh's plotting API gives glyphs that are not told one. */
const DEFAULT_GLYPH_COLOR = "#1f77b4";

const VISUAL_FEATURES = new Set(["line", "fill", "hatch", "text", "global"]);

/** `line_color` → `["line", "color"]`; the trait is empty for names without an underscore. */
const splitFeatureTrait = (name: string): [string, string] => {
  const at = name.indexOf("_");
  return at === -1 ? [name, ""] : [name.slice(0, at), name.slice(at + 1)];
};

/** Whether a glyph property is a visual one (`line_*`, `fill_*`, `hatch_*`, `text_*`, `global_*`). */
const isVisualProperty = (name: string): boolean => {
  const [feature, trait] = splitFeatureTrait(name);
  return VISUAL_FEATURES.has(feature) && trait !== "";
};

export interface PopVisualsOptions {
  /** `selection_`, `nonselection_`, `hover_` or `muted_` for the secondary glyphs. */
  readonly prefix?: string;
  /** Values of the main glyph, used when nothing more specific is given. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Per-trait fallbacks that beat `defaults` (the nonselection glyph's `alpha: 0.1`). */
  readonly overrideDefaults?: Readonly<Record<string, unknown>>;
}

/**
 * The visual property values of one glyph, found the way Bokeh's plotting API cascades them: an explicit
 * `[prefix]line_color`, then a `[prefix]color` shorthand (when the glyph has no `color` property of its own), then
 * the override defaults, the main glyph's values, and finally the plotting defaults (color `#1f77b4`, alpha 1,
 * black text and hatches). Consumed arguments are removed from `args`.
 */
export function popVisuals(
  glyphProperties: readonly string[],
  args: Record<string, unknown>,
  options: PopVisualsOptions = {},
): Record<string, unknown> {
  const { prefix = "", overrideDefaults = {} } = options;
  const defaults: Record<string, unknown> = { text_color: "black", hatch_color: "black", ...options.defaults };
  const traitDefaults: Record<string, unknown> = { color: DEFAULT_GLYPH_COLOR, alpha: 1 };
  const own = new Set(glyphProperties);
  const result: Record<string, unknown> = {};
  const traits = new Set<string>();
  for (const name of glyphProperties) {
    if (!isVisualProperty(name)) continue;
    const trait = splitFeatureTrait(name)[1];
    if (prefix + name in args) {
      result[name] = args[prefix + name];
      delete args[prefix + name];
    } else if (!own.has(trait) && prefix + trait in args) {
      result[name] = args[prefix + trait];
    } else if (trait in overrideDefaults) {
      result[name] = overrideDefaults[trait];
    } else if (name in defaults) {
      result[name] = defaults[name];
    } else if (trait in traitDefaults) {
      result[name] = traitDefaults[trait];
    }
    if (!own.has(trait)) traits.add(trait);
  }
  for (const trait of traits) delete args[prefix + trait];
  return result;
}
