/** The script `autoload_static` returns: it loads BokehJS when the page has none yet, then embeds the document. */
import { indent, jsLiteral } from "./escape.js";
import type { ResourceScripts } from "./resources.js";

/**
 * JavaScript for a file loaded by `<script src=… id=elementid>`. Scripts of several such tags on one page share
 * one loading of BokehJS (later ones skip it once it has loaded): while it loads, later scripts queue their work on `window._bokeh_onload_callbacks`, the
 * variable Python Bokeh's autoload scripts use for the same purpose. Inline pieces (bundle sources, then the embed
 * script) run in order once the files have loaded.
 */
export function autoloadScript(bundle: ResourceScripts, embedCode: string, elementid: string): string {
  const inline = [...bundle.js_raw, embedCode].map((code) => `function(Bokeh) {\n${indent(code, 2)}\n}`);
  return `(function(root) {
  "use strict";
  if (document.getElementById(${jsLiteral(elementid)}) == null)
    console.warn("Bokeh: autoload script configured with elementid " + ${jsLiteral(elementid)} + " but no such script tag was found");
  const js_urls = ${jsLiteral(bundle.js_files)};
  const inline_js = [
${indent(inline.join(",\n"), 4)}
  ];
  function run_inline_js() {
    for (const fn of inline_js) fn.call(root, root.Bokeh);
  }
  function run_callbacks() {
    const callbacks = root._bokeh_onload_callbacks;
    delete root._bokeh_onload_callbacks;
    root._bokeh_is_loading = 0;
    for (const callback of callbacks) callback();
  }
  if (root._bokeh_is_loading > 0) {
    root._bokeh_onload_callbacks.push(run_inline_js);
    return;
  }
  if (js_urls.length === 0 || root._bokeh_is_loading === 0) {
    run_inline_js();
    return;
  }
  root._bokeh_onload_callbacks = [run_inline_js];
  root._bokeh_is_loading = js_urls.length;
  for (const url of js_urls) {
    const element = document.createElement("script");
    element.async = false;
    element.src = url;
    element.onload = function() {
      if (--root._bokeh_is_loading === 0) run_callbacks();
    };
    element.onerror = function() {
      console.error("Bokeh: failed to load " + url);
    };
    document.head.appendChild(element);
  }
})(window);`;
}
