/**
 * Where the BokehJS bundles live and how pages refer to them.
 *
 * The browser runs the unmodified bundles of BokehJS, copied at build time from the `@bokeh/bokehjs` npm package
 * (see `scripts/copy-bokehjs.mjs`) into this package's `bokehjs/` folder. They are byte-identical to the ones
 * `bokeh serve` ships, so the URLs (including the `?v=` content hash) come out the same as Python's.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The classic bundles a server page loads, in load order: `bokeh` defines `window.Bokeh`, the others extend it. */
export const BOKEHJS_BUNDLES = ["bokeh", "bokeh-gl", "bokeh-widgets", "bokeh-tables", "bokeh-mathjax"] as const;

export type BokehJsBundle = (typeof BOKEHJS_BUNDLES)[number];

// This file sits two levels below the package root both as source (src/resources) and as built code (dist/resources).
const BOKEHJS_DIR = new URL("../../bokehjs/", import.meta.url);

/**
 * The directory served at `{prefix}/static/`: it holds `js/bokeh.min.js` etc., mirroring the layout of Python
 * bokeh's `server/static` directory.
 */
export const BOKEHJS_STATIC_DIR: string = fileURLToPath(new URL("static/", BOKEHJS_DIR));

let version: string | undefined;

/** The version of the copied BokehJS bundles (e.g. `"3.9.2"`), which is what the protocol must agree with. */
export function bokehJsVersion(): string {
  if (version === undefined) {
    const file = new URL("version.json", BOKEHJS_DIR);
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    const found = typeof parsed === "object" && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
    if (typeof found !== "string") throw new Error(`no version in ${fileURLToPath(file)}`);
    version = found;
  }
  return version;
}

/** Path of a bundle relative to {@link BOKEHJS_STATIC_DIR} (and to the `static/` URL). */
export function bundlePath(bundle: BokehJsBundle): string {
  return `js/${bundle}.min.js`;
}

const hashes = new Map<BokehJsBundle, string>();

/**
 * Hex SHA-512 of a bundle's content: the `?v=` cache-busting token, computed the way Tornado's StaticFileHandler
 * does. Computed on first use and cached, since the installed files do not change while the process runs.
 */
export function bundleHash(bundle: BokehJsBundle): string {
  let hash = hashes.get(bundle);
  if (hash === undefined) {
    hash = createHash("sha512")
      .update(readFileSync(join(BOKEHJS_STATIC_DIR, bundlePath(bundle))))
      .digest("hex");
    hashes.set(bundle, hash);
  }
  return hash;
}

/**
 * The URL under which `static/` is mounted, with a trailing slash.
 *
 * `prefix` is the server prefix (`""` or `"/pfx"`). Without `absoluteUrl` the root is root-relative (`/`, `/pfx/`),
 * as on the application page; with it (autoload.js' `bokeh-absolute-url`), only its origin is kept and the prefix is
 * appended (`http://host:5006/pfx/`), like `bokeh serve` does. `absoluteUrl` comes from a query argument, so
 * anything but an absolute http(s) URL falls back to the root-relative form instead of failing.
 */
export function staticUrlRoot(prefix: string, absoluteUrl?: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  const path = trimmed === "" ? "/" : `/${trimmed}/`;
  const url = absoluteUrl !== undefined && URL.canParse(absoluteUrl) ? new URL(absoluteUrl) : undefined;
  return url !== undefined && (url.protocol === "http:" || url.protocol === "https:") ? url.origin + path : path;
}

/**
 * `<root>static/js/<bundle>.min.js?v=<sha512>` for every bundle, in load order.
 *
 * `root` is where `static/` is mounted (see {@link staticUrlRoot}); a missing trailing slash is added.
 */
export function bokehJsScriptUrls(root: string): string[] {
  const base = root.endsWith("/") ? root : `${root}/`;
  return BOKEHJS_BUNDLES.map((bundle) => `${base}static/${bundlePath(bundle)}?v=${bundleHash(bundle)}`);
}
