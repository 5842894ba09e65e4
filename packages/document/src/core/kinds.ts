import { isExplicitSpec } from "./explicit-spec.js";

/**
 * Property kinds: runtime validators that mirror BokehJS's `core/kinds`, so a value the server accepts is one
 * BokehJS accepts too. `coerce` turns Bokeh's shorthands (e.g. a column name for a data spec) into the stored form.
 *
 * `toString()` spells a kind the way BokehJS does (`Nullable(Ref(Range))`, `Enum(left, right)`), and data spec
 * kinds are named after BokehJS's property classes (`NumberSpec`, `ColorSpec`, …).
 */

import { isPaletteName, type PaletteName, paletteByName } from "../palettes/names.js";

export type { PaletteName } from "../palettes/names.js";
export interface Kind<T> {
  /** Type-level carrier only; never set at runtime. */
  readonly __type__?: T;
  /** Set on data spec kinds: their values are `{value}`/`{field}`/`{expr}` objects with reps of their own. */
  readonly dataSpec?: true;
  valid(value: unknown): boolean;
  coerce?(value: unknown): unknown;
  toString(): string;
}

export type KindType<K> = K extends Kind<infer T> ? T : never;

const kind = <T>(name: string, valid: (value: unknown) => boolean, coerce?: (value: unknown) => unknown): Kind<T> => ({
  valid,
  ...(coerce !== undefined ? { coerce } : {}),
  toString: () => name,
});

/** Coerces with `k` when it has a coercion, else returns the value unchanged. */
const coerceWith = (k: Kind<unknown>, value: unknown): unknown => (k.coerce !== undefined ? k.coerce(value) : value);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

export type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

export const isTypedArray = (value: unknown): value is TypedArray =>
  ArrayBuffer.isView(value) && !(value instanceof DataView);

// ---------------------------------------------------------------------------------------------------------------------
// Primitives

export const Any: Kind<unknown> = kind("Any", (v) => v !== undefined);
export const Unknown: Kind<unknown> = kind("Unknown", (v) => v !== undefined);
export const Bool: Kind<boolean> = kind("Bool", (v) => typeof v === "boolean");
export const Float: Kind<number> = kind("Float", (v) => typeof v === "number");
export const Int: Kind<number> = kind("Int", (v) => typeof v === "number" && Number.isInteger(v));
export const Str: Kind<string> = kind("Str", (v) => typeof v === "string");
export const Null: Kind<null> = kind("Null", (v) => v === null);

/** A number in [0, 1]. */
export const Percent: Kind<number> = kind("Percent", (v) => typeof v === "number" && v >= 0 && v <= 1);
/** @alias Bokeh's name for an opacity in [0, 1]: the same kind as `Percent`. */
export const Alpha = Percent;
/** @alias Bokeh's name for an angle: the same kind as `Float`. */
export const Angle = Float;

export const NonNegative = <T extends number>(base: Kind<T>): Kind<T> =>
  kind(`NonNegative(${base})`, (v) => base.valid(v) && (v as number) >= 0);
export const Positive = <T extends number>(base: Kind<T>): Kind<T> =>
  kind(`Positive(${base})`, (v) => base.valid(v) && (v as number) > 0);

/** Raw bytes: an ArrayBuffer or a byte view of one (a Node.js Buffer is a Uint8Array). */
export type BytesValue = ArrayBuffer | Uint8Array;
export const Bytes: Kind<BytesValue> = kind("Bytes", (v) => v instanceof ArrayBuffer || v instanceof Uint8Array);

export const Regex = (regex: RegExp): Kind<string> => {
  const re = new RegExp(regex.source, regex.flags.replace(/[gy]/g, "")); // stateless, unlike a global/sticky regex
  return kind(`Regex(${regex})`, (v) => typeof v === "string" && re.test(v));
};

export const PrefixedStr = <P extends string>(prefix: P): Kind<`${P}${string}`> =>
  kind(`PrefixedStr(${prefix})`, (v) => typeof v === "string" && v.startsWith(prefix));

/** A CSS length (`12px`, `1.5em`); like BokehJS, any string. */
export const CSSLength: Kind<string> = kind("CSSLength", (v) => typeof v === "string");
/** A font family; BokehJS's `Font` property is a plain string. */
export const Font: Kind<string> = kind("Font", (v) => typeof v === "string");
/** A CSS font size; like BokehJS, any string (see `FontSizeSpec` for the shorthand rules). */
export const FontSize: Kind<string> = kind("FontSize", (v) => typeof v === "string");

// ---------------------------------------------------------------------------------------------------------------------
// Combinators

