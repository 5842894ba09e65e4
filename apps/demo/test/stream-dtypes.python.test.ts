import path from "node:path";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import t from "tap";
import { FIXTURES, runPythonJson, startBokehServe, startOurs } from "./helpers/python-fidelity.js";

// Streams that change a column's dtype, from the unmodified bokeh.client (fixtures/stream-dtypes/stream.py), against
// bokeh serve 3.9.2 and our server at once: what a second client receives and what a fresh pull gets must be the
// same lists and NumPy arrays, of the same dtypes and item types, on both (bokeh serve applies np.append).

const SCRIPT = path.join(FIXTURES, "..", "stream-dtypes", "stream.py");

type Column = { readonly list: string[] } | { readonly ndarray: string; readonly items: string[] };
interface Held {
  readonly writer: Record<string, Column>;
  readonly relayed: ReadonlyArray<Record<string, Column>>;
  readonly "second client": Record<string, Column>;
  readonly "fresh pull": Record<string, Column>;
}

/** Runs the client script against an app URL (killed after 60 s); resolves with what each client held. */
const run = (python: string, url: string): Promise<Held> =>
  runPythonJson<Held>(python, SCRIPT, [url], { timeoutMs: 60_000 });

const lookup = findBokehPython();
if ("skip" in lookup) {
  t.test("bokeh.client streams change column dtypes as on bokeh serve", { skip: lookup.skip }, async () => undefined);
} else {
  const { python } = lookup;
  t.test("bokeh.client streams change column dtypes as on bokeh serve", async (t) => {
    const ours = await startOurs();
    t.teardown(ours.close);
    const reference = await startBokehServe(python);
    t.teardown(() => {
      reference.child.kill("SIGKILL");
    });
    const [got, expected] = await Promise.all([run(python, ours.url), run(python, reference.url)]);
    // Checks that the script exercises what it is meant to (on bokeh serve): dtypes changed by the streams.
    t.same(expected["fresh pull"].ints, { ndarray: "object", items: ["int:3", "int:1099511627776", "int:5"] });
    t.same(expected["fresh pull"].strs, { ndarray: "object", items: ["str:'1.5'", "str:'1'", "str:'2'"] });
    t.same(expected["fresh pull"].int32, { ndarray: "float64", items: ["float:2.5", "float:1.0", "float:2.0"] });
    t.equal(expected.relayed.length, 2, "the second client received both streams");
    t.same(got.relayed, expected.relayed, "the streams relayed to a second client are those the client sent");
    t.same(got["second client"], expected["second client"], "the second client holds the same columns");
    t.same(got["fresh pull"], expected["fresh pull"], "a fresh pull gets the same columns");
  });
}
