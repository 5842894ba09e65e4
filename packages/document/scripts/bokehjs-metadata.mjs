// Reads the model metadata of the pinned BokehJS out of its own bundles, running them in headless Chromium.
// Used by generate-models.mjs; kept separate so the browser-side code stays small and self-contained.

import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

export const BUNDLES = ["bokeh", "bokeh-widgets", "bokeh-tables", "bokeh-gl", "bokeh-mathjax"];

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function bokehjsDir() {
  return path.dirname(require.resolve("@bokeh/bokehjs/package.json"));
}

/** The modules of BokehJS's compiled library that can hold models, as bundle module names (`models/glyphs/scatter`). */
function libraryModules(libDir) {
  const out = ["model"];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) out.push(path.relative(libDir, full).slice(0, -3).split(path.sep).join("/"));
    }
  };
  walk(path.join(libDir, "models"));
  walk(path.join(libDir, "document"));
  return out;
}

/** Classes the library declares `abstract`, keyed `module:ClassName` (the bundles carry no such marker at runtime). */
function abstractClasses(libDir, modules) {
  const out = [];
  for (const mod of modules) {
    const dts = path.join(libDir, `${mod}.d.ts`);
    if (!fs.existsSync(dts)) continue;
    for (const m of fs.readFileSync(dts, "utf8").matchAll(/^export declare abstract class (\w+)/gm))
      out.push(`${mod}:${m[1]}`);
  }
  return out;
}

// The functions below run in the page, not in Node: `extract` is the entry point, the others are installed into the
// page beside it (each is self-contained: BokehJS's globals and its arguments only). `bokeh` is what they share:
// BokehJS's modules and the registry of model classes met so far.

/** BokehJS's modules the walk needs, and the registry that gives classes ids in discovery order. */
function metadataContext() {
  const req = Bokeh.require;
  const HP = req("core/has_props").HasProps;
  const classes = new Map(); // class -> id
  const queue = [];
  return {
    M: Bokeh.Models,
    req,
    K: req("core/kinds"),
    P: req("core/properties"),
    HP,
    isModelClass: (c) => typeof c === "function" && (c === HP || c.prototype instanceof HP),
    classes,
    queue,
    // BokehJS has two distinct classes qualified `TextAnnotation`: ids, not names, identify classes.
    want: (cls) => {
      if (cls === HP) return null;
      if (!classes.has(cls)) {
        classes.set(cls, classes.size);
        queue.push(cls);
      }
      return classes.get(cls);
    },
  };
}

/** Which module defines each class: the first non-index module exporting it. */
function metadataModules(bokeh, modules) {
  const moduleOf = new Map();
  for (const mod of modules) {
    let exports;
    try {
      exports = bokeh.req(mod);
    } catch {
      continue;
    }
    const isIndex = mod === "models/index" || mod.endsWith("/index") || mod.endsWith("/main");
    for (const value of Object.values(exports)) {
      if (!bokeh.isModelClass(value) || value === bokeh.HP) continue;
      const known = moduleOf.get(value);
      if (known === undefined || (known.isIndex && !isIndex)) moduleOf.set(value, { mod, isIndex });
    }
  }
  return moduleOf;
}

/** A property's kind (or property class) as plain JSON; model classes it refers to join the registry. */
function metadataKind(bokeh, kind) {
  const { K, P, HP } = bokeh;
  const kindOf = (inner) => metadataKind(bokeh, inner);
  if (kind instanceof P.PropertyAlias) return { k: "Alias", attr: kind.attr };
  if (!(kind instanceof K.Kind)) {
    if (typeof kind === "function" && kind.prototype instanceof P.Property) return { k: "Prop", cls: kind.__name__ };
    throw new Error(`unknown property type ${String(kind)}`);
  }
  const name = kind.constructor.__name__;
  const K_ = K.Kinds;
  if (kind.constructor !== K_[name]) throw new Error(`kind ${name} is not one of core/kinds`);
  switch (name) {
    case "Any":
    case "Unknown":
    case "Bool":
    case "Float":
    case "Int":
    case "Percent":
    case "Bytes":
    case "Str":
    case "Null":
    case "Color":
    case "CSSLength":
    case "Node":
    case "AnyRef":
      return { k: name };
    case "Ref": {
      const t = kind.obj_type;
      if (bokeh.isModelClass(t)) {
        if (t === HP) return { k: "Ref", model: null };
        return { k: "Ref", model: bokeh.want(t) };
      }
      return { k: "Ref", foreign: t.__name__ ?? t.name }; // `__name__` survives minification
    }
    case "Or":
    case "And":
    case "Tuple":
      return { k: name, types: kind.types.map(kindOf) };
    case "Struct":
    case "PartialStruct":
      return { k: name, fields: Object.entries(kind.struct_type).map(([key, t]) => [key, kindOf(t)]) };
    case "Iterable":
    case "Arrayable":
    case "List":
    case "NonEmptyList":
    case "Set":
    case "Dict":
      return { k: name, item: kindOf(kind.item_type) };
    case "Nullable":
    case "Opt":
    case "NonNegative":
    case "Positive":
      return { k: name, base: kindOf(kind.base_type) };
    case "KeyVal":
    case "Mapping":
      return { k: name, key: kindOf(kind.key_type), item: kindOf(kind.item_type) };
    case "Enum":
      return { k: name, values: [...kind.values] };
    case "PrefixedStr":
      return { k: name, prefix: kind.prefix };
    case "Regex":
      return { k: name, source: kind.regex.source, flags: kind.regex.flags };
    case "Func":
      return {
        k: name,
        args: kind.args_types == null ? null : kind.args_types.map(kindOf),
        ret: kind.ret_type == null ? null : kindOf(kind.ret_type),
      };
    default:
      throw new Error(`unsupported kind ${name}`);
  }
}

