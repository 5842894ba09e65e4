import { readFileSync } from "node:fs";
import { Document } from "@fastify-bokeh/document";
import t from "tap";
import { big } from "../src/apps/big.js";
import { sliders } from "../src/apps/sliders.js";
import { stream } from "../src/apps/stream.js";
import { differences, modelSummaries, normaliseDoc } from "./fixtures/golden/normalise-doc.js";
import { docJson } from "./fixtures/golden/serialize-ours.js";

// Golden test: the PULL-DOC-REPLY document of each contract app against what bokeh serve 3.9.2 sends for its Python
// twin (reference/apps/contract/*.py), written by fixtures/golden/generate.py. Ids and buffer ids are normalised; the
// structure, the model types, the properties each model sends and their values (buffers: their byte lengths) must
// all match. There are no intentional differences left for these apps.

const APPS = { sliders, stream, big } as const;

const fixture = (name: string): unknown =>
  (
    JSON.parse(readFileSync(new URL(`./fixtures/golden/${name}.pull-doc-reply.json`, import.meta.url), "utf8")) as {
      doc: unknown;
    }
  ).doc;

for (const [name, app] of Object.entries(APPS)) {
  t.test(`/${name}: our document matches what bokeh serve sends`, async (t) => {
    const doc = new Document();
    app(doc);
    const ours = normaliseDoc(docJson(doc));
    const theirs = normaliseDoc(fixture(name));

    const ourModels = modelSummaries(ours);
    const theirModels = modelSummaries(theirs);
    t.same(
      [...ourModels.values()].map((m) => m.name),
      [...theirModels.values()].map((m) => m.name),
      "the same model types, in the same places",
    );

    t.same(differences(ours, theirs), [], "the same properties sent, with the same values");
  });
}

t.test(
  "the normaliser sees through ids, attribute order and definition placement, and reports real differences",
  async (t) => {
    const a = {
      roots: [
        {
          type: "object",
          name: "Plot",
          id: "p1",
          attributes: { x: { id: "p2" }, y: { type: "object", name: "R", id: "p2" } },
        },
      ],
    };
    const b = {
      roots: [
        {
          type: "object",
          name: "Plot",
          id: "q9",
          attributes: { y: { type: "object", name: "R", id: "q7" }, x: { id: "q7" } },
        },
      ],
    };
    t.same(differences(normaliseDoc(a), normaliseDoc(b)), []);
    const c = {
      roots: [
        {
          type: "object",
          name: "Plot",
          id: "q9",
          attributes: { y: { type: "object", name: "S", id: "q7" }, x: { id: "q7" } },
        },
      ],
    };
    t.same(differences(normaliseDoc(a), normaliseDoc(c)), ['roots[0].attributes.x.name: "R" ≠ "S"']);
  },
);