/** `base`'s coercion (if it has one), leaving values that `keep` accepts as they are. */
function coerceUnless(base: Kind<unknown>, keep: (v: unknown) => boolean): ((v: unknown) => unknown) | undefined {
  return base.coerce === undefined ? undefined : (v) => (keep(v) ? v : coerceWith(base, v));
}

export const Nullable = <T>(base: Kind<T>): Kind<T | null> =>
  kind(
    `Nullable(${base})`,
    (v) => v === null || base.valid(v),
    coerceUnless(base, (v) => v === null),
  );

export const Opt = <T>(base: Kind<T>): Kind<T | undefined> =>
  kind(
    `Opt(${base})`,
    (v) => v === undefined || base.valid(v),
    coerceUnless(base, (v) => v === undefined),
  );

export const Or = <T extends unknown[]>(...types: { [I in keyof T]: Kind<T[I]> }): Kind<T[number]> =>
  kind(
    `Or(${types.join(", ")})`,
    (v) => types.some((t) => t.valid(v)),
    (v) => {
      for (const t of types) {
        if (t.valid(v)) return v;
      }
      for (const t of types) {
        if (t.coerce !== undefined) {
          const c = t.coerce(v);
          if (t.valid(c)) return c;
        }
      }
      return v;
    },
  );

/**
 * An array whose items match the given kinds. Trailing items whose kinds accept `undefined` (`Opt`) may be missing,
 * as BokehJS allows (e.g. grid children `[child, row, col]`); extra items are rejected.
 */
export const Tuple = <T extends unknown[]>(...types: { [I in keyof T]: Kind<T[I]> }): Kind<T> =>
  kind(
    `Tuple(${types.join(", ")})`,
    (v) => Array.isArray(v) && v.length <= types.length && types.every((t, i) => t.valid(v[i])),
    types.some((t) => t.coerce !== undefined)
      ? (v) =>
          Array.isArray(v) && v.length <= types.length ? types.slice(0, v.length).map((t, i) => coerceWith(t, v[i])) : v
      : undefined,
  );

const listCoerce = (item: Kind<unknown>) =>
  item.coerce !== undefined ? (v: unknown) => (Array.isArray(v) ? v.map((i) => coerceWith(item, i)) : v) : undefined;

export const List = <T>(item: Kind<T>): Kind<T[]> =>
  kind(`List(${item})`, (v) => Array.isArray(v) && v.every((i) => item.valid(i)), listCoerce(item));

export const NonEmptyList = <T>(item: Kind<T>): Kind<T[]> =>
  kind(
    `NonEmptyList(${item})`,
    (v) => Array.isArray(v) && v.length > 0 && v.every((i) => item.valid(i)),
    listCoerce(item),
  );

/** An array of items, or (like BokehJS, unchecked) a typed array. */
export type Arrayable<T> = T[] | TypedArray;
export const Arrayable = <T>(item: Kind<T>): Kind<Arrayable<T>> =>
  kind(`Arrayable(${item})`, (v) => isTypedArray(v) || (Array.isArray(v) && v.every((i) => item.valid(i))));

/** Any iterable of items; stored as an array (Python's `Seq`), so sets and generators are spread into one. */
export const Iterable = <T>(item: Kind<T>): Kind<T[]> =>
  kind(
    `Iterable(${item})`,
    (v) => Array.isArray(v) && v.every((i) => item.valid(i)),
    (v) =>
      typeof v === "object" && v !== null && !Array.isArray(v) && Symbol.iterator in v
        ? Array.from(v as Iterable<unknown>)
        : v,
  );

/** A Map with string keys becomes a plain object (as the deserializer and BokehJS do): dictionaries are stored as objects. */
const mapToObject = (v: unknown): unknown =>
  v instanceof Map && [...v.keys()].every((key) => typeof key === "string") ? Object.fromEntries(v) : v;

/** A dictionary with string keys; stored as a plain object (a Map with string keys is converted). */
export type DictValue<T> = Record<string, T>;
export const Dict = <T>(item: Kind<T>): Kind<Record<string, T>> =>
  kind(
    `Dict(${item})`,
    (v) =>
      (isPlainObject(v) && Object.values(v).every((i) => item.valid(i))) ||
      (v instanceof Map && [...v].every(([key, i]) => typeof key === "string" && item.valid(i))),
    mapToObject,
  );

/** A dictionary whose (string) keys are constrained by a kind; stored as a plain object. */
export const KeyVal = <K extends string, V>(key: Kind<K>, item: Kind<V>): Kind<Record<string, V>> =>
  kind(
    `KeyVal(${key}, ${item})`,
    (v) =>
      (isPlainObject(v) && Object.entries(v).every(([k, i]) => key.valid(k) && item.valid(i))) ||
      (v instanceof Map && [...v].every(([k, i]) => key.valid(k) && item.valid(i))),
    mapToObject,
  );

