import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { fixture, run } from "../helpers/run-cli.js";

// Node >= 22.18 (or 22.6 with --experimental-strip-types) runs .ts itself; tsx and the hint are for the others.
const nodeStripsTypes = Boolean((process.features as { typescript?: unknown }).typescript);

/** The CLI's whole output must be this one line (plus the newline). */
const oneLine = (output: string): string => {
  const lines = output.trimEnd().split("\n");
  return lines.length === 1 ? lines[0]! : `(${lines.length} lines) ${output}`;
};

t.test("fastify-bokeh serve: known startup failures are one line with an exit code", async (t) => {
  const project = mkdtempSync(join(tmpdir(), "fastify-bokeh-cli-"));
  t.teardown(() => rmSync(project, { recursive: true, force: true }));
  const tsApp = join(project, "typed.ts");
  writeFileSync(tsApp, "export default function app(doc: unknown): void {}\n");

  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  t.teardown(() => busy.close());
  const busyPort = (busy.address() as AddressInfo).port;

  const typescriptHint: Array<[string[], number, RegExp]> = [
    [
      ["serve", tsApp, "--port", "0"],
      2,
      /^fastify-bokeh serve: \S*typed\.ts: Node\.js v\d+\S* cannot run TypeScript by itself; .*install tsx.*$/,
    ],
  ];
  const cases: Array<[string[], number, RegExp]> = [
    ...(nodeStripsTypes ? [] : typescriptHint),
    [
      ["serve", fixture("hello.mjs"), "--port", String(busyPort), "--address", "127.0.0.1"],
      1,
      new RegExp(
        `^fastify-bokeh serve: cannot start: port ${busyPort} is already in use on 127\\.0\\.0\\.1 \\(pick another with --port\\)$`,
      ),
    ],
    [
      ["serve", fixture("hello.mjs"), "--prot", "80"],
      2,
      /^fastify-bokeh serve: unknown option --prot \(did you mean --port\?\)$/,
    ],
    [
      ["serve", fixture("hello.mjs"), "--keep-alive", "-5"],
      2,
      /^fastify-bokeh serve: --keep-alive: -5 is below the smallest value, 0$/,
    ],
    [
      ["serve", fixture("hello.mjs"), "--ico-path", join(project, "nope.ico")],
      2,
      /^fastify-bokeh serve: .*favicon.*nope\.ico/,
    ],
    [["--version"], 0, /^fastify-bokeh \d+\.\d+\.\d+\S* \(BokehJS 3\.9\.2\)$/],
    [["serve", "--version"], 0, /^fastify-bokeh \d+\.\d+\.\d+\S* \(BokehJS 3\.9\.2\)$/],
  ];
  for (const [args, exitCode, line] of cases) {
    // Run from the blank project, where no tsx can be found.
    const running = run(args, {}, project);
    t.equal(await running.exited, exitCode, `${args.join(" ")}: exit code`);
    t.match(oneLine(running.output()), line, `${args.join(" ")}: one line`);
  }
});

t.test("the committed bin shim runs the built CLI", async (t) => {
  const shim = new URL("../../bin/fastify-bokeh.js", import.meta.url);
  const { execFileSync } = await import("node:child_process");
  const out = execFileSync(process.execPath, [shim.pathname, "--version"], { encoding: "utf8" });
  t.match(out, /^fastify-bokeh \d+\.\d+\.\d+\S* \(BokehJS 3\.9\.2\)\n$/);
});

t.test("fastify-bokeh serve runs a .ts app through the project's tsx when Node cannot", async (t) => {
  const project = mkdtempSync(join(tmpdir(), "fastify-bokeh-tsx-"));
  t.teardown(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(join(project, "typed.ts"), "export const title = 'typed';\nexport default function app(): void {}\n");
  // A stand-in for tsx with the entry point the CLI uses (tsx/esm/api's register): it registers a loader that
  // strips this file's one type annotation, and leaves a mark so the test knows it was used.
  const tsx = join(project, "node_modules", "tsx");
  mkdirSync(join(tsx, "esm"), { recursive: true });
  writeFileSync(join(tsx, "package.json"), JSON.stringify({ name: "tsx", exports: { "./esm/api": "./esm/api.mjs" } }));
  writeFileSync(
    join(tsx, "esm", "api.mjs"),
    `import { register as registerHooks } from "node:module";
import { writeFileSync } from "node:fs";
export function register() {
  writeFileSync(${JSON.stringify(join(project, "tsx-used"))}, "");
  registerHooks("./loader.mjs", import.meta.url);
}
`,
  );
  writeFileSync(
    join(tsx, "esm", "loader.mjs"),
    `import { readFileSync } from "node:fs";
export async function load(url, context, next) {
  if (!new URL(url).pathname.endsWith(".ts")) return next(url, context);
  const source = readFileSync(new URL(url), "utf8").replace("(): void", "()");
  return { format: "module", source, shortCircuit: true };
}
`,
  );
  const running = run(["serve", join(project, "typed.ts"), "--port", "0", "--address", "127.0.0.1"], {}, project);
  t.teardown(() => running.child.kill("SIGKILL"));
  let url: string | undefined;
  for (let i = 0; i < 300 && url === undefined && running.child.exitCode === null; i++) {
    url = /Bokeh app running at: (http:\/\/\S+\/typed)\b/.exec(running.output())?.[1];
    if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.ok(url, `the .ts app is served:\n${running.output()}`);
  const page = await fetch(url ?? "http://127.0.0.1:1/");
  t.match(await page.text(), /<title>typed<\/title>/);
  if (!nodeStripsTypes) t.ok(existsSync(join(project, "tsx-used")), "loaded through tsx");
  running.child.kill("SIGTERM");
  t.equal(await running.exited, 0);
});
