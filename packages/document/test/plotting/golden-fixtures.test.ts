// Re-runs fixtures/golden-python/generate.py with Python Bokeh and checks that the committed golden fixtures are
// exactly what it writes, so they cannot drift from what Python Bokeh 3.9.2 computes.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import t from "tap";

const PYTHON = process.env.BOKEH_PYTHON ?? "/tmp/bokeh-venv/bin/python";
const fixtures = fileURLToPath(new URL("../fixtures/golden-python/", import.meta.url));

t.test(
  "the committed golden fixtures are what Python Bokeh writes now",
  { skip: existsSync(PYTHON) ? false : `no Python Bokeh at ${PYTHON} (set BOKEH_PYTHON)` },
  async (t) => {
    const out = mkdtempSync(path.join(os.tmpdir(), "golden-python-"));
    t.teardown(() => rmSync(out, { recursive: true, force: true }));
    const { stdout } = await promisify(execFile)(PYTHON, [path.join(fixtures, "generate.py"), "--out", out], {
      timeout: 120_000,
    });
    t.match(stdout, /wrote \d+ palette cases, \d+ model scenarios, \d+ numeric cases/);
    const written = readdirSync(out).sort();
    t.same(written, ["models.json", "numbers.json", "palettes.json"]);
    for (const file of written) {
      const fresh = readFileSync(path.join(out, file));
      t.ok(fresh.equals(readFileSync(path.join(fixtures, file))), `${file} equals a fresh run`);
    }
  },
);