/** A Map with arbitrary keys (serialized as `{type: "map"}`); a plain object is converted to one. */
export const Mapping = <K, V>(key: Kind<K>, item: Kind<V>): Kind<Map<K, V>> =>
  kind(
    `Mapping(${key}, ${item})`,
    (v) => v instanceof Map && [...v].every(([k, i]) => key.valid(k) && item.valid(i)),
    (v) => (isPlainObject(v) ? new Map(Object.entries(v)) : v),
  );

const Set_ = <T>(item: Kind<T>): Kind<Set<T>> =>
  kind(
    `Set(${item})`,
    (v) => v instanceof Set && [...v].every((i) => item.valid(i)),
    (v) => (Array.isArray(v) ? new Set(v) : v),
  );

export { Set_ as Set };

export const Enum = <T extends string | number>(...values: T[]): Kind<T> =>
  kind(`Enum(${values.join(", ")})`, (v) => values.includes(v as T));

export const Auto: Kind<"auto"> = Enum("auto");

type StructValue<T> = { [K in keyof T]: T[K] };

/** A plain object with exactly these fields (fields of an `Opt` kind may be missing). */
export const Struct = <T extends Record<string, unknown>>(
  fields: { [K in keyof T]: Kind<T[K]> },
): Kind<StructValue<T>> => {
  const entries = Object.entries(fields) as [string, Kind<unknown>][];
  return kind(
    `Struct({${entries.map(([key, k]) => `${key}: ${k}`).join(", ")}})`,
    (v) =>
      isPlainObject(v) && Object.keys(v).every((key) => key in fields) && entries.every(([key, k]) => k.valid(v[key])),
  );
};

/** A plain object with some of these fields. */
export const PartialStruct = <T extends Record<string, unknown>>(
  fields: { [K in keyof T]: Kind<T[K]> },
): Kind<Partial<T>> => {
  const entries = Object.entries(fields) as [string, Kind<unknown>][];
  return kind(
    `PartialStruct({${entries.map(([key, k]) => `${key}?: ${k}`).join(", ")}})`,
    (v) =>
      isPlainObject(v) &&
      Object.keys(v).every((key) => key in fields) &&
      entries.every(([key, k]) => v[key] === undefined || k.valid(v[key])),
  );
};

/** A JavaScript function (BokehJS callbacks); the server can hold one but never sends it. */
export type JSFunc = (...args: never[]) => unknown;
export const Func = (args: Kind<unknown>[] | null = null, ret: Kind<unknown> | null = null): Kind<JSFunc> =>
  kind(`Func((${args === null ? "?" : args.join(", ")}), ${ret === null ? "?" : ret})`, (v) => typeof v === "function");

// ---------------------------------------------------------------------------------------------------------------------
// References

/** Anything that knows its Bokeh model name chain; implemented by HasProps, checked structurally to avoid an import cycle. */
export interface ModelLike {
  isA(name: string): boolean;
}
export const isModel = (v: unknown): v is ModelLike =>
  typeof v === "object" && v !== null && typeof (v as Partial<ModelLike>).isA === "function";

/** A model of the named Bokeh type or a subtype; `Ref("HasProps")` accepts any model. */
export const Ref = <T>(name: string): Kind<T> =>
  kind(`Ref(${name})`, name === "HasProps" ? isModel : (v) => isModel(v) && v.isA(name));
export const AnyRef = <T>(): Kind<T> => kind("AnyRef", (v) => isModel(v));

/** A JavaScript Date (BokehJS's `Ref(Date)`). */
export const JSDate: Kind<Date> = kind("Ref(Date)", (v) => v instanceof Date);

/** A date or datetime: a Date, an ISO-like string or milliseconds since the epoch (BokehJS's `Or(Ref(Date), Str, Float)`). */
export type DatetimeValue = Date | string | number;
export const Datetime: Kind<DatetimeValue> = kind(
  "Datetime",
  (v) => v instanceof Date || typeof v === "string" || typeof v === "number",
);

/** A DOM node; there are none on the server, so nothing is valid. */
export interface DOMNode {
  readonly nodeType: number;
}
export const Node: Kind<DOMNode> = kind("Node", (v) => {
  const ctor = (globalThis as { Node?: abstract new () => unknown }).Node;
  return typeof ctor === "function" && v instanceof ctor;
});

