/**
 * Where a standalone page gets BokehJS from, as Python's `bokeh.resources.Resources`: the CDN, the bundles inlined
 * into the page, or a URL of our own.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { BOKEH_VERSION } from "../document/document.js";

/** The BokehJS bundles in load order: `bokeh` defines `window.Bokeh`, the others extend it. */
export const BOKEHJS_COMPONENTS = ["bokeh", "bokeh-gl", "bokeh-widgets", "bokeh-tables", "bokeh-mathjax"] as const;

export type BokehJsComponent = (typeof BOKEHJS_COMPONENTS)[number];

/** BokehJS's log levels, for `Bokeh.set_log_level`. */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

interface ResourcesBase {
  /** Passed to `Bokeh.set_log_level` once the bundles have loaded; `"info"` by default, as in Python. */
  log_level?: LogLevel;
}

/** `https://cdn.bokeh.org/bokeh/release/bokeh-<version>.min.js` and so on. */
export interface CdnResources extends ResourcesBase {
  mode: "cdn";
  /** BokehJS version on the CDN; the version this package speaks (3.9.2) by default. */
  version?: string;
}

/**
 * The bundles' source code inside the page, so that it needs no network at all. The files are read from `js_dir`
 * (a directory holding `bokeh.min.js`, `bokeh-widgets.min.js`, …), by default the `build/js` directory of the
 * installed `@bokeh/bokehjs` package, an optional peer dependency needed only for this mode.
 */
export interface InlineResources extends ResourcesBase {
  mode: "inline";
  js_dir?: string;
}

/**
 * Bundles served by a Bokeh server (`bokeh serve` or fastify-bokeh) at `root_url`: `<root_url>static/js/bokeh.min.js`.
 */
export interface ServerResources extends ResourcesBase {
  mode: "server";
  root_url: string;
}

/** Bundles at `<root_url>bokeh.min.js` and so on; `root_url` may be relative to the page (`"js/"`) or absolute. */
export interface UrlResources extends ResourcesBase {
  mode: "url";
  root_url: string;
}

export type Resources = CdnResources | InlineResources | ServerResources | UrlResources;

/** A Resources object, or the name of a mode that needs no further settings. */
export type ResourcesLike = Resources | "cdn" | "inline";

/** Python's `bokeh.resources.CDN`. */
export const CDN: Resources = { mode: "cdn" };

/** Python's `bokeh.resources.INLINE`. */
export const INLINE: Resources = { mode: "inline" };

export function toResources(resources: ResourcesLike): Resources {
  return typeof resources === "string" ? { mode: resources } : resources;
}

/** What a page needs to load for some BokehJS components: script URLs and inline scripts, in load order. */
export interface ResourceScripts {
  js_files: string[];
  js_raw: string[];
}

const withSlash = (url: string): string => (url.endsWith("/") ? url : `${url}/`);

/** The scripts that load `components` (in BokehJS load order) and then set the log level. */
export function resourceScripts(resources: Resources, components: readonly BokehJsComponent[]): ResourceScripts {
  const ordered = BOKEHJS_COMPONENTS.filter((c) => components.includes(c));
  const logLevel = `Bokeh.set_log_level(${JSON.stringify(resources.log_level ?? "info")});`;
  switch (resources.mode) {
    case "cdn": {
      const version = resources.version ?? BOKEH_VERSION;
      const js_files = ordered.map((c) => `https://cdn.bokeh.org/bokeh/release/${c}-${version}.min.js`);
      return { js_files, js_raw: [logLevel] };
    }
    case "inline": {
      const dir = resources.js_dir ?? installedBokehJsDir();
      return { js_files: [], js_raw: [...ordered.map((c) => inlineBundle(dir, c)), logLevel] };
    }
    case "server":
      return {
        js_files: ordered.map((c) => `${withSlash(resources.root_url)}static/js/${c}.min.js`),
        js_raw: [logLevel],
      };
    case "url":
      return { js_files: ordered.map((c) => `${withSlash(resources.root_url)}${c}.min.js`), js_raw: [logLevel] };
  }
}

const bundleCache = new Map<string, string>();

/**
 * A bundle's source, ready to sit inside a `<script>` element: a `</script` in it (there is none in BokehJS
 * 3.9.2, but the page must not break if one appears) is written `<\/script`, which means the same to JavaScript.
 */
function inlineBundle(dir: string, component: BokehJsComponent): string {
  const path = join(dir, `${component}.min.js`);
  let source = bundleCache.get(path);
  if (source === undefined) {
    const code = readFileSync(path, "utf8").replace(/<\/script/gi, "<\\/script");
    source = `/* BEGIN ${component}.min.js */\n${code}\n/* END ${component}.min.js */`;
    bundleCache.set(path, source);
  }
  return source;
}

/** `build/js` of the installed `@bokeh/bokehjs` package (resolved from here, so it also works under pnpm). */
function installedBokehJsDir(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve("@bokeh/bokehjs/package.json");
  } catch {
    throw new Error(
      "inline resources need the BokehJS bundles: install @bokeh/bokehjs or pass { mode: 'inline', js_dir }",
    );
  }
  return join(dirname(packageJson), "build", "js");
}
