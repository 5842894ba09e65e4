// The committed dump of Python Bokeh's property surface (scripts/python-models.json, which generate-models.mjs
// joins to BokehJS's metadata) must be what scripts/python-metadata.py prints for the pinned Python Bokeh.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";

const PYTHON = process.env.BOKEH_PYTHON ?? "/tmp/bokeh-venv/bin/python";
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

t.test(
  "python-models.json is up to date with the pinned Python Bokeh",
  { skip: existsSync(PYTHON) ? false : `no Python Bokeh at ${PYTHON} (set BOKEH_PYTHON)`, timeout: 120_000 },
  async (t) => {
    const fresh = execFileSync(PYTHON, [path.join(packageDir, "scripts", "python-metadata.py")], {
      encoding: "utf8",
      timeout: 110_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const committed = readFileSync(path.join(packageDir, "scripts", "python-models.json"), "utf8");
    t.equal(JSON.parse(fresh).version, "3.9.2");
    t.ok(fresh === committed, "byte for byte what scripts/python-metadata.py prints (run `pnpm generate:python`)");
  },
);
