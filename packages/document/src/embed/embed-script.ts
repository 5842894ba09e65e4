/** The script that hands standalone documents to BokehJS (`Bokeh.embed.embed_items`). */
import type { DocJson } from "@fastify-bokeh/protocol";
import { escapeHtmlText, indent, jsLiteral } from "./escape.js";
import { type RenderItem, renderItemJson } from "./standalone-docs.js";

/**
 * Where the script finds the document JSON: in a `<script type="application/json">` element of the page (what
 * `file_html` writes), or inside the script itself (`components`, `autoload_static`, which have no page of theirs).
 */
export type DocsJsonSource = { scriptId: string } | { docs_json: Record<string, DocJson> };

/**
 * The document JSON as a JavaScript string literal in single quotes: HTML-escaped as `embed_items` expects (it
 * unescapes strings before parsing them), with `'` as an entity and backslashes doubled so that the literal
 * yields the JSON text unchanged.
 */
function docsJsonLiteral(docs_json: Record<string, DocJson>): string {
  const text = escapeHtmlText(JSON.stringify(docs_json)).replace(/'/g, "&#x27;").replace(/\\/g, "\\\\");
  return `'${text.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}'`;
}

/**
 * JavaScript (without `<script>` tags) that, once the page is parsed and `window.Bokeh` exists, embeds the render
 * items inside `Bokeh.safely` (which shows errors on the page). It polls for `window.Bokeh` every 10 ms, 100
 * times at most, because a loader may still be fetching the bundles.
 */
export function scriptForRenderItems(source: DocsJsonSource, items: readonly RenderItem[]): string {
  const docsJson =
    "scriptId" in source
      ? `document.getElementById(${jsLiteral(source.scriptId)}).textContent`
      : docsJsonLiteral(source.docs_json);
  const embed = `const docs_json = ${docsJson};
const render_items = ${jsLiteral(items.map(renderItemJson))};
root.Bokeh.embed.embed_items(docs_json, render_items);`;
  return `(function() {
  function run(root) {
    root.Bokeh.safely(function() {
${indent(embed, 6)}
    });
  }
  function whenBokehIsDefined() {
    const root = window;
    if (root.Bokeh !== undefined) return run(root);
    let attempts = 0;
    const timer = setInterval(function() {
      if (root.Bokeh !== undefined) {
        clearInterval(timer);
        run(root);
      } else if (++attempts > 100) {
        clearInterval(timer);
        console.error("Bokeh: cannot embed the document because BokehJS is not loaded");
      }
    }, 10);
  }
  if (document.readyState !== "loading") whenBokehIsDefined();
  else document.addEventListener("DOMContentLoaded", whenBokehIsDefined);
})();`;
}
