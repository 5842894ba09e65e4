/**
 * The script that hands a server session to BokehJS (`Bokeh.embed.embed_items`), shared by the application page
 * and autoload.js.
 */
import { jsonForScript } from "./escape.js";

/**
 * One entry of `render_items` as BokehJS reads it. The presence of `token` (rather than `docid`) puts BokehJS in
 * server mode: it opens the session's websocket and pulls the document.
 */
export interface ServerRenderItem {
  token: string;
  /** Root model id → id of the element it renders into (application page). */
  roots?: Record<string, string>;
  /** The keys of `roots` in document root order; BokehJS maps roots to elements by position. */
  root_ids?: string[];
  /** Element replaced by the whole document (autoload.js). */
  elementid?: string;
  /** Whether BokehJS sets `document.title` from the Bokeh document's title. */
  use_for_title: boolean;
}

export interface EmbedScriptOptions {
  /**
   * Where `docs_json` comes from: the id of a `<script type="application/json">` element (application page), or
   * the JSON text itself (autoload.js, which has no page of its own to put it in).
   */
  docsJson: { scriptId: string } | { text: string };
  renderItems: readonly ServerRenderItem[];
  /** Base path of the application; BokehJS derives the websocket URL from it (autoload.js only). */
  appPath?: string;
  /** Origin (and path) of the Bokeh server when the page is served from elsewhere (autoload.js only). */
  absoluteUrl?: string;
}

/**
 * JavaScript (without `<script>` tags) that, once the DOM is parsed and `window.Bokeh` exists, embeds the render
 * items inside `Bokeh.safely` (which shows errors on the page). It polls for `window.Bokeh` every 10 ms, 100 times
 * at most, because a loader may still be fetching the bundles.
 */
export function embedScript(opts: EmbedScriptOptions): string {
  const docsJson =
    "scriptId" in opts.docsJson
      ? `document.getElementById(${jsonForScript(opts.docsJson.scriptId)}).textContent`
      : jsonForScript(opts.docsJson.text);
  // embed_items treats a missing argument and an explicit one differently, so only pass what is set.
  const extraArgs: string[] = [];
  if (opts.appPath !== undefined || opts.absoluteUrl !== undefined) extraArgs.push(jsonForScript(opts.appPath ?? "/"));
  if (opts.absoluteUrl !== undefined) extraArgs.push(jsonForScript(opts.absoluteUrl));
  const args = ["docs_json", "render_items", ...extraArgs].join(", ");

  return `(function(root) {
  function embed() {
    root.Bokeh.safely(function() {
      const docs_json = ${docsJson};
      const render_items = ${jsonForScript(opts.renderItems)};
      root.Bokeh.embed.embed_items(${args});
    });
  }
  function embed_when_bokeh_is_defined() {
    if (root.Bokeh !== undefined) {
      embed();
      return;
    }
    let attempts = 0;
    const timer = setInterval(function() {
      if (root.Bokeh !== undefined) {
        clearInterval(timer);
        embed();
      } else if (++attempts > 100) {
        clearInterval(timer);
        console.error("Bokeh: cannot embed the document because BokehJS is not loaded");
      }
    }, 10);
  }
  if (document.readyState !== "loading") embed_when_bokeh_is_defined();
  else document.addEventListener("DOMContentLoaded", embed_when_bokeh_is_defined);
})(window);`;
}
