import path from "node:path";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import t from "tap";
import { FIXTURES, runPythonJson, startBokehServe, startOurs } from "./helpers/python-fidelity.js";

// Integers beyond 2**53 written as JSON integer literals (fixtures/fidelity/wide_ints.py), in columns, Float
// properties and nested lists/maps, against bokeh serve 3.9.2 and our server at once. bokeh serve keeps the exact
// int but writes it back as float(n) (Python's serializer does so for every int outside ±(2**53 - 1)): a second
// client and a fresh pull must get the same values of the same Python types from both.

const SCRIPT = path.join(FIXTURES, "wide_ints.py");

type Described = string | boolean | null | readonly Described[] | { readonly [key: string]: Described };
interface Report {
  readonly sent: boolean;
  readonly relayed: boolean;
  readonly "second client": Record<string, Described>;
  readonly "fresh pull": Record<string, Described>;
}

/** Runs the client script against an app URL (killed after 90 s); resolves with its report. */
const wideInts = (python: string, url: string): Promise<Report> =>
  // The fixtures folder as working directory: the script takes its relay loop from roundtrip.py.
  runPythonJson<Report>(python, SCRIPT, [url], { timeoutMs: 90_000, cwd: FIXTURES });

const lookup = findBokehPython();
if ("skip" in lookup) {
  t.test("integers beyond 2**53 come back as from bokeh serve", { skip: lookup.skip }, async () => undefined);
} else {
  const { python } = lookup;
  t.test("integers beyond 2**53 come back as from bokeh serve", async (t) => {
    const ours = await startOurs();
    t.teardown(ours.close);
    const reference = await startBokehServe(python);
    t.teardown(() => {
      reference.child.kill("SIGKILL");
    });
    const [got, expected] = await Promise.all([wideInts(python, ours.url), wideInts(python, reference.url)]);
    // What bokeh serve does, checked so that the comparison below compares what it is meant to.
    t.ok(expected.sent && expected.relayed, "bokeh serve relayed the changes");
    t.same(expected["fresh pull"].range, [
      "float:1.152921504606847e+18",
      "float:1.8446744073709552e+19",
      [
        "float:1.8446744073709552e+19",
        { wide: "float:-9.223372036854776e+18" },
        ["float:9007199254740992.0", "int:7", "float:2.5"],
      ],
    ]);
    t.ok(got.sent && got.relayed, "our server relayed the changes");
    t.same(got["second client"], expected["second client"], "the second client holds the same values");
    t.same(got["fresh pull"], expected["fresh pull"], "a fresh pull gets the same values");
  });
}
