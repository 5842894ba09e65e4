import type { PatchEvent } from "@fastify-bokeh/protocol";
import t from "tap";
import { PropertyValueError } from "../../src/core/errors.js";
import { UnknownReferenceError } from "../../src/core/serialization/errors.js";
import { applyPatch, applyPatchInSlices } from "../../src/document/apply-patch.js";
import { Document } from "../../src/document/document.js";
import type { DocumentChangedEvent } from "../../src/document/events.js";
import { Div, Range1d } from "../../src/index.js";

/** Enough new models that applying them takes many ~2 ms slices. */
const MODELS = 20_000;
const conn = { name: "connection" };

/** A document with one Div, and a copy of it (the same roots, with the same ids). */
function twins(): [Document, Document] {
  const doc = new Document();
  doc.add_root(new Div({ text: "root", name: "root" }));
  const copy = new Document();
  copy.replace_with_json(doc.toJSON());
  return [doc, copy];
}

const rootDiv = (doc: Document): Div => {
  const root = doc.roots[0];
  if (!(root instanceof Div)) throw new Error("the document's root is not a Div");
  return root;
};

/** A new Column of `count` new Divs, the last one replaced by `last` when given. */
function columnOfDivs(count: number, last?: unknown): unknown {
  const children: unknown[] = Array.from({ length: count }, (_, i) => ({
    type: "object",
    name: "Div",
    id: `div${i}`,
    attributes: { text: `div ${i}` },
  }));
  if (last !== undefined) children[count - 1] = last;
  return { type: "object", name: "Column", id: "column", attributes: { children } };
}

/** A RootAdded with many references, then a ModelChanged bringing more new models and referring to earlier ones. */
function largePatch(root: Div): PatchEvent[] {
  const ranges = Array.from({ length: MODELS }, (_, i) => ({
    type: "object",
    name: "Range1d",
    id: `range${i}`,
    attributes: { start: i, end: i + 1 },
  }));
  return [
    { kind: "RootAdded", model: columnOfDivs(MODELS) },
    { kind: "ModelChanged", model: { id: root.id }, attr: "tags", new: [{ id: "div7" }, ...ranges] },
  ] as PatchEvent[];
}