/** An instance of a non-model BokehJS class (e.g. `BitSet`), only ever held client-side. */
export const Foreign = <T = unknown>(name: string): Kind<T> =>
  kind(`Ref(${name})`, (v) => typeof v === "object" && v !== null && (v as object).constructor?.name === name);

// ---------------------------------------------------------------------------------------------------------------------
// Colors

const NAMED_COLORS = new Set(
  (
    "aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood " +
    "cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray " +
    "darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen " +
    "darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue " +
    "firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew " +
    "hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan " +
    "lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray " +
    "lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue " +
    "mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred " +
    "midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid " +
    "palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple " +
    "rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue " +
    "slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white " +
    "whitesmoke yellow yellowgreen transparent"
  ).split(" "),
);

const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const RGB_MODERN = new RegExp(String.raw`^rgba?\(\s*(${NUM}%?)\s+(${NUM}%?)\s+(${NUM}%?)(?:\s*\/\s*(${NUM}%?))?\s*\)$`);
const RGB_LEGACY = new RegExp(
  String.raw`^rgba?\(\s*(${NUM}%?)\s*,\s*(${NUM}%?)\s*,\s*(${NUM}%?)(?:\s*,\s*(${NUM}%?))?\s*\)$`,
);
const HUE = `${NUM}(?:deg|rad|grad|turn)?`;
const HSL_MODERN = new RegExp(String.raw`^hsla?\(\s*${HUE}\s+${NUM}%?\s+${NUM}%?(?:\s*\/\s*${NUM}%?)?\s*\)$`);
const HSL_LEGACY = new RegExp(String.raw`^hsla?\(\s*${HUE}\s*,\s*${NUM}%\s*,\s*${NUM}%(?:\s*,\s*${NUM}%?)?\s*\)$`);

/** Whether a string is a CSS color BokehJS can parse: a named color, `transparent`, `#rgb[a]`, `#rrggbb[aa]`, `rgb[a](…)`, `hsl[a](…)`. */
export function isColorString(value: string): boolean {
  const color = value.trim().toLowerCase();
  if (color === "") return false;
  if (NAMED_COLORS.has(color)) return true;
  if (color.startsWith("#")) return /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(color);
  if (color.startsWith("rgb")) {
    const m = RGB_MODERN.exec(color) ?? RGB_LEGACY.exec(color);
    if (m === null) return false;
    const percents = m.slice(1, 4).filter((c) => c?.endsWith("%")).length;
    return percents === 0 || percents === 3;
  }
  if (color.startsWith("hsl")) return HSL_MODERN.test(color) || HSL_LEGACY.test(color);
  return false;
}

/**
 * A color as BokehJS accepts it: a CSS color string, an `[r, g, b]` / `[r, g, b, a]` tuple (bytes, alpha in [0, 1]) or
 * an integer packing RGBA as 0xRRGGBBAA.
 */
export type ColorValue = string | number | [number, number, number] | [number, number, number, number];
export const isColor = (v: unknown): v is ColorValue =>
  (typeof v === "number" && Number.isInteger(v)) ||
  (typeof v === "string" && isColorString(v)) ||
  (Array.isArray(v) &&
    (v.length === 3 || v.length === 4) &&
    v.every((c) => typeof c === "number" && Number.isFinite(c)));
export const Color: Kind<ColorValue> = kind("Color", isColor);

/** A list of colors, or a palette name Python accepts in its place (`"Viridis256"`), stored as the palette's colors. */
export type PaletteValue = ColorValue[] | PaletteName;
const listOfColors = (v: unknown): boolean => Array.isArray(v) && v.every(isColor);
export const Palette: Kind<PaletteValue> = kind("Or(List(Color), PaletteName)", listOfColors, (v) =>
  isPaletteName(v) ? [...paletteByName(v)] : v,
);

/**
 * A color mapper property that also takes a palette name, as Python's `Image.color_mapper`: the name becomes a new
 * mapper made by `make` (a LinearColorMapper in Bokeh). Typed as the stored value, which is what reading gives.
 */
export const ColorMapperOrPalette = <T>(base: Kind<T>, make: (palette: ColorValue[]) => T): Kind<T> =>
  kind(`Or(${base}, PaletteName)`, base.valid, (v) => (isPaletteName(v) ? make([...paletteByName(v)]) : v));

// ---------------------------------------------------------------------------------------------------------------------
// Enumerations used by the data specs (as in BokehJS's core/enums)

