/**
 * The body of `{prefix}{app}/autoload.js`: a self-contained script that a host page runs (see `embed-tag.ts`) to
 * load BokehJS if needed and render a session in place of the element `bokeh-autoload-element`.
 */
import { embedScript } from "./embed-script.js";
import { jsonForScript } from "./escape.js";

export interface AutoloadOptions {
  /** Session token. */
  token: string;
  /** Value of `bokeh-autoload-element`: the element replaced by the document. */
  elementId: string;
  /** Value of `bokeh-app-path` (`"/"` by default in `bokeh serve`). */
  appPath: string;
  /** Value of `bokeh-absolute-url`, if any. */
  absoluteUrl?: string;
  /** BokehJS bundle URLs, or `null` for `resources=none` (the host page loads BokehJS itself). */
  scriptUrls: readonly string[] | null;
  /** Value for `Bokeh.set_log_level`; `"info"` by default. */
  logLevel?: string;
}

/**
 * The loader shared with every other autoload script on the page: injects the bundles unless another script is
 * doing so, then runs the queued callbacks. Static text, so it is part of the module, not of each render.
 */
const LOADER = `  function run_callbacks() {
    const callbacks = root._bokeh_onload_callbacks;
    root._bokeh_onload_callbacks = [];
    for (const callback of callbacks) callback();
  }

  function load_libs(urls, callback) {
    root._bokeh_onload_callbacks.push(callback);
    if (root._bokeh_is_loading > 0) {
      console.debug("Bokeh: BokehJS is being loaded, the document is rendered when it is");
      return;
    }
    if (urls.length === 0) {
      run_callbacks();
      return;
    }
    root._bokeh_is_loading = urls.length;
    for (const url of urls) {
      const script = document.createElement("script");
      script.onload = function() {
        root._bokeh_is_loading--;
        if (root._bokeh_is_loading === 0) run_callbacks();
      };
      script.onerror = function() {
        console.error("Bokeh: failed to load " + url);
      };
      script.async = false;
      script.src = url;
      document.head.appendChild(script);
    }
  }

`;

/**
 * Renders autoload.js.
 *
 * Several autoload scripts may run on one page (and Python bokeh's loaders may run next to ours), so they share
 * `window._bokeh_onload_callbacks` and `window._bokeh_is_loading` the way Bokeh's own loaders do: only the first one
 * injects the bundles, the others queue behind it (`_bokeh_is_loading > 0`) or run at once when loading has finished
 * (`_bokeh_is_loading === 0`). Bundles are injected with `async = false` so they execute in order.
 */
export function renderAutoloadJs(opts: AutoloadOptions): string {
  const logLevel = jsonForScript(opts.logLevel ?? "info");
  const embed = embedScript({
    // Autoload has no page to put a JSON script in; the document comes over the websocket anyway.
    docsJson: { text: "{}" },
    renderItems: [{ token: opts.token, elementid: opts.elementId, use_for_title: false }],
    appPath: opts.appPath,
    absoluteUrl: opts.absoluteUrl,
  });
  const elementId = jsonForScript(opts.elementId);

  return `'use strict';
(function(root) {
  const js_urls = ${jsonForScript(opts.scriptUrls ?? [])};

  if (document.getElementById(${elementId}) == null) {
    console.warn("Bokeh: autoload.js was asked to replace the element " + ${elementId} + ", which is not in the page");
  }

  function run_inline_js() {
    // With resources=none the host page may still be loading BokehJS; the embed script waits for it.
    if (root.Bokeh !== undefined) root.Bokeh.set_log_level(${logLevel});
    ${embed.replace(/\n/g, "\n    ")}
  }

${LOADER}  if (root._bokeh_onload_callbacks === undefined) root._bokeh_onload_callbacks = [];
  if (root._bokeh_is_loading === 0) run_inline_js();
  else load_libs(js_urls, run_inline_js);
})(window);
`;
}
