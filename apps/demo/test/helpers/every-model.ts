// In-page code: one model of every class BokehJS registers, its required properties (those BokehJS gives no default)
// filled with values their kinds accept. Page code refers to nothing outside the script `fidelityScript` builds.

/** Per registered model name: added as a root, or why BokehJS could not make it. */
interface EveryModel {
  readonly added: string[];
  readonly refused: Record<string, string>;
}

interface PageKind {
  valid(value: unknown): boolean;
}
type KindClass<T = object> = abstract new (...args: never[]) => PageKind & T;
/** The `Kinds` classes of BokehJS's core/kinds that need more than trying simple values. */
interface PageKinds {
  AnyRef: KindClass;
  Color: KindClass;
  Enum: KindClass<{ readonly values: ReadonlySet<unknown> }>;
  NonEmptyList: KindClass<{ readonly item_type: PageKind }>;
  Or: KindClass<{ readonly types: readonly PageKind[] }>;
  PrefixedStr: KindClass<{ readonly prefix: string }>;
  Ref: KindClass<{ readonly obj_type: PageModelClass }>;
  Struct: KindClass<{ readonly struct_type: Readonly<Record<string, PageKind>> }>;
  Tuple: KindClass<{ readonly types: readonly PageKind[] }>;
}
interface PageProperty {
  readonly attr: string;
  readonly kind: PageKind;
  readonly readonly: boolean;
  readonly internal: boolean;
  readonly is_unset: boolean;
  default_value(obj: object): unknown;
  get_value(): unknown;
}
interface PageModel extends Iterable<PageProperty> {
  readonly name: string | null;
}
type PageModelClass = new (attrs: object) => PageModel;
export interface PageBokeh {
  Models: { names: readonly string[]; get(name: string): PageModelClass };
  documents: { add_root(model: PageModel): void; roots(): PageModel[] }[];
  require(module: string): unknown;
}

/** The BokehJS modules the filler reads. */
interface PageModules {
  readonly kinds: PageKinds;
  readonly unset: symbol;
  readonly VectorSpec: abstract new () => object;
  readonly HasProps: PageModelClass;
}

/**
 * Builds a model of a class with a value for each required property: a data spec gets a field of its own name, a
 * model reference a model built the same way (concrete classes with fewest required properties first), anything else
 * the first value its kind takes, or an explicit one where bokeh or the model refuses that.
 */
class RequiredValues {
  private static readonly MAX_DEPTH = 6;
  private readonly required = new Map<PageModelClass, PageProperty[]>();
  private readonly classes: { readonly name: string; readonly cls: PageModelClass }[];
  private readonly explicit: Map<PageModelClass, Record<string, () => unknown>>;

  constructor(
    private readonly bokeh: PageBokeh,
    private readonly m: PageModules,
    private readonly abstract: ReadonlySet<string>,
  ) {
    this.classes = [...bokeh.Models.names].sort().map((name) => ({ name, cls: bokeh.Models.get(name) }));
    this.explicit = new Map(Object.entries(this.explicitByName()).map(([name, v]) => [bokeh.Models.get(name), v]));
  }

  /** The registered classes, by name. */
  get all(): readonly { readonly name: string; readonly cls: PageModelClass }[] {
    return this.classes;
  }

  build(cls: PageModelClass, attrs: object, depth: number): PageModel {
    const values: Record<string, unknown> = { ...attrs };
    for (const prop of this.requiredOf(cls)) values[prop.attr] = this.valueOfProperty(cls, prop, depth);
    const model = new cls(values);
    const unset = [...model].filter((p) => p.is_unset && !p.readonly && !p.internal).map((p) => p.attr);
    if (unset.length > 0) throw new Error(`${unset.join(", ")} unset`);
    return model;
  }

