#!/usr/bin/env node
// Fails when a function in the packages' or apps' sources spans more than MAX_LINES lines. Biome has no rule for
// this; the TypeScript parser finds every function-like node (declarations, methods, arrows, accessors).
// Generated code (any folder named `generated`) and declaration files are not checked.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";

export const MAX_LINES = 80;

/**
 * The source folders checked by default: every `src` of `packages/*` and `apps/*`.
 * @param {string} repo
 */
function defaultRoots(repo) {
  const roots = [];
  for (const group of ["packages", "apps"]) {
    for (const entry of readdirSync(join(repo, group), { withFileTypes: true })) {
      if (entry.isDirectory()) roots.push(join(repo, group, entry.name, "src"));
    }
  }
  return roots;
}

/**
 * The `.ts` files below `dir`, skipping generated folders and declaration files.
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
      if (entry.name !== "generated" && entry.name !== "node_modules") files.push(...sourceFiles(path));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
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

function main() {
  const { values, positionals } = parseArgs({
    options: { max: { type: "string", default: String(MAX_LINES) } },
    allowPositionals: true,
  });
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw new Error(`--max takes a whole number, not ${values.max}`);
  const repo = fileURLToPath(new URL("..", import.meta.url));
  const roots = positionals.length > 0 ? positionals : defaultRoots(repo);
  const files = roots.flatMap((root) => sourceFiles(root));
  const offenders = files.flatMap((file) => longFunctions(file, readFileSync(file, "utf8"), max));
  for (const o of offenders) {
    process.stdout.write(`${relative(process.cwd(), o.path)}:${o.line} ${o.name}: ${o.lines} lines (max ${max})\n`);
  }
  process.stdout.write(`function length: ${files.length} files checked, ${offenders.length} over ${max} lines\n`);
  process.exitCode = offenders.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
