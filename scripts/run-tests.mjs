#!/usr/bin/env node
// Runs every workspace package's tap suite (one package at a time: the browser tests need the cores) and ends with
// one line `N passed, M failed` counting the tests of all suites. tap's own summary counts files, not tests.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// The repository's own scripts first (their tests are under scripts/test), then every workspace package.
const suites = [
  { dir: ".", tests: "scripts/test" },
  { dir: "packages/protocol", tests: "test" },
  { dir: "packages/document", tests: "test" },
  { dir: "packages/session-store", tests: "test" },
  { dir: "packages/fastify-bokeh", tests: "test" },
  { dir: "apps/demo", tests: "test" },
  { dir: "apps/bench", tests: "test" },
];

/**
 * Counts the test points directly inside each test file (indented once in the runner's TAP stream).
 * @param {string} tap
 */
function count(tap) {
  let passed = 0,
    failed = 0,
    skipped = 0;
  let fileFailures = 0;
  for (const line of tap.split("\n")) {
    const inner = /^ {4}(not )?ok \d+/.exec(line);
    if (inner) {
      if (/# SKIP/i.test(line)) skipped++;
      else if (inner[1]) {
        failed++;
        fileFailures++;
      } else passed++;
      continue;
    }
    const outer = /^(not )?ok \d+ - /.exec(line);
    if (outer) {
      // A file that failed without a failing test (crash, timeout, bad plan) still counts as one failure.
      if (outer[1] && fileFailures === 0) failed++;
      fileFailures = 0;
    }
  }
  return { passed, failed, skipped };
}

/**
 * @param {string} dir
 * @returns {Promise<{ code: number | null, out: string }>}
 */
function run(dir) {
  return new Promise((resolve) => {
    const child = spawn(join(root, "node_modules/.bin/tap"), ["--reporter=tap"], {
      cwd: join(root, dir),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on("close", (code) => resolve({ code, out }));
  });
}

let passed = 0,
  failed = 0,
  skipped = 0,
  exit = 0;
for (const { dir, tests } of suites) {
  const pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  if (!existsSync(join(root, dir, tests))) continue;
  console.log(`\n# ${pkg.name}`);
  const { code, out } = await run(dir);
  const c = count(out);
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  if (code !== 0) {
    exit = 1;
    if (c.failed === 0) failed++; // tap failed without a failing test point (e.g. it could not start)
  }
}
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(exit);