export const LineJoin = Enum("miter", "round", "bevel");
export const LineCap = Enum("butt", "round", "square");
export const LineDash = Enum("solid", "dashed", "dotted", "dotdash", "dashdot");
export const FontStyle = Enum("normal", "italic", "bold", "bold italic");
export const TextAlign = Enum("left", "right", "center");
export const TextBaseline = Enum("top", "middle", "bottom", "alphabetic", "hanging", "ideographic");
export const AngleUnits = Enum("deg", "rad", "grad", "turn");
export const SpatialUnits = Enum("screen", "data");
export const MarkerType = Enum(
  "asterisk",
  "circle",
  "circle_cross",
  "circle_dot",
  "circle_x",
  "circle_y",
  "cross",
  "dash",
  "diamond",
  "diamond_cross",
  "diamond_dot",
  "dot",
  "hex",
  "hex_dot",
  "inverted_triangle",
  "plus",
  "square",
  "square_cross",
  "square_dot",
  "square_pin",
  "square_x",
  "star",
  "star_dot",
  "triangle",
  "triangle_dot",
  "triangle_pin",
  "x",
  "y",
);
export const HatchPatternType = Enum(
  "blank",
  "dot",
  "ring",
  "horizontal_line",
  "vertical_line",
  "cross",
  "horizontal_dash",
  "vertical_dash",
  "spiral",
  "right_diagonal_line",
  "left_diagonal_line",
  "diagonal_cross",
  "right_diagonal_dash",
  "left_diagonal_dash",
  "horizontal_wave",
  "vertical_wave",
  "criss_cross",
  " ",
  ".",
  "o",
  "-",
  "|",
  "+",
  '"',
  ":",
  "@",
  "/",
  "\\",
  "x",
  ",",
  "`",
  "v",
  ">",
  "*",
);
export const OutlineShapeName = Enum(
  "none",
  "box",
  "rectangle",
  "square",
  "circle",
  "ellipse",
  "trapezoid",
  "parallelogram",
  "diamond",
  "triangle",
);
export const Anchor = Enum(
  "top_left",
  "top_center",
  "top_right",
  "center_left",
  "center_center",
  "center_right",
  "bottom_left",
  "bottom_center",
  "bottom_right",
  "top",
  "left",
  "center",
  "right",
  "bottom",
);

/** A dash pattern: a named pattern, a string of on/off lengths (`"4 4"`) or a list of lengths. */
export const DashPattern: Kind<string | number[]> = Or(LineDash, Regex(/^(\d+(\s+\d+)*)?$/), List(Float));
/** A categorical coordinate: a factor, or a factor with one or two levels of subfactors. */
export const Factor: Kind<string | [string, string] | [string, string, string]> = Or(
  Str,
  Tuple(Str, Str),
  Tuple(Str, Str, Str),
);
/** A text anchor: a named anchor, an (x, y) pair of alignments or fractions, or `auto` (BokehJS's TextAnchor). */
export const TextAnchor = Or(
  Anchor,
  Tuple(
    Or(Enum("start", "center", "end", "left", "right"), Percent),
    Or(Enum("start", "center", "end", "top", "bottom"), Percent),
  ),
  Auto,
);
export type TextAnchorValue = KindType<typeof TextAnchor>;

// Value types of the enumerations and compound kinds above, under the same names.
export type LineJoin = KindType<typeof LineJoin>;
export type LineCap = KindType<typeof LineCap>;
export type LineDash = KindType<typeof LineDash>;
export type FontStyle = KindType<typeof FontStyle>;
export type TextAlign = KindType<typeof TextAlign>;
export type TextBaseline = KindType<typeof TextBaseline>;
export type AngleUnits = KindType<typeof AngleUnits>;
export type SpatialUnits = KindType<typeof SpatialUnits>;
export type MarkerType = KindType<typeof MarkerType>;
export type HatchPatternType = KindType<typeof HatchPatternType>;
export type OutlineShapeName = KindType<typeof OutlineShapeName>;
export type Anchor = KindType<typeof Anchor>;
export type DashPattern = KindType<typeof DashPattern>;
export type Factor = KindType<typeof Factor>;
export type TextAnchor = TextAnchorValue;

// ---------------------------------------------------------------------------------------------------------------------
// Data specs

/** A fixed value for every data point. */
export interface Value<T> {
  value: T;
  transform?: ModelLike;
  units?: string;
}
/** A column of the data source. */
export interface Field {
  field: string;
  transform?: ModelLike;
  units?: string;
}
/** Values computed by an `Expression` model. */
export interface Expr {
  expr: ModelLike;
  transform?: ModelLike;
  units?: string;
}
/** The server-side form of a data spec property: exactly one of `value`, `field` or `expr`. */
export type Spec<T> = Value<T> | Field | Expr;

