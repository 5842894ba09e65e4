/**
 * Standalone output, as Python's `bokeh.embed`: HTML pages, page components, JSON items and autoload scripts that
 * carry whole documents and need BokehJS but no Bokeh server.
 */

import type { DocJson } from "@fastify-bokeh/protocol";
import { HasProps } from "../core/has-props.js";
import { BOKEH_VERSION, Document } from "../document/document.js";
import { autoloadScript } from "./autoload-script.js";
import { allModels, bundleFor, bundleHtml, scriptTag } from "./bundle.js";
import { scriptForRenderItems } from "./embed-script.js";
import { escapeHtml, escapeHtmlText, indent } from "./escape.js";
import { filePage, rootDiv } from "./file-page.js";
import { newElementId } from "./ids.js";
import { type ResourcesLike, toResources } from "./resources.js";
import {
  outputDocJson,
  outputDocumentFor,
  outputRoots,
  outputTitle,
  standaloneDocsJsonAndRenderItems,
} from "./standalone-docs.js";

/** Models to output: one model, a document (all of its roots), or several models. */
export type ModelsOrDocument = HasProps | Document | readonly HasProps[];

function modelsOf(models: ModelsOrDocument): readonly HasProps[] {
  if (models instanceof HasProps) return [models];
  if (models instanceof Document) {
    if (models.roots.length === 0) throw new Error("the document has no roots");
    return models.roots;
  }
  return models;
}

/**
 * A complete HTML page showing the models (Python's `file_html`): it loads BokehJS from `resources` (the CDN by
 * default) and carries the document JSON, so it works opened from a file. The title defaults to the document's.
 * Only JavaScript callbacks work there: server-side callbacks (`on_change`, `on_event`) have no server to run on.
 */
export function file_html(models: ModelsOrDocument, resources: ResourcesLike = "cdn", title?: string): string {
  const output = outputDocumentFor(modelsOf(models));
  const { docs_json, render_items } = standaloneDocsJsonAndRenderItems(output);
  const bundle = bundleFor(allModels(outputRoots(output)), toResources(resources));
  const jsonId = newElementId();
  const plotScript = [
    scriptTag(escapeHtmlText(JSON.stringify(docs_json)), { type: "application/json", id: jsonId }),
    scriptTag(scriptForRenderItems({ scriptId: jsonId }, render_items)),
  ].join("\n");
  const roots = render_items.flatMap((item) => item.roots);
  return filePage({ title: title ?? outputTitle(output), bokehJs: bundleHtml(bundle), roots, plotScript });
}

/** What `json_item` returns: the argument of BokehJS's `Bokeh.embed.embed_item`. */
export interface StandaloneEmbedJson {
  /** Id of the element to render into; when null, pass it to `embed_item` instead. */
  target_id: string | null;
  root_id: string;
  doc: DocJson;
  version: string;
}

/**
 * JSON that `Bokeh.embed.embed_item(item, target?)` renders (Python's `json_item`), e.g. served by an HTTP
 * endpoint to a page that already loads BokehJS. The document title is empty, as in Python.
 */
export function json_item(model: HasProps, target: string | null = null): StandaloneEmbedJson {
  const output = outputDocumentFor([model]);
  return { target_id: target, root_id: model.id, doc: { ...outputDocJson(output), title: "" }, version: BOKEH_VERSION };
}

export interface ComponentsOptions {
  /** Return the script inside a `<script>` element (the default), or bare JavaScript. */
  wrap_script?: boolean;
}

/**
 * A script and `<div>`s to put into a page of one's own that already loads BokehJS (Python's `components`). The
 * script carries the document JSON and renders each model into its div; the divs come back in the shape the
 * models were given: one div, a list, or an object with the same keys.
 */
export function components(models: HasProps, options?: ComponentsOptions): [script: string, div: string];
export function components(models: readonly HasProps[], options?: ComponentsOptions): [script: string, divs: string[]];
export function components<K extends string>(
  models: Readonly<Record<K, HasProps>>,
  options?: ComponentsOptions,
): [script: string, divs: Record<K, string>];
export function components(
  models: HasProps | readonly HasProps[] | Readonly<Record<string, HasProps>>,
  options: ComponentsOptions = {},
): [string, string | string[] | Record<string, string>] {
  const list = models instanceof HasProps ? [models] : Array.isArray(models) ? models : Object.values(models);
  const output = outputDocumentFor(list);
  const { docs_json, render_items } = standaloneDocsJsonAndRenderItems(output);
  const code = scriptForRenderItems({ docs_json }, render_items);
  const script = options.wrap_script === false ? code : scriptTag(code);
  const divs = render_items.flatMap((item) => item.roots).map(rootDiv);
  if (models instanceof HasProps) return [script, divs[0] ?? ""];
  if (Array.isArray(models)) return [script, divs];
  return [script, Object.fromEntries(Object.keys(models).map((key, i) => [key, divs[i] ?? ""]))];
}

/**
 * JavaScript to save at `script_path`, and the `<script>` tag that loads it (Python's `autoload_static`): the
 * script loads BokehJS from `resources` unless an earlier autoload script did, then renders the model (or the
 * document's roots) in place of the tag.
 */
export function autoload_static(
  model: HasProps | Document,
  resources: ResourcesLike,
  script_path: string,
): [js: string, tag: string] {
  const output = outputDocumentFor(model instanceof Document ? modelsOf(model) : [model]);
  const { docs_json, render_items } = standaloneDocsJsonAndRenderItems(output);
  const elementid = render_items[0]?.roots[0]?.elementid ?? newElementId();
  const bundle = bundleFor(null, toResources(resources));
  const js = onload(autoloadScript(bundle, scriptForRenderItems({ docs_json }, render_items), elementid));
  const tag = `<script src="${escapeHtml(script_path)}" id="${escapeHtml(elementid)}"></script>`;
  return [js, tag];
}

/** Runs code once the page is parsed: the element an autoload script renders next to must exist by then. */
function onload(code: string): string {
  return `(function() {
  function fn() {
${indent(code, 4)}
  }
  if (document.readyState !== "loading") fn();
  else document.addEventListener("DOMContentLoaded", fn);
})();`;
}
