// The repository's shape that no compiler checks: workspace packages import one way (CONTRIBUTING.md), the session
// core imports nothing of Fastify, and no source, test or script reaches outside the repository (a clone alone must
// pass its tests).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** The workspace packages from left to right: each may import only those before it (its tests too). */
const ORDER = [
  ["packages/protocol", "@fastify-bokeh/protocol"],
  ["packages/document", "@fastify-bokeh/document"],
  ["packages/session-store", "@fastify-bokeh/session-store"],
  ["packages/session-store-redis", "@fastify-bokeh/session-store-redis"],
  ["packages/fastify-bokeh", "fastify-bokeh"],
  ["apps/demo", "@fastify-bokeh/demo"],
  ["apps/bench", "@fastify-bokeh/bench"],
];

/** Fastify, its plugins and our Fastify plugin: what the session core must not import. */
const FASTIFY = /^(fastify($|-)|@fastify\/)/;

/** The tracked files of the repository with code in them (generated code and recordings left out). */
function codeFiles() {
  const listed = spawnSync("git", ["ls-files"], { cwd: repo, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout
    .split("\n")
    .filter((file) => /\.(m|c)?[jt]s$/.test(file) && !file.endsWith(".d.ts"))
    .filter((file) => !/(^|\/)(generated|recordings)\//.test(file));
}

/**
 * The package names a module imports (static, dynamic, side-effect imports and require), without node: built-ins.
 * @param {string} text
 */
function importedPackages(text) {
  const specifiers = [
    ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g),
  ];
  /** @type {Set<string>} */
  const names = new Set();
  for (const [, specifier = ""] of specifiers) {
    if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier));
  }
  return names;
}

/**
 * The paths a module names relative to its own folder ("../x" literals, and "..", ".." path segments).
 * @param {string} text
 */
function relativePaths(text) {
  const literals = [...text.matchAll(/["'`]((?:\.\/)?\.\.\/[^"'`$]*)/g)].map((m) => m[1] ?? "");
  const segments = [...text.matchAll(/["']\.\.["'](?:\s*,\s*["']\.\.["'])*/g)].map((m) =>
    Array((m[0].match(/\.\./g) ?? []).length)
      .fill("..")
      .join("/"),
  );
  return [...literals, ...segments];
}

t.test("importedPackages and relativePaths read what they should", async (t) => {
  const text = [
    'import { a } from "@scope/pkg/sub";',
    "import fastify from 'fastify';",
    'import "side-effect";',
    'await import("dynamic/x");',
    'require("req");',
    'import { b } from "./local.js";',
    'import { c } from "node:fs";',
    'const u = new URL("../../shared/design.md", import.meta.url);',
    'const d = path.resolve(here, "..", "..", "..");',
  ].join("\n");
  t.same([...importedPackages(text)].sort(), ["@scope/pkg", "dynamic", "fastify", "req", "side-effect"]);
  t.same(relativePaths(text), ["../../shared/design.md", "../../.."]);
});

t.test("workspace packages import only the packages to their left", async (t) => {
  const files = codeFiles();
  const covered = new Set();
  for (const [index, [dir, name]] of ORDER.entries()) {
    const left = new Set(ORDER.slice(0, index).map(([, n]) => n));
    const own = files.filter((file) => file.startsWith(`${dir}/`));
    t.ok(own.length > 0, `${dir} has files`);
    for (const file of own) {
      covered.add(file);
      for (const imported of importedPackages(readFileSync(join(repo, file), "utf8"))) {
        const workspace = ORDER.some(([, n]) => n === imported);
        if (workspace && imported !== name && !left.has(imported))
          t.fail(`${file} imports ${imported}, a package to the right of ${name}`);
      }
    }
  }
  const unplaced = files.filter((file) => /^(packages|apps)\//.test(file) && !covered.has(file));
  t.same(unplaced, [], "every package folder has its place in ORDER");
});

t.test("@fastify-bokeh/session-store imports nothing of Fastify and does not depend on it", async (t) => {
  const dir = "packages/session-store";
  const manifest = JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8"));
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  t.same(
    declared.filter((name) => FASTIFY.test(name)),
    [],
    "no Fastify package among its dependencies",
  );
  const sources = codeFiles().filter((file) => file.startsWith(`${dir}/src/`));
  t.ok(sources.length > 10, "its sources are read");
  for (const file of sources) {
    const fastify = [...importedPackages(readFileSync(join(repo, file), "utf8"))].filter((name) => FASTIFY.test(name));
    t.same(fastify, [], file);
  }
});

t.test("no source, test or script names a path outside the repository", async (t) => {
  /** @type {string[]} */
  const outside = [];
  // This file names such paths in its own self-test.
  for (const file of codeFiles().filter((f) => f !== "scripts/test/repository-boundaries.test.mjs")) {
    const text = readFileSync(join(repo, file), "utf8");
    for (const path of relativePaths(text)) {
      const target = resolve(repo, dirname(file), path);
      if (relative(repo, target).startsWith(`..${sep}`) || relative(repo, target) === "..")
        outside.push(`${file}: ${path}`);
    }
    if (/\/work\/shared|\.\.\/shared\//.test(text)) outside.push(`${file}: names ../shared`);
  }
  t.same(outside, []);
});