type SpecExtras = { transform?: ModelLike; units?: string };
export const value = <T>(v: T, extras: SpecExtras = {}): Value<T> => ({ value: v, ...extras });
export const field = (name: string, extras: SpecExtras = {}): Field => ({ field: name, ...extras });
export const expr = (model: ModelLike, extras: SpecExtras = {}): Expr => ({ expr: model, ...extras });

const SPEC_KEYS = new Set(["value", "field", "expr", "transform", "units"]);

/** Whether a plain object has the shape of a spec: exactly one of value/field/expr, and only spec keys. */
export const isSpecObject = (v: unknown): v is Spec<unknown> =>
  isPlainObject(v) &&
  Object.keys(v).every((key) => SPEC_KEYS.has(key)) &&
  (v.value !== undefined ? 1 : 0) + (v.field !== undefined ? 1 : 0) + (v.expr !== undefined ? 1 : 0) === 1;

interface DataSpecOptions {
  /** Kind of a fixed value. */
  value: Kind<unknown>;
  /** Units a spec may carry (units specs only). */
  units?: Kind<string>;
  /** Python Bokeh's shorthand rule: which bare values mean `{value: v}` (anything else that is a string is a field). */
  shorthand: (v: unknown) => boolean;
  /** Normalizes a bare value before wrapping it (e.g. a Date to milliseconds). */
  normalize?: (v: unknown) => unknown;
}

function dataSpec<T>(name: string, options: DataSpecOptions): Kind<Spec<T>> {
  const { value: valueKind, units, shorthand, normalize } = options;
  const spec = kind<Spec<T>>(
    name,
    (v) => {
      if (!isSpecObject(v)) return false;
      const s = v as Partial<Value<unknown> & Field & Expr>;
      if (s.value !== undefined && !valueKind.valid(s.value)) return false;
      if (s.field !== undefined && typeof s.field !== "string") return false;
      if (s.expr !== undefined && !(isModel(s.expr) && s.expr.isA("Expression"))) return false;
      if (s.transform !== undefined && !(isModel(s.transform) && s.transform.isA("Transform"))) return false;
      if (s.units !== undefined && !units?.valid(s.units)) return false;
      return true;
    },
    (v) => {
      if (isPlainObject(v) && ("value" in v || "field" in v || "expr" in v)) return v;
      if (isModel(v) && v.isA("Expression")) return { expr: v };
      if (shorthand(v)) return { value: normalize !== undefined ? normalize(v) : v };
      if (typeof v === "string") return { field: v };
      return v;
    },
  );
  return { ...spec, dataSpec: true };
}

const isNumberLike = (v: unknown): boolean => typeof v === "number" || v instanceof Date;
const dateToNumber = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v);
const CSS_LENGTH = /^[0-9]+(.[0-9]+)?(%|em|ex|ch|ic|rem|vw|vh|vi|vb|vmin|vmax|cm|mm|q|in|pc|pt|px)$/i;

/** Numbers (a Date becomes milliseconds since the epoch) are values, strings are fields. */
export const NumberSpec: Kind<Spec<number>> = dataSpec("NumberSpec", {
  value: Float,
  shorthand: isNumberLike,
  normalize: dateToNumber,
});
/** Python's `AlphaSpec` (a float spec); BokehJS declares alpha properties as plain `NumberSpec`s, as the catalogue does. */
export const AlphaSpec: Kind<Spec<number>> = dataSpec("AlphaSpec", {
  value: Float,
  shorthand: isNumberLike,
  normalize: dateToNumber,
});
export const IntSpec: Kind<Spec<number>> = dataSpec("IntSpec", { value: Int, shorthand: (v) => typeof v === "number" });
export const BooleanSpec: Kind<Spec<boolean>> = dataSpec("BooleanSpec", {
  value: Bool,
  shorthand: (v) => typeof v === "boolean",
});
/** A non-negative screen size (BokehJS's `ScreenSizeSpec`, Python's `SizeSpec`). */
export const ScreenSizeSpec: Kind<Spec<number>> = dataSpec("ScreenSizeSpec", {
  value: NonNegative(Float),
  shorthand: (v) => typeof v === "number",
});
export const AngleSpec: Kind<Spec<number>> = dataSpec("AngleSpec", {
  value: Float,
  units: AngleUnits,
  shorthand: (v) => typeof v === "number",
});
export const DistanceSpec: Kind<Spec<number>> = dataSpec("DistanceSpec", {
  value: Float,
  units: SpatialUnits,
  shorthand: (v) => typeof v === "number",
});
export const NullDistanceSpec: Kind<Spec<number | null>> = dataSpec("NullDistanceSpec", {
  value: Nullable(Float),
  units: SpatialUnits,
  shorthand: (v) => v === null || typeof v === "number",
});

