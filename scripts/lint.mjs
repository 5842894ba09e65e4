#!/usr/bin/env node
// `pnpm lint`: runs every `lint:*` script of the root package.json in order, so that one run shows all findings,
// and exits 1 when any of them reports anything (Biome's warnings count too).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** @type {{ scripts: Record<string, string> }} */
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const checks = Object.entries(pkg.scripts).filter(([name]) => name.startsWith("lint:"));
// The scripts name the tools by their binaries, as package managers run them.
const env = { ...process.env, PATH: `${join(root, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}` };

/** @type {string[]} */
const failed = [];
for (const [name, command] of checks) {
  process.stdout.write(`\n## ${name}: ${command}\n`);
  const result = spawnSync(command, { cwd: root, env, shell: true, stdio: "inherit" });
  if (result.status !== 0) failed.push(name);
}
process.stdout.write(failed.length === 0 ? "\nlint: all checks passed\n" : `\nlint failed: ${failed.join(", ")}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
