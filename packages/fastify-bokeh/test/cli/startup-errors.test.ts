import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { fixture, run } from "../helpers/run-cli.js";

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

  const cases: Array<[string[], number, RegExp]> = [
    [
      ["serve", tsApp, "--port", "0"],
      2,
      /^fastify-bokeh serve: \S*typed\.ts: Node\.js v\d+\S* cannot run TypeScript by itself; .*install tsx.*$/,
    ],
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
