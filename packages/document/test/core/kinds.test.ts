import t, { type Test } from "tap";
import * as k from "../../src/core/kinds.js";

/** A stand-in model: kinds check models structurally, by Bokeh name. */
const model = (...names: string[]): k.ModelLike => ({ isA: (name: string) => names.includes(name) });

const accepts = (t: Test, kind: k.Kind<unknown>, values: unknown[]) => {
  for (const v of values) t.ok(kind.valid(v), `${kind} accepts ${describe(v)}`);
};
const rejects = (t: Test, kind: k.Kind<unknown>, values: unknown[]) => {
  for (const v of values) t.notOk(kind.valid(v), `${kind} rejects ${describe(v)}`);
};
const describe = (v: unknown): string => {
  if (v instanceof Map) return `Map(${v.size})`;
  if (v instanceof Set) return `Set(${v.size})`;
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  if (typeof v === "function") return "function";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

t.test("kinds read like BokehJS's kind names", async (t) => {
  t.equal(String(k.Nullable(k.Ref("Range"))), "Nullable(Ref(Range))");
  t.equal(String(k.Enum("left", "right")), "Enum(left, right)");
  t.equal(String(k.Or(k.Float, k.Tuple(k.Str, k.Int))), "Or(Float, Tuple(Str, Int))");
  t.equal(String(k.Struct({ x: k.Float, y: k.Opt(k.Str) })), "Struct({x: Float, y: Opt(Str)})");
  t.equal(String(k.PartialStruct({ x: k.Float })), "PartialStruct({x?: Float})");
  t.equal(String(k.KeyVal(k.PrefixedStr("@"), k.Func())), "KeyVal(PrefixedStr(@), Func((?), ?))");
  t.equal(String(k.Mapping(k.Or(k.Str, k.Float), k.Str)), "Mapping(Or(Str, Float), Str)");
  t.equal(String(k.NonNegative(k.Int)), "NonNegative(Int)");
  t.equal(String(k.Regex(/^a+$/)), "Regex(/^a+$/)");
  t.equal(String(k.Arrayable(k.Float)), "Arrayable(Float)");
  t.equal(String(k.NumberSpec), "NumberSpec");
  t.equal(String(k.ColorScalar), "ColorScalar");
  t.equal(String(k.DictScalar(k.Ref("Texture"))), "DictScalar");
});

t.test("numbers", async (t) => {
  accepts(t, k.Float, [0, -1.5, NaN, Infinity]);
  rejects(t, k.Float, ["1", null, undefined]);
  accepts(t, k.Int, [0, -3, 2 ** 40]);
  rejects(t, k.Int, [1.5, NaN, "1"]);
  accepts(t, k.Percent, [0, 0.5, 1]);
  rejects(t, k.Percent, [-0.1, 1.01, NaN]);
  t.equal(k.Alpha, k.Percent);
  accepts(t, k.NonNegative(k.Int), [0, 7]);
  rejects(t, k.NonNegative(k.Int), [-1, 0.5]);
  accepts(t, k.Positive(k.Float), [0.1]);
  rejects(t, k.Positive(k.Float), [0, -1]);
});

t.test("colors: named, hex, rgb()/rgba(), hsl(), tuples and RGBA integers", async (t) => {
  accepts(t, k.Color, [
    "red",
    "Firebrick",
    " navy ",
    "transparent",
    "rebeccapurple",
    "#abc",
    "#abcd",
    "#aabbcc",
    "#aabbcc80",
    "#AABBCC",
    "rgb(0, 128, 255)",
    "rgba(0, 128, 255, 0.5)",
    "rgb(0 128 255)",
    "rgb(0 128 255 / 50%)",
    "rgb(10%, 20%, 30%)",
    "hsl(120, 50%, 50%)",
    "hsl(120deg 50% 50% / 0.3)",
    [255, 0, 0],
    [255, 0, 0, 0.5],
    0xff0000ff,
    0,
  ]);
  rejects(t, k.Color, [
    "",
    "notacolor",
    "#ab",
    "#abcde",
    "#ggg",
    "rgb(1, 2)",
    "rgb(1%, 2, 3)",
    "rgb(a, b, c)",
    "hsl(x, y, z)",
    [255, 0],
    [1, 2, 3, 4, 5],
    ["r", "g", "b"],
    1.5,
    null,
    undefined,
    {},
  ]);
  accepts(t, k.Nullable(k.Color), [null, "blue"]);
});

t.test("strings", async (t) => {
  accepts(t, k.Regex(/^\d+$/), ["123"]);
  rejects(t, k.Regex(/^\d+$/), ["12a", 12]);
  const sticky = k.Regex(/^a/g);
  t.ok(sticky.valid("ab") && sticky.valid("ab"), "a global regex does not keep state between checks");
  accepts(t, k.PrefixedStr("@"), ["@", "@marker"]);
  rejects(t, k.PrefixedStr("@"), ["marker", 1]);
  accepts(t, k.CSSLength, ["12px", "1em"]);
  accepts(t, k.Auto, ["auto"]);
  rejects(t, k.Auto, ["Auto", null]);
  accepts(t, k.Enum("a", "b"), ["a", "b"]);
  rejects(t, k.Enum("a", "b"), ["c", undefined]);
});

t.test("containers", async (t) => {
  accepts(t, k.List(k.Int), [[], [1, 2]]);
  rejects(t, k.List(k.Int), [[1.5], new Set([1]), "12"]);
  accepts(t, k.NonEmptyList(k.Str), [["a"]]);
  rejects(t, k.NonEmptyList(k.Str), [[], [1]]);
  accepts(t, k.Arrayable(k.Float), [[1, 2], new Float64Array(2), new Int32Array(1), new Uint8Array(3)]);
  rejects(t, k.Arrayable(k.Float), [["a"], new DataView(new ArrayBuffer(1)), { length: 1 }]);
  accepts(t, k.Tuple(k.Str, k.Float), [["a", 1]]);
  rejects(t, k.Tuple(k.Str, k.Float), [["a"], ["a", 1, 2], [1, "a"]]);
  const grid = k.Tuple(k.Ref("UIElement"), k.Int, k.Int, k.Opt(k.Int), k.Opt(k.Int));
  accepts(t, grid, [
    [model("UIElement"), 0, 1],
    [model("UIElement"), 0, 1, 2, 2],
  ]);
  rejects(t, grid, [
    [model("UIElement"), 0],
    [model("Range"), 0, 1],
  ]);
  accepts(t, k.Dict(k.Float), [{}, { a: 1 }, new Map([["a", 1]])]);
  rejects(t, k.Dict(k.Float), [{ a: "x" }, new Map([[1, 1]]), [1]]);
  t.same(k.Dict(k.Float).coerce!(new Map([["a", 1]])), { a: 1 }, "dictionaries are stored as plain objects");
  accepts(t, k.KeyVal(k.PrefixedStr("@"), k.Str), [{ "@a": "x" }, new Map([["@b", "y"]])]);
  t.same(k.KeyVal(k.PrefixedStr("@"), k.Str).coerce!(new Map([["@b", "y"]])), { "@b": "y" });
  rejects(t, k.KeyVal(k.PrefixedStr("@"), k.Str), [{ a: "x" }]);
  accepts(t, k.Set(k.Str), [new Set(["a"])]);
  t.same(k.Set(k.Str).coerce!(["a", "a"]), new Set(["a"]), "a list is turned into a set");
  const mapping = k.Mapping(k.Or(k.Str, k.Float), k.Str);
  accepts(t, mapping, [
    new Map<unknown, string>([
      [1, "one"],
      ["x", "ex"],
    ]),
  ]);
  rejects(t, mapping, [{ a: "x" }, new Map([[true, "x"]])]);
  t.same(mapping.coerce!({ a: "x" }), new Map([["a", "x"]]), "a plain object is turned into a Map");
  const iterable = k.Iterable(k.Bool);
  t.same(iterable.coerce!(new Set([true, false])), [true, false], "iterables are stored as arrays");
  t.ok(iterable.valid([true]));
  t.notOk(iterable.valid([1]));
});

t.test("structs", async (t) => {
  const s = k.Struct({ x: k.Float, y: k.Opt(k.Str) });
  accepts(t, s, [{ x: 1 }, { x: 1, y: "a" }]);
  rejects(t, s, [{}, { x: 1, z: 2 }, { x: "1" }, [1], new Map()]);
  const p = k.PartialStruct({ top: k.Int, left: k.Int });
  accepts(t, p, [{}, { top: 1 }, { top: 1, left: 2 }]);
  rejects(t, p, [{ bottom: 1 }, { top: "1" }]);
});

t.test("references, dates, bytes, functions and nodes", async (t) => {
  const range = k.Ref("Range");
  accepts(t, range, [model("DataRange1d", "DataRange", "Range")]);
  rejects(t, range, [model("Plot"), {}, null]);
  accepts(t, k.Ref("HasProps"), [model("Plot")]);
  accepts(t, k.AnyRef(), [model("Plot")]);
  rejects(t, k.AnyRef(), [{}]);
  accepts(t, k.Datetime, [new Date(0), "2024-01-01", 1e12]);
  rejects(t, k.Datetime, [null, true]);
  accepts(t, k.JSDate, [new Date()]);
  rejects(t, k.JSDate, ["2024-01-01"]);
  accepts(t, k.Bytes, [new ArrayBuffer(2), new Uint8Array(2), Buffer.from("ab")]);
  rejects(t, k.Bytes, ["ab", new Float32Array(1)]);
  accepts(t, k.Func(), [() => 1]);
  rejects(t, k.Func(), ["() => 1"]);
  rejects(t, k.Node, [{ nodeType: 1 }, "<div>"]);
  rejects(t, k.Foreign("BitSet"), [{}, []]);
  accepts(t, k.Any, [null, 0, ""]);
  rejects(t, k.Any, [undefined]);
});

t.test("data specs: shape and validation", async (t) => {
  const transform = model("Jitter", "Transform");
  const expression = model("Stack", "Expression");
  accepts(t, k.NumberSpec, [
    { value: 1 },
    { field: "x" },
    { expr: expression },
    { field: "x", transform },
    { value: NaN },
  ]);
  rejects(t, k.NumberSpec, [
    1,
    "x",
    {},
    { value: "1" },
    { value: 1, field: "x" },
    { field: 1 },
    { expr: transform },
    { field: "x", transform: expression },
    { value: 1, units: "data" },
    { value: 1, extra: true },
  ]);
  accepts(t, k.AngleSpec, [
    { value: 1, units: "deg" },
    { field: "a", units: "rad" },
  ]);
  rejects(t, k.AngleSpec, [{ value: 1, units: "data" }]);
  accepts(t, k.DistanceSpec, [{ value: 2, units: "screen" }]);
  rejects(t, k.DistanceSpec, [{ value: 2, units: "deg" }]);
  accepts(t, k.NullDistanceSpec, [{ value: null }]);
  accepts(t, k.ScreenSizeSpec, [{ value: 0 }, { field: "s" }]);
  rejects(t, k.ScreenSizeSpec, [{ value: -1 }]);
  accepts(t, k.ColorSpec, [{ value: "red" }, { value: null }, { value: [1, 2, 3] }, { field: "c" }]);
  rejects(t, k.ColorSpec, [{ value: "nocolor" }]);
  accepts(t, k.XCoordinateSpec, [{ value: 1 }, { value: "cat" }, { value: ["a", "b"] }]);
  accepts(t, k.XCoordinateSeqSpec, [{ value: [1, 2] }, { value: new Float64Array(2) }]);
  accepts(t, k.MarkerSpec, [{ value: "circle" }, { value: "@custom" }]);
  rejects(t, k.MarkerSpec, [{ value: "blob" }]);
  accepts(t, k.LineDashSpec, [{ value: "dashed" }, { value: "4 4" }, { value: [2, 1] }, { value: [] }]);
  rejects(t, k.LineDashSpec, [{ value: "wavy" }]);
  accepts(t, k.TextAnchorSpec, [{ value: "auto" }, { value: "top_left" }, { value: ["left", 0.5] }]);
  rejects(t, k.TextAnchorSpec, [{ value: "middle" }]);
});

t.test("data specs: Python Bokeh's shorthands", async (t) => {
  const c = (kind: k.Kind<unknown>, v: unknown) => kind.coerce!(v);
  t.same(c(k.NumberSpec, 10), { value: 10 }, "number → value");
  t.same(c(k.NumberSpec, "pressure"), { field: "pressure" }, "string → field");
  t.same(c(k.NumberSpec, new Date(5)), { value: 5 }, "Date → milliseconds");
  t.same(
    c(k.NumberSpec, { value: 3, transform: "t" }),
    { value: 3, transform: "t" },
    "spec objects pass (then get validated)",
  );
  const expression = model("Stack", "Expression");
  t.same(c(k.NumberSpec, expression), { expr: expression }, "an Expression model → expr");
  t.same(c(k.ColorSpec, "firebrick"), { value: "firebrick" }, "a color → value");
  t.same(c(k.ColorSpec, "#a4225f"), { value: "#a4225f" });
  t.same(c(k.ColorSpec, "rgba(1, 2, 3, 0.5)"), { value: "rgba(1, 2, 3, 0.5)" });
  t.same(c(k.ColorSpec, [1, 2, 3]), { value: [1, 2, 3] });
  t.same(c(k.ColorSpec, null), { value: null });
  t.same(c(k.ColorSpec, "foo"), { field: "foo" }, "not a color → field");
  t.same(c(k.StringSpec, "title"), { field: "title" }, "StringSpec: strings are fields");
  t.same(c(k.FontSpec, "times"), { field: "times" }, "text_font is a StringSpec in Python");
  t.same(c(k.NullStringSpec, null), { value: null });
  t.same(c(k.NullStringSpec, "label"), { field: "label" });
  t.same(c(k.FontSizeSpec, "13px"), { value: "13px" }, "a CSS length → value");
  t.same(c(k.FontSizeSpec, "1.5em"), { value: "1.5em" });
  t.same(c(k.FontSizeSpec, "foo"), { field: "foo" });
  t.same(c(k.MarkerSpec, "square"), { value: "square" });
  t.same(c(k.MarkerSpec, "@star"), { value: "@star" });
  t.same(c(k.MarkerSpec, "markers"), { field: "markers" });
  t.same(c(k.LineJoinSpec, "round"), { value: "round" });
  t.same(c(k.LineJoinSpec, "joins"), { field: "joins" });
  t.same(c(k.LineDashSpec, "4 4"), { value: "4 4" });
  t.same(c(k.LineDashSpec, [4, 4]), { value: [4, 4] });
  t.same(c(k.HatchPatternSpec, "/"), { value: "/" });
  t.same(c(k.HatchPatternSpec, "ring"), { value: "ring" });
  t.same(c(k.HatchPatternSpec, "patterns"), { field: "patterns" });
  t.same(c(k.XCoordinateSpec, ["a", "b"]), { value: ["a", "b"] }, "a factor tuple → value");
  t.same(c(k.XCoordinateSpec, "x"), { field: "x" });
  t.same(c(k.XCoordinateSeqSpec, [1, 2]), { value: [1, 2] });
  t.same(c(k.AngleSpec, 1.5), { value: 1.5 });
  t.same(c(k.TextAnchorSpec, "center"), { value: "center" });
  t.same(k.field("x", { units: "screen" }), { field: "x", units: "screen" });
  t.same(k.value(1), { value: 1 });
});

t.test("scalar visual properties hold plain values", async (t) => {
  t.same(k.ColorScalar.coerce!({ value: "red" }), "red", "BokehJS's {value} form is unwrapped");
  accepts(t, k.ColorScalar, ["red", null]);
  rejects(t, k.ColorScalar, [{ value: "red" }, "nocolor"]);
  accepts(t, k.NumberScalar, [1]);
  accepts(t, k.LineDashScalar, ["dotted", [1, 2]]);
  accepts(t, k.LineJoinScalar, ["miter"]);
  rejects(t, k.LineJoinScalar, ["pointy"]);
  const extra = k.DictScalar(k.Ref("Texture"));
  accepts(t, extra, [{}, { a: model("ImageURLTexture", "Texture") }]);
  rejects(t, extra, [{ a: 1 }]);
});

t.test("coercion goes through nullable, optional, or and container kinds", async (t) => {
  t.same(k.Nullable(k.NumberSpec).coerce!(1), { value: 1 });
  t.equal(k.Nullable(k.NumberSpec).coerce!(null), null);
  t.same(k.List(k.Set(k.Str)).coerce!([["a"]]), [new Set(["a"])]);
  t.same(k.Or(k.Float, k.Set(k.Str)).coerce!(["a"]), new Set(["a"]));
  t.same(k.Tuple(k.Set(k.Str), k.Float).coerce!([["a"], 1]), [new Set(["a"]), 1]);
});
