// Re-runs scripts/generate-palettes.py with Python Bokeh and checks that the committed src/palettes/generated is
// exactly what it writes, so the palette data cannot drift from bokeh.palettes or be edited by hand.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import t from "tap";

const PYTHON = process.env.BOKEH_PYTHON ?? "/tmp/bokeh-venv/bin/python";
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const committed = path.join(packageDir, "src", "palettes", "generated");

t.test(
  "the generated palettes are what bokeh.palettes holds",
  { skip: existsSync(PYTHON) ? false : `no Python Bokeh at ${PYTHON} (set BOKEH_PYTHON)` },
  async (t) => {
    const out = mkdtempSync(path.join(os.tmpdir(), "generated-palettes-"));
    t.teardown(() => rmSync(out, { recursive: true, force: true }));
    const { stdout } = await promisify(execFile)(
      PYTHON,
      [path.join(packageDir, "scripts", "generate-palettes.py"), "--out", out],
      { timeout: 60_000 },
    );
    t.match(stdout, /generated 510 palettes and 60 families from bokeh 3\.9\.2/);
    t.same(readdirSync(committed).sort(), readdirSync(out).sort(), "same files");
    for (const file of readdirSync(out)) {
      const fresh = readFileSync(path.join(out, file));
      t.ok(fresh.equals(readFileSync(path.join(committed, file))), `${file} is what the generator writes`);
    }
  },
);