  // Where the value a kind takes first is refused: by bokeh, whose kinds are stricter than BokehJS's `Unknown` and
  // `AnyRef` (slider values, Indexed's renderer), or by the model itself (GeoJSONDataSource parses its string).
  private explicitByName(): Record<string, Record<string, () => unknown>> {
    const point = { type: "Feature", geometry: { type: "Point", coordinates: [0, 0] }, properties: {} };
    return {
      RangeSlider: { value: () => [0, 0] },
      DateRangeSlider: { value: () => [0, 0] },
      DatetimeRangeSlider: { value: () => [0, 0] },
      CategoricalSlider: { value: () => "" },
      GeoJSONDataSource: { geojson: () => JSON.stringify({ type: "FeatureCollection", features: [point] }) },
      Indexed: { renderer: () => this.build(this.bokeh.Models.get("GlyphRenderer"), {}, 1) },
    };
  }

  /** The properties without a default; deferred construction (an `id` alone) makes them without initializing. */
  private requiredOf(cls: PageModelClass): PageProperty[] {
    const known = this.required.get(cls);
    if (known !== undefined) return known;
    const probe = new cls({ id: "fidelity-probe" });
    const unset = (p: PageProperty) => {
      try {
        return p.default_value(probe) === this.m.unset;
      } catch {
        return false; // a default computed from other properties
      }
    };
    const props = [...probe].filter((p) => !p.readonly && !p.internal && unset(p));
    this.required.set(cls, props);
    return props;
  }

  private valueOfProperty(cls: PageModelClass, prop: PageProperty, depth: number): unknown {
    const explicit = this.explicit.get(cls)?.[prop.attr];
    if (explicit !== undefined) return explicit();
    if (prop instanceof this.m.VectorSpec) return { field: prop.attr };
    const value = this.valueFor(prop.kind, depth);
    if (value === undefined) throw new Error(`no value of kind ${String(prop.kind)} for ${prop.attr}`);
    return value.value;
  }

  private valueFor(kind: PageKind, depth: number): { value: unknown } | undefined {
    const K = this.m.kinds;
    const found = (value: unknown) => (kind.valid(value) ? { value } : undefined);
    if (kind instanceof K.Ref) return this.instanceOf(kind.obj_type, depth);
    if (kind instanceof K.AnyRef) return this.instanceOf(this.m.HasProps, depth);
    if (kind instanceof K.Enum) return found([...kind.values][0]);
    if (kind instanceof K.PrefixedStr) return found(kind.prefix);
    if (kind instanceof K.Color) return found("black");
    if (kind instanceof K.Or) return kind.types.map((type) => this.valueFor(type, depth)).find((v) => v !== undefined);
    if (kind instanceof K.Tuple) return this.items(kind.types, depth, found);
    if (kind instanceof K.NonEmptyList) return this.items([kind.item_type], depth, found);
    if (kind instanceof K.Struct) {
      const keys = Object.keys(kind.struct_type);
      const items = this.items(Object.values(kind.struct_type), depth, (v) => ({ value: v }));
      return items && found(Object.fromEntries(keys.map((key, i) => [key, (items.value as unknown[])[i]])));
    }
    const simple = [0, 1, "", false, null, [], {}, new Map(), new Set(), new ArrayBuffer(0)];
    return simple.map(found).find((v) => v !== undefined);
  }

  /** An array with a value for each kind, if each has one. */
  private items(
    kinds: readonly PageKind[],
    depth: number,
    found: (value: unknown[]) => { value: unknown } | undefined,
  ): { value: unknown } | undefined {
    const items = kinds.map((kind) => this.valueFor(kind, depth));
    return items.every((item) => item !== undefined) ? found(items.map((item) => item?.value)) : undefined;
  }