/** Counts the turns of the event loop while `work` runs. */
async function loopTurnsDuring<T>(work: T | Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const turn = (): void => {
    if (done) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  try {
    return { result: await work, turns };
  } finally {
    done = true;
  }
}

/** The document's title and roots as sent to a client (the twins' configs have ids of their own). */
const snapshot = (doc: Document): string => {
  const { title, roots } = doc.toJSON();
  return JSON.stringify({ title, roots });
};

t.test("a large patch applied in slices leaves the document identical to the one-shot path", async (t) => {
  const [oneShot, sliced] = twins();
  const modelsBefore = sliced.models.size;
  const slicedEvents: DocumentChangedEvent[] = [];
  sliced.subscribe((event) => slicedEvents.push(event));
  const expected = applyPatch(oneShot, largePatch(rootDiv(oneShot)), new Map(), conn);
  const { result, turns } = await loopTurnsDuring(
    applyPatchInSlices(sliced, largePatch(rootDiv(sliced)), new Map(), conn),
  );

  t.ok(turns > 5, `other work ran in between (${turns} turns of the event loop)`);
  t.equal(sliced.models.size, oneShot.models.size, "the same models");
  t.equal(sliced.models.size, modelsBefore + 1 + 2 * MODELS, "the Column, its Divs and the Range1ds were added");
  t.equal(snapshot(sliced), snapshot(oneShot), "the same document");
  t.equal(result.defined.length, expected.defined.length);
  t.same(result.ignored, expected.ignored);
  t.match(slicedEvents, [
    { kind: "RootAdded", setter: conn },
    { kind: "ModelChanged", attr: "tags", setter: conn },
  ]);
  t.equal(slicedEvents.length, 2, "one event per change, as in one go");
  t.equal(sliced.get_model_by_id("range0")?.document, sliced);
});

t.test("a small patch finishes within its first slice, its outcome returned at once", async (t) => {
  const [doc] = twins();
  const root = rootDiv(doc);
  const outcome = applyPatchInSlices(
    doc,
    [{ kind: "ModelChanged", model: { id: root.id }, attr: "text", new: "x" }],
    new Map(),
    conn,
  );
  t.notOk(outcome instanceof Promise, "not a promise: nothing waits for a turn of the event loop");
  t.equal(root.text, "x");
});

t.test("a small patch that fails throws at once, changing nothing", async (t) => {
  const [doc] = twins();
  const before = snapshot(doc);
  const patch = [{ kind: "ModelChanged", model: { id: "missing" }, attr: "text", new: "x" }] as PatchEvent[];
  t.throws(() => applyPatchInSlices(doc, patch, new Map(), conn), UnknownReferenceError);
  t.equal(snapshot(doc), before, "the document is as it was");
});

t.test("a bad reference at the end of a large patch changes nothing", async (t) => {
  const [doc] = twins();
  const before = snapshot(doc);
  const models = doc.models.size;
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((event) => events.push(event));
  const patch = [
    { kind: "ModelChanged", model: { id: rootDiv(doc).id }, attr: "text", new: "changed" },
    { kind: "RootAdded", model: columnOfDivs(MODELS, { id: "missing" }) },
  ] as PatchEvent[];

  await t.rejects(async () => applyPatchInSlices(doc, patch, new Map(), conn), UnknownReferenceError);
  t.equal(snapshot(doc), before, "the document is as it was");
  t.equal(doc.models.size, models);
  t.same(events, [], "no change was reported");
});

t.test("a bad value for a large patch's new models takes them back out of the document", async (t) => {
  const [doc] = twins();
  const root = rootDiv(doc);
  const before = snapshot(doc);
  const models = doc.models.size;
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((event) => events.push(event));
  // `text` is a string: the list of new Divs is refused once they have been brought in, in slices.
  const divs = (columnOfDivs(MODELS) as { attributes: { children: unknown[] } }).attributes.children;
  const patch = [{ kind: "ModelChanged", model: { id: root.id }, attr: "text", new: divs }] as PatchEvent[];

  const { turns } = await loopTurnsDuring(
    t.rejects(async () => applyPatchInSlices(doc, patch, new Map(), conn), PropertyValueError),
  );
  t.ok(turns > 0, "it was applied in slices");
  t.equal(snapshot(doc), before, "the document is as it was");
  t.equal(doc.models.size, models, "none of the new models stayed");
  t.equal(doc.get_model_by_id("div0"), undefined);
  t.same(events, [], "no change was reported");
  t.equal(root.text, "root");
});

t.test("new models on an attribute the model does not have are not kept", async (t) => {
  const [doc] = twins();
  const models = doc.models.size;
  const divs = (columnOfDivs(3) as { attributes: { children: unknown[] } }).attributes.children;
  const patch = [{ kind: "ModelChanged", model: { id: rootDiv(doc).id }, attr: "nonsense", new: divs }] as PatchEvent[];
  const outcome = await applyPatchInSlices(doc, patch, new Map(), conn);
  t.same(outcome.ignored, ["Div.nonsense"]);
  t.equal(doc.models.size, models, "the models were not brought in");
  t.equal(doc.wasRemoved("div0"), false, "nor reported as removed");
});

t.test("new models set on a model outside the document stay outside, as in one go", async (t) => {
  const [oneShot, sliced] = twins();
  const patch = (doc: Document): PatchEvent[] =>
    [
      { kind: "ModelChanged", model: { id: rootDiv(doc).id }, attr: "text", new: "x" },
      // A Div defined by this patch but never added: its tags must not join the document.
      {
        kind: "ModelChanged",
        model: { type: "object", name: "Div", id: "loose" },
        attr: "tags",
        new: [{ type: "object", name: "Range1d", id: "orphan" }],
      },
    ] as PatchEvent[];
  applyPatch(oneShot, patch(oneShot), new Map(), conn);
  await applyPatchInSlices(sliced, patch(sliced), new Map(), conn);
  t.equal(oneShot.get_model_by_id("orphan"), undefined, "one go leaves it out");
  t.equal(sliced.get_model_by_id("orphan"), undefined, "so do slices");
  t.equal(sliced.models.size, oneShot.models.size);
});

t.test("models a callback brings in while the patch's change lands join the document too", async (t) => {
  const [doc] = twins();
  const root = rootDiv(doc);
  // The patch's new models were attached ahead of its change; what its callback sets was not.
  root.on_change("tags", () => {
    doc.add_root(new Div({ text: "added", tags: [new Range1d({ start: 0, end: 1, name: "from callback" })] }));
    root.text = "changed";
  });
  const stranger = new Range1d({ start: 5, end: 6, name: "stranger" });
  root.on_change("text", () => {
    root.tags = [...root.tags, stranger];
  });
  const patch = [
    { kind: "ModelChanged", model: { id: root.id }, attr: "tags", new: [{ type: "object", name: "Range1d", id: "r" }] },
  ] as PatchEvent[];
  await applyPatchInSlices(doc, patch, new Map(), conn);
  t.ok(doc.get_model_by_id("r"), "the patch's model is in");
  t.ok(doc.select_one({ name: "from callback" }), "the callback's new model is in");
  t.equal(stranger.document, doc, "as is the one a nested change of the same attribute brings");
});