/** A value (a default) as tagged JSON; models in it join the registry. */
function metadataValue(bokeh, value) {
  const { P, HP } = bokeh;
  const encode = (inner) => metadataValue(bokeh, inner);
  if (value === P.unset) return { t: "unset" };
  if (value === undefined) return { t: "undefined" };
  if (value === null) return { t: "null" };
  switch (typeof value) {
    case "boolean":
      return { t: "bool", v: value };
    case "string":
      return { t: "str", v: value };
    case "number":
      return { t: "num", v: Number.isFinite(value) ? value : String(value) };
    case "function":
      return { t: "unrepresentable", what: `function ${String(value)}` };
    case "object":
      break;
    default:
      return { t: "unrepresentable", what: typeof value };
  }
  if (value instanceof HP) {
    const model = bokeh.want(value.constructor);
    const attrs = [];
    for (const prop of value) {
      if (prop.dirty && !prop.is_unset) attrs.push([prop.attr, encode(prop.get_value())]);
    }
    return { t: "model", model, attrs };
  }
  if (Array.isArray(value)) return { t: "array", items: value.map(encode) };
  if (ArrayBuffer.isView(value)) return { t: "typed", ctor: value.constructor.name, items: [...value].map(encode) };
  if (value instanceof Map) return { t: "map", entries: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { t: "set", items: [...value].map(encode) };
  if (value instanceof Date) return { t: "date", v: value.getTime() };
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return { t: "object", entries: Object.keys(value).map((k) => [k, encode(value[k])]) };
  }
  return { t: "unrepresentable", what: `instance of ${value.constructor?.name}` };
}

/** A default: the value its function returns, unless it reads the model (then it cannot be known here). */
function metadataDefault(bokeh, fn) {
  const accessed = [];
  const probe = new Proxy(
    {},
    {
      get: (_t, key) => {
        accessed.push(String(key));
        return undefined;
      },
    },
  );
  let value;
  try {
    value = fn(probe);
  } catch (error) {
    return { t: "unrepresentable", what: `default depends on the model (${accessed.join(", ")}): ${String(error)}` };
  }
  if (accessed.length > 0)
    return { t: "unrepresentable", what: `default depends on the model (${accessed.join(", ")})` };
  return metadataValue(bokeh, value);
}

/** One class: its parent's id, module, and the properties it defines or overrides. */
function metadataClass(bokeh, cls, moduleOf, registered) {
  const parent = Object.getPrototypeOf(cls);
  const parentId = bokeh.want(parent);
  const parentProps = parent.prototype._props ?? {};
  const props = [];
  for (const [name, def] of Object.entries(cls.prototype._props)) {
    if (parentProps[name] === def) continue;
    const options = {};
    if (def.options.internal === true) options.internal = true;
    if (def.options.readonly === true) options.readonly = true;
    const kind = metadataKind(bokeh, def.type);
    props.push({
      name,
      override: name in parentProps,
      kind,
      default: kind.k === "Alias" ? { t: "unset" } : metadataDefault(bokeh, def.default_value),
      options,
    });
  }
  const where = moduleOf.get(cls);
  return {
    id: bokeh.classes.get(cls),
    name: cls.__qualified__,
    className: cls.__name__,
    parent: parentId,
    module: where?.mod ?? null,
    registered: registered.has(cls.__qualified__) && bokeh.M.get(cls.__qualified__) === cls,
    props,
  };
}

/**
 * Runs in the page. Walks the model registry, the class chains up to HasProps, and every model class a property
 * refers to; describes each property's kind (or property class), default and options as plain JSON.
 */
function extract({ modules }) {
  const bokeh = metadataContext();
  const moduleOf = metadataModules(bokeh, modules);
  const registered = new Set([...bokeh.M.names]);
  for (const name of registered) bokeh.want(bokeh.M.get(name));
  const out = [];
  while (bokeh.queue.length > 0) out.push(metadataClass(bokeh, bokeh.queue.shift(), moduleOf, registered));
  return { version: Bokeh.version, registeredCount: registered.size, models: out };
}

/** The page-side helpers of `extract`, as a script that declares them. */
const PAGE_HELPERS = [
  metadataContext,
  metadataModules,
  metadataKind,
  metadataValue,
  metadataDefault,
  metadataClass,
].join("\n");

/** Loads the five bundles into a blank page (no network) and returns the extracted metadata. */
export async function readBokehjsMetadata({ executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium" } = {}) {
  const { chromium } = require("playwright-core");
  const root = bokehjsDir();
  const libDir = path.join(root, "build", "js", "lib");
  const modules = libraryModules(libDir);
  const abstract = new Set(abstractClasses(libDir, modules));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bokehjs-metadata-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.route("**/*", (route) => route.abort());
    const errors = [];
    page.on("pageerror", (error) => errors.push(error));
    await page.setContent("<!doctype html><html><head></head><body></body></html>");
    for (const bundle of BUNDLES) {
      await page.addScriptTag({ content: fs.readFileSync(path.join(root, "build", "js", `${bundle}.min.js`), "utf8") });
    }
    await page.addScriptTag({ content: PAGE_HELPERS });
    if (errors.length > 0) throw errors[0];
    const result = await page.evaluate(extract, { modules });
    for (const model of result.models) {
      model.abstract = model.module !== null && abstract.has(`${model.module}:${model.className}`);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    return { ...result, packageVersion: pkg.version };
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
