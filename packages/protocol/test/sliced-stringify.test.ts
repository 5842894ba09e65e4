// Writing a huge message's JSON in time slices: the same text as the one-shot encoding, and the event loop served
// meanwhile.
import t from "tap";
import { encode, encodeInSlices, patchDoc, stringifyJson, wholeFloat } from "../src/index.js";
import { parseJson } from "../src/json/parse.js";
import { stringifyJsonInSlices } from "../src/json/sliced-stringify.js";

const many = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

const VALUES: Record<string, unknown> = {
  scalar: 12.5,
  "small record": { a: [1, "two", null], b: { c: true } },
  "large list of records": many(2000, (i) => ({ id: `m${i}`, attributes: { start: i, end: i + 1 } })),
  "large record": Object.fromEntries(many(1000, (i): [string, unknown] => [`key "${i}"`, [i, `v${i}`]])),
  "large value deep in a small one": { events: [{ kind: "ModelChanged", new: many(1500, (i) => ({ i })) }] },
  "members JSON leaves out or writes as null": {
    list: many(600, (i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? () => i : i)),
    gone: undefined,
    record: Object.fromEntries(many(600, (i): [string, unknown] => [`k${i}`, i % 2 === 0 ? undefined : i])),
    date: new Date(0),
  },
  "whole floats": { values: many(1000, (i) => (i % 2 === 0 ? wholeFloat(i) : i + 0.5)), one: wholeFloat(3) },
  "keys named __proto__": parseJson(`{"__proto__":${JSON.stringify(many(700, (i) => ({ x: i })))},"y":1}`),
  "empty containers": { list: [], record: {}, nested: many(400, () => ({ a: [], b: {} })) },
};

t.test("the text is the one stringifyJson writes", async (t) => {
  for (const [name, value] of Object.entries(VALUES))
    t.equal(await stringifyJsonInSlices(value), stringifyJson(value), name);
});

t.test("a message's frames are the ones encode makes", async (t) => {
  const message = patchDoc(
    [{ kind: "ModelChanged", model: { id: "p1" }, attr: "tags", new: many(5000, (i) => ({ id: `m${i}` })) }],
    new Map([["0", new Uint8Array([1, 2, 3])]]),
  );
  t.same(await encodeInSlices(message), encode(message));
});

t.test("other work runs while a large value is written", async (t) => {
  const value = {
    events: [{ new: many(200_000, (i) => ({ type: "object", id: `m${i}`, attributes: { start: i } })) }],
  };
  let turns = 0;
  let writing = true;
  const count = (): void => {
    turns++;
    if (writing) setImmediate(count);
  };
  setImmediate(count);
  const text = await stringifyJsonInSlices(value, 1);
  writing = false;
  t.ok(turns > 1, `the event loop turned ${turns} times while it was written`);
  t.equal(text.length, stringifyJson(value).length);
});
