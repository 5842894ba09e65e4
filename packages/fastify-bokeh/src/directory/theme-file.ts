import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ThemeJson } from "@fastify-bokeh/document";
import { ServeArgsError } from "../cli/serve-args.js";
import { optionalPackage } from "../resources/optional-package.js";

const THEME_FILES = ["theme.yaml", "theme.yml", "theme.json"] as const;
const THEME_KEYS = new Set(["attrs", "line_defaults", "fill_defaults", "text_defaults"]);

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function mapping(file: string, key: string, value: unknown): Record<string, unknown> {
  if (!isMapping(value)) throw new ServeArgsError(`${file}: '${key}' must be a mapping`);
  return value;
}

/** Checks the shape bokeh's `Theme` expects: `attrs` (model name → property values) and the glyph defaults. */
function themeJson(file: string, parsed: unknown): ThemeJson {
  const top = mapping(file, "the theme", parsed);
  for (const key of Object.keys(top))
    if (!THEME_KEYS.has(key))
      throw new ServeArgsError(`${file}: unknown theme key '${key}' (expected ${[...THEME_KEYS].join(", ")})`);
  const defaults = (key: string) => (top[key] === undefined ? {} : { [key]: mapping(file, key, top[key]) });
  const attrs = Object.entries(top.attrs === undefined ? {} : mapping(file, "attrs", top.attrs)).map(
    ([model, values]) => [model, mapping(file, `attrs.${model}`, values)] as const,
  );
  return {
    ...(top.attrs === undefined ? {} : { attrs: Object.fromEntries(attrs) }),
    ...defaults("line_defaults"),
    ...defaults("fill_defaults"),
    ...defaults("text_defaults"),
  };
}

/** Parses a theme file: JSON by itself, YAML with the `yaml` package (an optional peer dependency). */
async function parseThemeFile(file: string): Promise<unknown> {
  const text = readFileSync(file, "utf8");
  if (file.endsWith(".json")) return JSON.parse(text);
  const { parse } = optionalPackage<typeof import("yaml")>("yaml", file);
  return parse(text);
}

/**
 * The theme of a directory app: `theme.yaml` as in bokeh (or `theme.yml`/`theme.json`), applied to every session's
 * document before the app code runs; undefined without one.
 */
export async function readThemeFile(dir: string): Promise<ThemeJson | undefined> {
  const found = THEME_FILES.map((name) => join(dir, name)).filter((path) => existsSync(path));
  const [file, other] = found;
  if (file === undefined) return undefined;
  if (other !== undefined) throw new ServeArgsError(`${dir}: give one theme file, not ${found.join(" and ")}`);
  let parsed: unknown;
  try {
    parsed = await parseThemeFile(file);
  } catch (error) {
    if (error instanceof ServeArgsError) throw error;
    throw new ServeArgsError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return themeJson(file, parsed);
}
