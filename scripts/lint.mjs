#!/usr/bin/env node
// `pnpm lint`: every style check over the whole tree, one after another, so that one run shows all findings.
// Exits 1 when any check reports anything (Biome's warnings count too).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (/** @type {string} */ name) => join(root, "node_modules/.bin", name);

const checks = [
  { name: "biome (format and lint)", command: bin("biome"), args: ["ci", "--error-on-warnings", "."] },
  { name: "knip (unused files, exports, dependencies)", command: bin("knip"), args: ["--no-progress"] },
  { name: "jscpd (duplicate code, see .jscpd.json)", command: bin("jscpd"), args: ["packages", "apps", "scripts"] },
  { name: "function length", command: process.execPath, args: [join(root, "scripts/check-function-length.mjs")] },
  { name: "typecheck scripts/", command: bin("tsc"), args: ["-p", join(root, "scripts/tsconfig.json")] },
];

/** @type {string[]} */
const failed = [];
for (const check of checks) {
  process.stdout.write(`\n## ${check.name}\n`);
  const result = spawnSync(check.command, check.args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) failed.push(check.name);
}
process.stdout.write(failed.length === 0 ? "\nlint: all checks passed\n" : `\nlint failed: ${failed.join("; ")}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
