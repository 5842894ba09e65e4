/**
 * Which BokehJS bundles a standalone output needs, decided from its models as Python's `bokeh.embed.bundle` does:
 * the core always, widgets, tables, WebGL and MathJax only when some model uses them.
 */
import type { HasProps } from "../core/has-props.js";
import { TextAnnotation } from "../models/generated/annotations.js";
import { Axis } from "../models/generated/axes.js";
import { MathTextGlyph } from "../models/generated/glyphs.js";
import { Plot } from "../models/generated/plots.js";
import { MathText } from "../models/generated/text.js";
import { AbstractSlider, Div, Markup, TableWidget, Widget } from "../models/generated/widgets.js";
import { escapeHtml } from "./escape.js";
import {
  BOKEHJS_COMPONENTS,
  type BokehJsComponent,
  type ResourceScripts,
  type Resources,
  resourceScripts,
} from "./resources.js";

/** Whether a string contains a pair of MathJax's default delimiters: `$$…$$`, `\[…\]` or `\(…\)`. */
function containsTex(text: unknown): boolean {
  return typeof text === "string" && /\$\$.*?\$\$|\\\[.*?\\\]|\\\(.*?\\\)/s.test(text);
}

function needsMathJax(model: HasProps): boolean {
  if (model instanceof MathText || model instanceof MathTextGlyph) return true;
  if (model instanceof TextAnnotation) return containsTex(model.getv("text"));
  if (model instanceof AbstractSlider) return containsTex(model.title);
  if (model instanceof Axis) {
    const overrides = model.major_label_overrides;
    const labels = overrides instanceof Map ? [...overrides.values()] : Object.values(overrides ?? {});
    return containsTex(model.axis_label) || labels.some(containsTex);
  }
  if (model instanceof Div) return !model.disable_math && !model.render_as_text && containsTex(model.text);
  if (model instanceof Markup) return !model.disable_math && containsTex(model.text);
  return false;
}

/** The components the models need; `null` (no models known, as for `components()`) means every component. */
export function componentsFor(models: Iterable<HasProps> | null): BokehJsComponent[] {
  if (models === null) return [...BOKEHJS_COMPONENTS];
  const used = new Set<BokehJsComponent>(["bokeh"]);
  for (const model of models) {
    if (model instanceof Widget) used.add("bokeh-widgets");
    if (model instanceof TableWidget) used.add("bokeh-tables");
    if (model instanceof Plot && model.output_backend === "webgl") used.add("bokeh-gl");
    if (needsMathJax(model)) used.add("bokeh-mathjax");
  }
  return BOKEHJS_COMPONENTS.filter((c) => used.has(c));
}

/** Every model reachable from some roots. */
export function allModels(roots: Iterable<HasProps>): Set<HasProps> {
  const all = new Set<HasProps>();
  for (const root of roots) for (const model of root.references()) all.add(model);
  return all;
}

/** The scripts that load what the models need from `resources`. */
export function bundleFor(models: Iterable<HasProps> | null, resources: Resources): ResourceScripts {
  return resourceScripts(resources, componentsFor(models));
}

/** A `<script>` element around JavaScript code, optionally typed (`application/json`) and with an id. */
export function scriptTag(code: string, attrs: { type?: string; id?: string } = {}): string {
  const type = attrs.type !== undefined ? ` type="${escapeHtml(attrs.type)}"` : "";
  const id = attrs.id !== undefined ? ` id="${escapeHtml(attrs.id)}"` : "";
  return `<script${type}${id}>\n${code}\n</script>`;
}

/** The HTML that loads a bundle: a `<script src>` per file, then a `<script>` per inline piece. */
export function bundleHtml(bundle: ResourceScripts): string {
  const files = bundle.js_files.map((url) => `<script src="${escapeHtml(url)}"></script>`);
  return [...files, ...bundle.js_raw.map((code) => scriptTag(code))].join("\n");
}