/** A coordinate: a number (or a Date, as milliseconds) or a categorical factor; bare strings are fields. */
export type CoordinateValue = number | string | [string, string] | [string, string, string];
const coordinateSpec = (name: string, units?: Kind<string>) =>
  dataSpec<CoordinateValue>(name, {
    value: Or(Float, Factor),
    units,
    shorthand: (v) => isNumberLike(v) || (Array.isArray(v) && Factor.valid(v)),
    normalize: dateToNumber,
  });
export const CoordinateSpec: Kind<Spec<CoordinateValue>> = coordinateSpec("CoordinateSpec");
export const XCoordinateSpec: Kind<Spec<CoordinateValue>> = coordinateSpec("XCoordinateSpec");
export const YCoordinateSpec: Kind<Spec<CoordinateValue>> = coordinateSpec("YCoordinateSpec");
/** Band's and Whisker's bounds: Python declares them units specs (`lower_units`…, CoordinateUnits), BokehJS not. */
export const XOrYCoordinateSpec: Kind<Spec<CoordinateValue>> = coordinateSpec(
  "XOrYCoordinateSpec",
  Enum("canvas", "screen", "data"),
);

const isArrayish = (v: unknown): boolean => Array.isArray(v) || isTypedArray(v);
/** A sequence of coordinates per data point (multi-lines, patches). */
export const CoordinateSeqSpec: Kind<Spec<Arrayable<CoordinateValue>>> = dataSpec("CoordinateSeqSpec", {
  value: Arrayable(Or(Float, Factor)),
  shorthand: isArrayish,
});
export const XCoordinateSeqSpec: Kind<Spec<Arrayable<CoordinateValue>>> = dataSpec("XCoordinateSeqSpec", {
  value: Arrayable(Or(Float, Factor)),
  shorthand: isArrayish,
});
export const YCoordinateSeqSpec: Kind<Spec<Arrayable<CoordinateValue>>> = dataSpec("YCoordinateSeqSpec", {
  value: Arrayable(Or(Float, Factor)),
  shorthand: isArrayish,
});
/** Polygons with holes, per data point (multi-polygons). */
export type CoordinateSeqSeqSeqValue = Arrayable<number>[][][];
const seqSeqSeq = List(List(List(Arrayable(Float))));
export const XCoordinateSeqSeqSeqSpec: Kind<Spec<CoordinateSeqSeqSeqValue>> = dataSpec("XCoordinateSeqSeqSeqSpec", {
  value: seqSeqSeq,
  shorthand: Array.isArray,
});
export const YCoordinateSeqSeqSeqSpec: Kind<Spec<CoordinateSeqSeqSeqValue>> = dataSpec("YCoordinateSeqSeqSeqSpec", {
  value: seqSeqSeq,
  shorthand: Array.isArray,
});
/** An n-dimensional array per data point (images); arrays and typed arrays are values, strings fields. */
export const NDArraySpec: Kind<Spec<unknown>> = dataSpec("NDArraySpec", { value: Unknown, shorthand: isArrayish });

/** Valid colors and `null` are values, any other string is a field. */
export const ColorSpec: Kind<Spec<ColorValue | null>> = dataSpec("ColorSpec", {
  value: Nullable(Color),
  shorthand: (v) => v === null || isColor(v),
});
/** Strings are always fields (use `value("…")` for a fixed string). */
export const StringSpec: Kind<Spec<string>> = dataSpec("StringSpec", { value: Str, shorthand: () => false });
/** Like `StringSpec`; `null` is a value. */
export const NullStringSpec: Kind<Spec<string | null>> = dataSpec("NullStringSpec", {
  value: Nullable(Str),
  shorthand: (v) => v === null,
});
/** A font family spec; as in Python (`StringSpec`), strings are fields. */
export const FontSpec: Kind<Spec<string>> = dataSpec("FontSpec", { value: Str, shorthand: () => false });
/** CSS lengths (`"13px"`, `"1.5em"`) are values, other strings fields. */
export const FontSizeSpec: Kind<Spec<string>> = dataSpec("FontSizeSpec", {
  value: Str,
  shorthand: (v) => typeof v === "string" && CSS_LENGTH.test(v),
});
const enumSpec = <T extends string>(name: string, values: Kind<T>) =>
  dataSpec<T>(name, { value: values, shorthand: (v) => values.valid(v) });
