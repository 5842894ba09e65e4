import t from "tap";
import { ModelIdSequence, nextModelId, withModelIds } from "../../src/core/ids.js";
import { Document } from "../../src/document/document.js";
import { TestWidget } from "../fixtures/test-models.js";

/** Builds a small document as an app would, with a model created later by an awaited step. */
async function build(): Promise<string[]> {
  const doc = new Document();
  doc.add_root(new TestWidget());
  await Promise.resolve();
  doc.add_root(new TestWidget());
  return doc.roots.map((root) => root.id);
}

t.test("code run with a sequence of its own gets the same model ids every time, async steps included", async (t) => {
  const first = await withModelIds(new ModelIdSequence("pS-"), build);
  nextModelId(); // the process' own ids move on meanwhile
  const second = await withModelIds(new ModelIdSequence("pS-"), build);
  t.same(second, first, "a re-run gives the same ids");
  t.match(first[0], /^pS-\d+$/, "with the sequence's prefix");
  const elsewhere = await build();
  t.notOk(
    elsewhere.some((id) => id.startsWith("pS-")),
    "code outside the sequence draws from the process' ids",
  );
});

t.test("a sequence can be resumed from where it was", async (t) => {
  const sequence = new ModelIdSequence("p", 1000);
  t.equal(sequence.take(), "p1001");
  t.equal(new ModelIdSequence("p", sequence.next).take(), "p1002");
});

t.test("doc.state: values, change reports, and a silent load", async (t) => {
  const doc = new Document();
  const changes: [string, unknown][] = [];
  doc.state.load({ seed: 42 });
  doc.state.watch((key, value) => changes.push([key, value]));
  t.equal(doc.state.get<number>("seed"), 42, "loaded values are there");
  doc.state.set("count", 3);
  doc.state.delete("seed");
  doc.state.delete("missing");
  t.same(changes, [
    ["count", 3],
    ["seed", undefined],
  ]);
  t.notOk(doc.state.has("seed"));
});
