import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import t from "tap";
import { HasProps } from "../../../src/core/has-props.js";
import { PYTHON_SENT_DEFAULTS } from "../../../src/core/serialization/python-sent-defaults.js";
import { Serializer } from "../../../src/core/serialization/serializer.js";
import { ABSTRACT_MODEL_NAMES, MODEL_NAMES, Selection, WheelZoomTool } from "../../../src/models/index.js";

const PYTHON = process.env.BOKEH_PYTHON ?? "/tmp/bokeh-venv/bin/python";
const PROBE = fileURLToPath(new URL("../../fixtures/python/sent-defaults.py", import.meta.url));
const concrete = new Set(MODEL_NAMES.filter((name) => !ABSTRACT_MODEL_NAMES.includes(name)));

t.test("every listed property is a serialized property of a concrete BokehJS model", async (t) => {
  for (const [name, props] of Object.entries(PYTHON_SENT_DEFAULTS)) {
    t.ok(concrete.has(name), `${name} is concrete`);
    for (const prop of props) {
      const def = HasProps.lookup(name)?.__props__.get(prop);
      t.ok(def !== undefined && !def.internal, `${name}.${prop}`);
    }
  }
});

t.test("fresh models send those defaults, as bokeh serve does", async (t) => {
  const selection = new Selection();
  t.same(new Serializer().encode(selection), {
    type: "object",
    name: "Selection",
    id: selection.id,
    attributes: { indices: [], line_indices: [] },
  });
  const tool = new WheelZoomTool();
  t.same((new Serializer().encode(tool) as { attributes: Record<string, unknown> }).attributes, { renderers: "auto" });
  tool.renderers = "auto";
  t.same(
    (new Serializer().encode(tool) as { attributes: Record<string, unknown> }).attributes,
    { renderers: "auto" },
    "sent once when also set",
  );
});

t.test(
  "the table is what Python Bokeh 3.9.2 sends",
  { skip: existsSync(PYTHON) ? false : `no Python Bokeh at ${PYTHON} (set BOKEH_PYTHON)` },
  async (t) => {
    const python = JSON.parse(execFileSync(PYTHON, [PROBE], { encoding: "utf8", timeout: 120_000 })) as Record<
      string,
      string[]
    >;
    const expected = Object.fromEntries(Object.entries(python).filter(([name]) => concrete.has(name)));
    t.same(PYTHON_SENT_DEFAULTS, expected);
  },
);
