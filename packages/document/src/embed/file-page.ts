/** The HTML page `file_html` writes: Bokeh's file template, with the same parts in the same order. */
import { escapeHtml } from "./escape.js";
import type { RenderRoot } from "./standalone-docs.js";

/** The `<div>` that marks where a root is rendered. */
export function rootDiv(root: Pick<RenderRoot, "elementid" | "id">): string {
  return `<div id="${escapeHtml(root.elementid)}" data-root-id="${escapeHtml(root.id)}" style="display: contents;"></div>`;
}

export interface FilePageParts {
  /** Page title, plain text. */
  title: string;
  /** The HTML that loads BokehJS (script tags), for `<head>`. */
  bokehJs: string;
  /** One div per root, in order. */
  roots: readonly RenderRoot[];
  /** The document JSON script and the embed script; they follow the root divs. */
  plotScript: string;
}

// Inserted HTML is not re-indented: that would change the inlined bundles and the JSON.
export function filePage(parts: FilePageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(parts.title)}</title>
    <style>
      html, body {
        box-sizing: border-box;
        display: flow-root;
        height: 100%;
        margin: 0;
        padding: 0;
      }
    </style>
${parts.bokehJs}
  </head>
  <body>
${parts.roots.map(rootDiv).join("\n")}
${parts.plotScript}
  </body>
</html>
`;
}