  private instanceOf(base: PageModelClass, depth: number): { value: PageModel } | undefined {
    if (depth >= RequiredValues.MAX_DEPTH) return undefined;
    const rank = (c: { name: string; cls: PageModelClass }) =>
      (this.abstract.has(c.name) ? 1000 : 0) + this.requiredOf(c.cls).length;
    const fitting = this.classes
      .filter(({ cls }) => cls === base || cls.prototype instanceof base)
      .sort((a, b) => rank(a) - rank(b));
    for (const { cls } of fitting) {
      try {
        return { value: this.build(cls, {}, depth + 1) };
      } catch {
        // the next class may do
      }
    }
    return undefined;
  }
}

/** In the page: one model of every registered class as a root named `fidelity-<name>`. */
function addEveryModel(abstractNames: readonly string[]): EveryModel {
  const bokeh = (window as unknown as { Bokeh: PageBokeh }).Bokeh;
  const modules: PageModules = {
    kinds: (bokeh.require("core/kinds") as { Kinds: PageKinds }).Kinds,
    ...(bokeh.require("core/properties") as { VectorSpec: abstract new () => object; unset: symbol }),
    HasProps: (bokeh.require("core/has_props") as { HasProps: PageModelClass }).HasProps,
  };
  const values = new RequiredValues(bokeh, modules, new Set(abstractNames));
  const doc = bokeh.documents[0]!;
  const added: string[] = [];
  const refused: Record<string, string> = {};
  for (const { name, cls } of values.all) {
    try {
      doc.add_root(values.build(cls, { name: `fidelity-${name}` }, 0));
      added.push(name);
    } catch (error) {
      refused[name] = String(error).split("\n")[0] ?? "";
    }
  }
  return { added, refused };
}

/**
 * The script that gives the page `fidelity.addEveryModel(abstractNames)` and `fidelity.dumpRoots()`: one call can add
 * the models and read what was sent in the same task, before views change the models.
 */
export function fidelityScript(): string {
  return `${RequiredValues}\n${addEveryModel}\n${dumpRoots}\nwindow.fidelity = { addEveryModel, dumpRoots };`;
}

/** What {@link fidelityScript} gives the page. */
export interface PageFidelity {
  addEveryModel(abstractNames: readonly string[]): EveryModel;
  dumpRoots(): Record<string, string>;
}

/** In the page: per root named `fidelity-*`, every property value as BokehJS's own serializer writes it. */
export function dumpRoots(): Record<string, string> {
  const bokeh = (window as unknown as { Bokeh: PageBokeh }).Bokeh;
  const { Serializer } = bokeh.require("core/serialization") as {
    Serializer: new (options: { binary: boolean; include_defaults: boolean }) => { encode(value: unknown): unknown };
  };
  const out: Record<string, string> = {};
  for (const root of bokeh.documents[0]!.roots()) {
    if (!root.name?.startsWith("fidelity-")) continue;
    const values: Record<string, unknown> = {};
    for (const prop of root) {
      if (prop.internal) continue; // client-side state, never synchronized
      if (prop.is_unset) {
        values[prop.attr] = "(unset)"; // readonly, set by a view (a plot's inner_width); not sent while unset
        continue;
      }
      try {
        values[prop.attr] = new Serializer({ binary: false, include_defaults: true }).encode(prop.get_value());
      } catch {
        values[prop.attr] = "(not serializable)";
      }
    }
    // Nested default models BokehJS does not send are made by the server: the same values, other ids.
    out[root.name] = JSON.stringify(values).replace(/"id":"[^"]*"/g, '"id":"…"');
  }
  return out;
}

/** In the page: how BokehJS fares loading one model from a document's JSON, as it loads any server's document. */
export function loadFromJson(model: { readonly name: string; readonly attributes: object }): string {
  const bokeh = (window as unknown as { Bokeh: PageBokeh & { version: string } }).Bokeh;
  const { Document } = bokeh.require("document") as { Document: { from_json(json: object): unknown } };
  const root = { type: "object", id: "fidelity-load", ...model };
  try {
    Document.from_json({ version: bokeh.version, title: "", roots: [root] });
    return "loaded";
  } catch (error) {
    return String(error).split("\n")[0] ?? "";
  }
}