export const FontStyleSpec: Kind<Spec<FontStyle>> = enumSpec("FontStyleSpec", FontStyle);
export const TextAlignSpec: Kind<Spec<TextAlign>> = enumSpec("TextAlignSpec", TextAlign);
export const TextBaselineSpec: Kind<Spec<TextBaseline>> = enumSpec("TextBaselineSpec", TextBaseline);
export const LineJoinSpec: Kind<Spec<LineJoin>> = enumSpec("LineJoinSpec", LineJoin);
export const LineCapSpec: Kind<Spec<LineCap>> = enumSpec("LineCapSpec", LineCap);
export const OutlineShapeSpec: Kind<Spec<OutlineShapeName>> = enumSpec("OutlineShapeSpec", OutlineShapeName);
/** Named patterns, `"4 4"`-style strings and arrays are values, other strings fields. */
export const LineDashSpec: Kind<Spec<string | number[]>> = dataSpec("LineDashSpec", {
  value: DashPattern,
  shorthand: (v) => DashPattern.valid(v),
});
/** Marker names and `@`-prefixed custom markers are values, other strings fields. */
export const MarkerSpec: Kind<Spec<MarkerType | `@${string}`>> = dataSpec("MarkerSpec", {
  value: Or(MarkerType, PrefixedStr("@")),
  shorthand: (v) => MarkerType.valid(v) || (typeof v === "string" && v.startsWith("@")),
});
/** Hatch pattern names/abbreviations and `null` are values, other strings fields (BokehJS: a `NullStringSpec`). */
export const HatchPatternSpec: Kind<Spec<string | null>> = dataSpec("HatchPatternSpec", {
  value: Nullable(Str),
  shorthand: (v) => v === null || HatchPatternType.valid(v),
});
export const TextAnchorSpec: Kind<Spec<TextAnchorValue>> = dataSpec("TextAnchorSpec", {
  value: TextAnchor,
  shorthand: (v) => TextAnchor.valid(v),
});

/**
 * A Python data spec whose value kind is `value` (Python's `DataSpec` types, for properties BokehJS types
 * otherwise): a spec object, a column name, or a bare value.
 */
export const PythonSpec = (value: Kind<unknown>): Kind<unknown> =>
  kind(`PythonSpec(${value})`, (v) => {
    if (typeof v === "string" || value.valid(v)) return true;
    if (!isSpecObject(v)) return false;
    const s = v as Partial<Value<unknown> & Field & Expr>;
    return (
      (s.value === undefined || value.valid(s.value)) &&
      (s.field === undefined || typeof s.field === "string") &&
      (s.expr === undefined || isModel(s.expr))
    );
  });

// ---------------------------------------------------------------------------------------------------------------------
// Scalar visual properties (BokehJS's `*Scalar` property classes; plain values, as Python's scalar visual props)

/**
 * A plain value; `{value: v}` (as BokehJS serializes a scalar) is unwrapped, unless a client sent it as a value
 * rep: then it is kept as sent (Python declares some of these properties as data specs, see `isExplicitSpec`).
 */
function scalar<T>(name: string, base: Kind<T>): Kind<T> {
  return kind(
    name,
    (v) => base.valid(v) || (isExplicitSpec(v) && isSpecObject(v) && "value" in v && base.valid(v.value)),
    (v) => {
      if (isExplicitSpec(v)) return v;
      const unwrapped = isPlainObject(v) && Object.keys(v).length === 1 && "value" in v ? v.value : v;
      return coerceWith(base, unwrapped);
    },
  );
}

export const ColorScalar: Kind<ColorValue | null> = scalar("ColorScalar", Nullable(Color));
export const NumberScalar: Kind<number> = scalar("NumberScalar", Float);
export const StringScalar: Kind<string> = scalar("StringScalar", Str);
export const NullStringScalar: Kind<string | null> = scalar("NullStringScalar", Nullable(Str));
export const LineJoinScalar: Kind<LineJoin> = scalar("LineJoinScalar", LineJoin);
export const LineCapScalar: Kind<LineCap> = scalar("LineCapScalar", LineCap);
export const LineDashScalar: Kind<string | number[]> = scalar("LineDashScalar", DashPattern);
export const FontScalar: Kind<string> = scalar("FontScalar", Str);
export const FontSizeScalar: Kind<string> = scalar("FontSizeScalar", Str);
export const FontStyleScalar: Kind<FontStyle> = scalar("FontStyleScalar", FontStyle);
export const TextAlignScalar: Kind<TextAlign> = scalar("TextAlignScalar", TextAlign);
export const TextBaselineScalar: Kind<TextBaseline> = scalar("TextBaselineScalar", TextBaseline);
/** Extra hatch patterns by name (`hatch_extra`: textures, Python's `Dict(String, Instance(Texture))`). */
export const DictScalar = <T>(item: Kind<T>): Kind<DictValue<T>> => scalar("DictScalar", Dict(item));
