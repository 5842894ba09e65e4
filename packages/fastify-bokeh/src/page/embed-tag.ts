/**
 * `<script>` tags for embedding a Bokeh server application into another page, with the behaviour of Python's
 * `bokeh.embed.server_document` / `server_session`: the tag fetches `<url>/autoload.js` with XHR (so it can send
 * headers and credentials) and runs the response, which replaces the tag with the rendered document.
 */
import { newElementId } from "./element-id.js";
import { escapeHtml, jsonForScript } from "./escape.js";

export interface EmbedTagCommonOptions {
  /**
   * Root-relative bundle URLs instead of absolute ones on the Bokeh server: omits `bokeh-absolute-url`, for setups
   * (e.g. some reverse proxies) where only relative URLs work. Default false.
   */
  relativeUrls?: boolean;
  /** `"none"` when the host page loads BokehJS itself (same version as the server!). Default `"default"`. */
  resources?: "default" | "none";
  /** Extra request headers, passed to the application. Exclusive with `withCredentials`. */
  headers?: Readonly<Record<string, string>>;
  /** Send cookies with the request (cross-origin). Exclusive with `headers`. */
  withCredentials?: boolean;
}

export interface ServerDocumentOptions extends EmbedTagCommonOptions {
  /** Extra query arguments for the application's request; keys starting with `bokeh-` are dropped. */
  arguments?: Readonly<Record<string, string>>;
}

export interface ServerSessionOptions extends EmbedTagCommonOptions {
  /** URL of the application on the Bokeh server, e.g. `http://localhost:5006/app`. */
  url: string;
  /** Id of an existing session (e.g. one created with a client), sent as the `Bokeh-Session-Id` header. */
  sessionId: string;
}

// `:` and `/` are legal in a query value; keeping them readable makes the URLs look like Python's.
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2F/gi, "/");
}

function cleanUrl(url: string): string {
  if (/^wss?:/i.test(url)) throw new TypeError("url must be the http(s) URL of the application, not its websocket URL");
  return url.replace(/\/+$/, "");
}

/** The application path BokehJS needs for the websocket URL: the URL's path without trailing slashes, `/` if none. */
function appPathOf(url: string): string {
  // The base only serves to parse root-relative URLs such as "/app"; its own parts are never used.
  const path = new URL(url, "http://localhost").pathname.replace(/\/+$/, "");
  return path === "" ? "/" : path;
}

function autoloadTag(
  url: string,
  opts: EmbedTagCommonOptions,
  args: Readonly<Record<string, string>>,
  extraHeaders: Readonly<Record<string, string>>,
): string {
  const headers = opts.headers ?? {};
  if (Object.keys(headers).length > 0 && opts.withCredentials === true) {
    // A credentialed CORS request cannot rely on the server's `Access-Control-Allow-Headers: *`.
    throw new TypeError("'headers' and 'withCredentials' are mutually exclusive");
  }
  const base = cleanUrl(url);
  const appPath = appPathOf(base);
  const elementId = newElementId();

  const query: Array<[string, string]> = [["bokeh-autoload-element", elementId]];
  if (appPath !== "/") query.push(["bokeh-app-path", appPath]);
  if (opts.relativeUrls !== true) query.push(["bokeh-absolute-url", base]);
  if (opts.resources === "none") query.push(["resources", "none"]);
  for (const [key, value] of Object.entries(args)) {
    // The bokeh-* arguments are the loader's own; letting callers override them would break the embedding.
    if (!key.startsWith("bokeh-")) query.push([key, value]);
  }
  const src = `${base}/autoload.js?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeQueryValue(v)}`).join("&")}`;

  const setHeaders = Object.entries({ ...headers, ...extraHeaders })
    .map(([name, value]) => `\n    xhr.setRequestHeader(${jsonForScript(name)}, ${jsonForScript(value)});`)
    .join("");

  return `<script id="${escapeHtml(elementId)}">
  (function() {
    const xhr = new XMLHttpRequest();
    xhr.responseType = "blob";
    xhr.open("GET", ${jsonForScript(src)}, true);${setHeaders}
    xhr.withCredentials = ${opts.withCredentials === true};
    xhr.onload = function(event) {
      const script = document.createElement("script");
      script.src = URL.createObjectURL(event.target.response);
      document.body.appendChild(script);
    };
    xhr.send();
  })();
</script>`;
}

/**
 * A tag embedding a new session of the application at `url` (e.g. `http://localhost:5006/app`). Each page load
 * gets its own session. Must be placed inside `<body>`.
 */
export function serverDocument(url: string, opts: ServerDocumentOptions = {}): string {
  return autoloadTag(url, opts, opts.arguments ?? {}, {});
}

/**
 * A tag embedding the existing session `sessionId` of the application at `url`. Reusing one session id for every
 * page load makes all viewers share (and edit) one document, which is rarely what is wanted.
 */
export function serverSession(opts: ServerSessionOptions): string {
  return autoloadTag(opts.url, opts, {}, { "Bokeh-Session-Id": opts.sessionId });
}
