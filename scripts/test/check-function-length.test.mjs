import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import t from "tap";
import { longFunctions, sourceFiles } from "../check-function-length.mjs";

const script = fileURLToPath(new URL("../check-function-length.mjs", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/function-length/src", import.meta.url));
const longTs = `${fixture}/long.ts`;

t.test("sourceFiles skips generated folders", async (t) => {
  t.same(sourceFiles(fixture), [longTs]);
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
