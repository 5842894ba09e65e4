/** The index page at `{prefix}/`: a list of links to the applications served. */
import { escapeHtml } from "./escape.js";

interface IndexPageApp {
  /** Application path, e.g. `"/app"` (`""` or `"/"` for an application mounted at the root). */
  path: string;
  /** One line of plain text shown next to the link. */
  description?: string;
}

export interface IndexPageOptions {
  /** Server prefix, `""` or `"/pfx"`. */
  prefix: string;
  /** Listed in the order given (`bokeh serve` sorts by path; sort before calling for the same result). */
  apps: ReadonlyArray<string | IndexPageApp>;
  /** Page heading and title. */
  title?: string;
}

function appItem(prefix: string, app: string | IndexPageApp): string {
  const { path, description } = typeof app === "string" ? { path: app, description: undefined } : app;
  const href = `${prefix}${path}` || "/";
  // Like bokeh serve, the link text is the path without its leading slash; the root application shows as "/".
  const text = path.replace(/^\//, "") || "/";
  const note = description ? ` <span class="description">${escapeHtml(description)}</span>` : "";
  return `      <li><a href="${escapeHtml(href)}">${escapeHtml(text)}</a>${note}</li>`;
}

export function renderIndexPage(opts: IndexPageOptions): string {
  const title = escapeHtml(opts.title ?? "Bokeh applications");
  const items = opts.apps.map((app) => appItem(opts.prefix, app)).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; }
      li { margin: 0.5rem 0; }
      .description { color: #555; }
    </style>
  </head>
  <body>
    <h1>${title}</h1>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}
