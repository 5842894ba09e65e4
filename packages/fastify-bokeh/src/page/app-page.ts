/**
 * The HTML page served at `{prefix}{app}`: loads BokehJS, marks where each document root goes, and embeds the
 * session by token (the document itself is pulled over the websocket, never inlined).
 */

import { FAVICON_SVG } from "../resources/favicon.js";
import { newElementId } from "./element-id.js";
import { embedScript, type ServerRenderItem } from "./embed-script.js";
import { escapeHtml, jsonForScript } from "./escape.js";

/** A root model of the session's document and the element it is rendered into. */
export interface AppPageRoot {
  /** Model id, e.g. `"p1056"`. */
  id: string;
  /** Id of the `<div>` the root is rendered into; see {@link newElementId}. */
  elementId: string;
  /** The model's `name`, so that templates can place a particular root. */
  name?: string | null;
}

/** A root as templates see it: with the `<div>` that marks its place. */
export interface RenderedRoot extends AppPageRoot {
  div: string;
}

/** Optional pieces a template can put into the default page, like Jinja blocks of Bokeh's file template. */
export interface AppPageBlocks {
  /** Extra `<head>` content before the Bokeh resources. */
  preamble?: string;
  /** Extra `<head>` content after the Bokeh resources. */
  postamble?: string;
  /** Replaces the body content before the plot script (by default: every root's div, in order). */
  contents?: string;
}

/** What a page template receives; the HTML-valued fields are ready to insert as they are. */
export interface AppPageTemplateVariables {
  /** Document title as plain text: escape it before use, or use `titleHtml`. */
  title: string;
  titleHtml: string;
  /** The BokehJS `<script src>` tags followed by the log level script; belongs in `<head>`. */
  bokehJs: string;
  /** The `application/json` script and the embed script; must come after every root's div. */
  plotScript: string;
  roots: readonly RenderedRoot[];
  /** The render items passed to BokehJS. */
  docs: readonly ServerRenderItem[];
  /** Whatever the application supplied (Python's `doc.template_variables`). */
  templateVariables: Readonly<Record<string, unknown>>;
  /** The default page, optionally with blocks filled in: the equivalent of `{% extends base %}`. */
  base: (blocks?: AppPageBlocks) => string;
}

/** Makes the page from its variables; may be async (a template engine rendering a file). */
export type AppPageTemplate = (vars: AppPageTemplateVariables) => string | Promise<string>;

export interface AppPageOptions {
  /** Document title (plain text). */
  title: string;
  /** Session token; BokehJS sends it when opening the websocket. */
  token: string;
  /** Document roots in document order. */
  roots: readonly AppPageRoot[];
  /** BokehJS bundle URLs in load order; see `bokehJsScriptUrls`. */
  scriptUrls: readonly string[];
  /** Value for `Bokeh.set_log_level`; `"info"` by default, as `BOKEH_LOG_LEVEL`. */
  logLevel?: string;
  template?: AppPageTemplate;
  templateVariables?: Readonly<Record<string, unknown>>;
}

// Inline, so the browser asks for no /favicon.ico, wherever (under whatever prefix) the page is served.
const ICON_HREF = escapeHtml(`data:image/svg+xml,${encodeURIComponent(FAVICON_SVG)}`);

function rootDiv(root: AppPageRoot): string {
  return `<div id="${escapeHtml(root.elementId)}" data-root-id="${escapeHtml(root.id)}" style="display: contents;"></div>`;
}

const line = (html: string | undefined): string => (html ? `${html}\n` : "");

// Inserted HTML is never re-indented: that could alter whitespace-sensitive content such as <pre> in user blocks.
function defaultPage(vars: AppPageTemplateVariables, blocks: AppPageBlocks): string {
  const contents = blocks.contents ?? vars.roots.map((root) => root.div).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${vars.titleHtml}</title>
    <link rel="icon" href="${ICON_HREF}">
${line(blocks.preamble)}    <style>
      html, body {
        box-sizing: border-box;
        display: flow-root;
        height: 100%;
        margin: 0;
        padding: 0;
      }
    </style>
${vars.bokehJs}
${line(blocks.postamble)}  </head>
  <body>
${contents}
${vars.plotScript}
  </body>
</html>
`;
}

/** What a page template receives for a session. */
export function appPageVariables(opts: Omit<AppPageOptions, "template">): AppPageTemplateVariables {
  const renderItem: ServerRenderItem = {
    token: opts.token,
    roots: Object.fromEntries(opts.roots.map((root) => [root.id, root.elementId])),
    root_ids: opts.roots.map((root) => root.id),
    use_for_title: true,
  };
  const docs = [renderItem];

  const bokehJs = [
    ...opts.scriptUrls.map((url) => `<script src="${escapeHtml(url)}"></script>`),
    `<script>\nBokeh.set_log_level(${jsonForScript(opts.logLevel ?? "info")});\n</script>`,
  ].join("\n");

  // The server page never inlines the document, so the JSON script only ever holds an empty object.
  const docsJsonId = newElementId();
  const plotScript = [
    `<script type="application/json" id="${escapeHtml(docsJsonId)}">\n${jsonForScript({})}\n</script>`,
    `<script>\n${embedScript({ docsJson: { scriptId: docsJsonId }, renderItems: docs })}\n</script>`,
  ].join("\n");

  const vars: AppPageTemplateVariables = {
    title: opts.title,
    titleHtml: escapeHtml(opts.title),
    bokehJs,
    plotScript,
    roots: opts.roots.map((root) => ({ ...root, div: rootDiv(root) })),
    docs,
    templateVariables: opts.templateVariables ?? {},
    base: (blocks) => defaultPage(vars, blocks ?? {}),
  };
  return vars;
}

/** Renders the application page for a session (or whatever a synchronous `opts.template` makes of it). */
export function renderAppPage(
  opts: Omit<AppPageOptions, "template"> & { template?: (vars: AppPageTemplateVariables) => string },
): string {
  const vars = appPageVariables(opts);
  return opts.template === undefined ? vars.base() : opts.template(vars);
}
