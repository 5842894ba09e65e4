#!/usr/bin/env node
// Fails when a function anywhere in the repository's own code spans more than MAX_LINES lines: the packages' and
// apps' sources, tests, fixtures and scripts, and the repository's scripts and recorder. Biome has no rule for this;
// the TypeScript parser finds every function-like node (declarations, methods, arrows, accessors) in TypeScript and
// JavaScript files alike. Generated code (any folder named `generated`), recordings of bokeh serve's output
// (`recordings`), build output, installed packages, what git ignores (the copied BokehJS bundles) and declaration files
// are not checked.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";

export const MAX_LINES = 80;

/** Folders never checked: generated code, recordings, build output and installed packages. */
const SKIPPED = new Set(["generated", "recordings", "dist", "node_modules"]);

/** TypeScript and JavaScript sources, declaration files excepted. */
const SOURCE = /\.[cm]?[jt]s$/;

/**
 * The folders checked by default: every package and app (sources, tests, scripts), the repository's scripts and the
 * reference recorder.
 * @param {string} repo
 */
export function defaultRoots(repo) {
  const roots = [join(repo, "scripts"), join(repo, "reference")];
  for (const group of ["packages", "apps"]) {
    for (const entry of readdirSync(join(repo, group), { withFileTypes: true })) {
      if (entry.isDirectory()) roots.push(join(repo, group, entry.name));
    }
  }
  return roots;
}

/**
 * The source files below `dir`, skipping the folders in SKIPPED, hidden folders (a Python venv, caches) and
 * declaration files.
 * @param {string} dir
 * @returns {string[]}
 */
export function sourceFiles(dir) {
  /** @type {string[]} */
  const files = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name) && !entry.name.startsWith(".")) files.push(...sourceFiles(path));
    } else if (SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files.sort();
}

/**
 * A readable name for a function-like node: its own name, or the name it is assigned or passed to.
 * @param {ts.Node} node
 * @returns {string}
 */
function nameOf(node) {
  const named = /** @type {{ name?: ts.Node }} */ (node).name;
  if (named && (ts.isIdentifier(named) || ts.isStringLiteral(named) || ts.isPrivateIdentifier(named))) {
    return named.text;
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  ) {
    if (ts.isIdentifier(parent.name)) return parent.name.text;
  }
  if (parent && ts.isCallExpression(parent)) return `callback of ${parent.expression.getText().slice(0, 40)}`;
  return "(anonymous)";
}

/**
 * Every function in `text` longer than `max` lines, counted from its first token to its closing brace.
 * @param {string} path
 * @param {string} text
 * @param {number} max
 * @returns {{ path: string, line: number, name: string, lines: number }[]}
 */
export function longFunctions(path, text, max = MAX_LINES) {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  /** @type {{ path: string, line: number, name: string, lines: number }[]} */
  const found = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > max) found.push({ path, line: start + 1, name: nameOf(node), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The files of the repository git does not ignore (tracked or new), or undefined outside a git work tree.
 * @param {string} repo
 */
function notIgnored(repo) {
  const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  });
  if (listed.status !== 0) return undefined;
  return new Set(
    listed.stdout
      .split("\n")
      .filter(Boolean)
      .map((file) => join(repo, file)),
  );
}

function main() {
  const { values, positionals } = parseArgs({
    options: { max: { type: "string", default: String(MAX_LINES) } },
    allowPositionals: true,
  });
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw new Error(`--max takes a whole number, not ${values.max}`);
  const repo = fileURLToPath(new URL("..", import.meta.url));
  const kept = positionals.length > 0 ? undefined : notIgnored(repo);
  const roots = positionals.length > 0 ? positionals : defaultRoots(repo);
  const files = roots.flatMap((root) => sourceFiles(root)).filter((file) => kept === undefined || kept.has(file));
  const offenders = files.flatMap((file) => longFunctions(file, readFileSync(file, "utf8"), max));
  for (const o of offenders) {
    process.stdout.write(`${relative(process.cwd(), o.path)}:${o.line} ${o.name}: ${o.lines} lines (max ${max})\n`);
  }
  process.stdout.write(`function length: ${files.length} files checked, ${offenders.length} over ${max} lines\n`);
  process.exitCode = offenders.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
