// Re-runs the generator against the pinned @bokeh/bokehjs (headless Chromium) and checks that the committed catalogue
// is exactly what it produces. Fails when someone edits generated files by hand, or when BokehJS or the generator
// changes without `pnpm generate`.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import t from "tap";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const committed = path.join(packageDir, "src", "models", "generated");

t.test("the generated catalogue is up to date with the pinned BokehJS", { timeout: 60_000 }, async (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "generated-models-"));
  t.teardown(() => fs.rmSync(out, { recursive: true, force: true }));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(packageDir, "scripts", "generate-models.mjs"), "--out", out],
    {
      cwd: packageDir,
      timeout: 55_000,
    },
  );
  t.match(stdout, /generated 460 model classes \(406 registered by BokehJS 3\.9\.2\)/);

  const fresh = fs.readdirSync(out).sort();
  const current = fs.readdirSync(committed).sort();
  t.same(current, fresh, "same files");
  for (const file of fresh) {
    const expected = fs.readFileSync(path.join(out, file));
    const actual = fs.existsSync(path.join(committed, file))
      ? fs.readFileSync(path.join(committed, file))
      : Buffer.alloc(0);
    t.ok(expected.equals(actual), `${file} is byte for byte what the generator produces (run \`pnpm generate\`)`);
  }
});
