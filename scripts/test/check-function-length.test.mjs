import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";
import { defaultRoots, longFunctions, sourceFiles } from "../check-function-length.mjs";

const script = fileURLToPath(new URL("../check-function-length.mjs", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/function-length/src", import.meta.url));
const longTs = `${fixture}/long.ts`;

t.test("sourceFiles skips generated folders", async (t) => {
  t.same(sourceFiles(fixture), [longTs]);
});

t.test(
  "sourceFiles reads JavaScript too, and skips recordings, build output, packages and hidden folders",
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "function-length-"));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const names = ["a.mjs", "b.cjs", "c.js", "d.ts", "e.d.ts", "f.json", "test/g.mts"];
    const skipped = ["recordings/h.js", "dist/i.js", "node_modules/j.js", ".venv/k.js", "generated/l.ts"];
    for (const name of [...names, ...skipped]) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), "");
    }
    t.same(
      sourceFiles(dir).map((file) => relative(dir, file)),
      ["a.mjs", "b.cjs", "c.js", "d.ts", "test/g.mts"],
    );
  },
);

t.test("by default the packages' and apps' sources, tests and scripts are checked, not generated code", async (t) => {
  const repo = fileURLToPath(new URL("../..", import.meta.url));
  const files = defaultRoots(repo)
    .flatMap((root) => sourceFiles(root))
    .map((file) => relative(repo, file));
  const expected = [
    "packages/protocol/src/index.ts",
    "packages/protocol/test/fuzz.test.ts",
    "packages/document/scripts/generate-models.mjs",
    "packages/fastify-bokeh/bin/fastify-bokeh.js",
    "apps/demo/test/gallery.browser.test.ts",
    "scripts/lint.mjs",
    "reference/recorder/browser.mjs",
  ];
  t.same(
    expected.filter((file) => !files.includes(file)),
    [],
  );
  t.same(
    files.filter((file) => file.includes("/generated/")),
    [],
    "no generated code",
  );
});

t.test("longFunctions counts lines from the first token to the closing brace", async (t) => {
  const text = readFileSync(longTs, "utf8");
  t.same(longFunctions(longTs, text, 10), [
    { path: longTs, line: 2, name: "tooLong", lines: 13 },
    { path: longTs, line: 19, name: "count", lines: 11 },
  ]);
  t.same(
    longFunctions(longTs, text, 12).map((f) => f.name),
    ["tooLong"],
  );
  t.same(longFunctions(longTs, text, 13), [], "a function of exactly the limit passes");
});

t.test("longFunctions names arrows by their variable and callbacks by their callee", async (t) => {
  const text = ["const f = () => {", "  return 1;", "};", "run(() => {", "  return 2;", "});"].join("\n");
  t.same(
    longFunctions("x.ts", text, 1).map((f) => `${f.name}:${f.lines}`),
    ["f:3", "callback of run:3"],
  );
});

t.test("the command lists offenders and exits 1, or exits 0 when none", async (t) => {
  const failing = spawnSync(process.execPath, [script, "--max", "12", fixture], { encoding: "utf8" });
  t.equal(failing.status, 1);
  t.match(failing.stdout, /long\.ts:2 tooLong: 13 lines \(max 12\)/);
  t.notMatch(failing.stdout, /generatedLong|count/);
  t.match(failing.stdout, /1 files checked, 1 over 12 lines/);

  const passing = spawnSync(process.execPath, [script, "--max", "13", fixture], { encoding: "utf8" });
  t.equal(passing.status, 0);
  t.match(passing.stdout, /1 files checked, 0 over 13 lines/);
});
