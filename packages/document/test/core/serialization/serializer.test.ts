import { gunzipSync } from "node:zlib";
import t from "tap";
import { HasProps } from "../../../src/core/has-props.js";
import { Deserializer } from "../../../src/core/serialization/deserializer.js";
import { DeserializationError, UnknownReferenceError } from "../../../src/core/serialization/errors.js";
import { Serializer } from "../../../src/core/serialization/serializer.js";
import { NDArray } from "../../../src/core/util/ndarray.js";
import { Slice } from "../../../src/document/events.js";
import { TestWidget } from "../../fixtures/test-models.js";

t.test("special numbers, maps, sets, dates and slices", async (t) => {
  const s = new Serializer();
  t.same(s.encode([1, NaN, Infinity, -Infinity]), [
    1,
    { type: "number", value: "nan" },
    { type: "number", value: "+inf" },
    { type: "number", value: "-inf" },
  ]);
  t.same(s.encode({ a: 1 }), { type: "map", entries: [["a", 1]] });
  t.same(s.encode({}), { type: "map" });
  t.same(s.encode(new Map([[1, "x"]])), { type: "map", entries: [[1, "x"]] });
  t.same(s.encode(new Set(["button_click"])), { type: "set", entries: ["button_click"] });
  t.same(s.encode(new Set()), { type: "set" });
  t.equal(
    s.encode(new Date(Date.UTC(2024, 0, 2))),
    1704153600000,
    "dates travel as milliseconds, as Python sends them",
  );
  t.same(s.encode(new Slice(1, 3)), { type: "slice", start: 1, stop: 3, step: null });
  t.throws(() => s.encode(() => 1), /cannot serialize/);
});

t.test("typed arrays become ndarray reps over binary buffers without copying", async (t) => {
  const s = new Serializer();
  const x = new Float64Array([0, 1, 2]);
  const rep = s.encode({ x }) as { entries: [string, { array: { data: { id: string } } }][] };
  t.same(rep, {
    type: "map",
    entries: [
      [
        "x",
        { type: "ndarray", array: { type: "bytes", data: { id: "0" } }, shape: [3], dtype: "float64", order: "little" },
      ],
    ],
  });
  t.equal(s.buffers.get("0"), x, "the buffer is the array itself");
  const img = new NDArray(new Float32Array(6), [2, 3]);
  t.match(s.encode(img), { type: "ndarray", shape: [2, 3], dtype: "float32" });
});

t.test("base64 mode gzips the bytes inline", async (t) => {
  const s = new Serializer({ binary: false });
  const rep = s.encode(new Uint8Array([104, 101, 108, 108, 111])) as { array: { data: string } };
  t.equal(s.buffers.size, 0);
  t.equal(gunzipSync(Buffer.from(rep.array.data, "base64")).toString(), "hello");
});

t.test("models: full definition once, then references; known ids are respected", async (t) => {
  const child = new TestWidget({ label: "child" });
  const parent = new TestWidget({ value: 2, children: [child, child] });
  const s = new Serializer();
  t.same(s.encode(parent), {
    type: "object",
    name: "TestWidget",
    id: parent.id,
    attributes: {
      value: 2,
      children: [
        { type: "object", name: "TestWidget", id: child.id, attributes: { label: "child" } },
        { id: child.id },
      ],
    },
  });
  t.same(s.encode(parent), { id: parent.id });
  const s2 = new Serializer({ known: new Set([child]) });
  t.same((s2.encode(parent) as { attributes: { children: unknown[] } }).attributes.children, [
    { id: child.id },
    { id: child.id },
  ]);
  t.same(
    new Serializer().encode(HasProps.createWithId("TestWidget", "bare")),
    { type: "object", name: "TestWidget", id: "bare" },
    "no attributes key when nothing is set",
  );
});

t.test("round trip through the deserializer", async (t) => {
  const child = new TestWidget({ label: "c" });
  const value = { n: [1, NaN, -Infinity], col: new Int32Array([1, 2, 3]), m: child, s: new Set([1]) };
  const s = new Serializer();
  const wire = JSON.parse(JSON.stringify(s.encode(value)));
  const buffers = new Map(
    [...s.buffers].map(([id, v]) => [id, new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength))]),
  );
  const d = new Deserializer(() => undefined, buffers);
  const out = d.decode(wire) as Record<string, unknown>;
  d.finalize();
  t.same(out.n, [1, NaN, -Infinity]);
  t.ok(out.col instanceof Int32Array);
  t.same([...(out.col as Int32Array)], [1, 2, 3]);
  const m = out.m as TestWidget;
  t.ok(m instanceof TestWidget);
  t.equal(m.id, child.id);
  t.equal(m.label, "c");
  t.same(out.s, new Set([1]));
});

t.test("decoding errors name what is wrong", async (t) => {
  const d = new Deserializer((id) => (id === "known" ? new TestWidget() : undefined));
  t.throws(() => d.decode({ type: "bytes", data: { id: "0" } }), new DeserializationError("can't resolve buffer '0'"));
  t.throws(() => d.decode({ id: "p999999" }), UnknownReferenceError);
  t.throws(() => d.decode({ type: "object", name: "NoSuchModel", id: "z" }), /unknown model type 'NoSuchModel'/);
  t.throws(() => d.decode({ type: "weird" }), /unsupported representation/);
  t.throws(() => d.decode({ type: "symbol", name: "x" }), DeserializationError);
  t.throws(() => d.decode({ type: "number", value: "many" }), DeserializationError);
  t.ok(d.decode({ id: "known" }) instanceof TestWidget);
});

t.test("nested definitions may refer back to models being defined (cycles)", async (t) => {
  const d = new Deserializer(() => undefined);
  const a = d.decode({
    type: "object",
    name: "TestWidget",
    id: "a",
    attributes: { child: { type: "object", name: "TestWidget", id: "b", attributes: { child: { id: "a" } } } },
  }) as TestWidget;
  d.finalize();
  const b = a.child as TestWidget;
  t.equal(b.id, "b");
  t.equal(b.child, a);
});

t.test("misaligned and big-endian buffers are copied into proper arrays", async (t) => {
  const raw = new Uint8Array(17);
  new DataView(raw.buffer).setFloat64(1, 2.5, true);
  new DataView(raw.buffer).setFloat64(9, -1, false);
  const d = new Deserializer(
    () => undefined,
    new Map([
      ["a", raw.subarray(1, 9)],
      ["b", raw.subarray(9, 17)],
    ]),
  );
  const a = d.decode({
    type: "ndarray",
    array: { type: "bytes", data: { id: "a" } },
    shape: [1],
    dtype: "float64",
    order: "little",
  }) as Float64Array;
  const b = d.decode({
    type: "typed_array",
    array: { type: "bytes", data: { id: "b" } },
    dtype: "float64",
    order: "big",
  }) as Float64Array;
  t.equal(a[0], 2.5);
  t.equal(b[0], -1);
});
