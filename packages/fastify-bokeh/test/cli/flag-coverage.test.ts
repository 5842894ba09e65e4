// Every flag of the real `bokeh serve --help` is one of ours, in our --help, and in docs/deploying.md's flag table.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import t from "tap";
import { FLAGS, SERVE_FLAGS_HELP } from "../../src/cli/serve-flags.js";

const python = findBokehPython();

/** Whether our --help has a line for the flag (`  --port PORT`, `  -h, --help`). */
const inHelp = (flag: string): boolean => new RegExp(`^ {2}(-h, )?${flag}([ ,]|$)`, "m").test(SERVE_FLAGS_HELP);

/** The flags bokeh serve's --help lists: the option lines (two spaces in), not flags named in descriptions. */
function bokehServeFlags(pythonPath: string): string[] {
  const help = spawnSync(pythonPath, ["-m", "bokeh", "serve", "--help"], { encoding: "utf8", timeout: 60_000 });
  if (help.status !== 0) throw new Error(`bokeh serve --help failed: ${help.stderr}`);
  return [...help.stdout.matchAll(/^ {2}(?:-h, )?(--[a-z][a-z-]*)/gm)].map((match) => match[1] ?? "");
}

/** The rows of docs/deploying.md's flag table (each starts with a flag in backquotes). */
function docsFlagRows(): string[] {
  const docs = readFileSync(new URL("../../../../docs/deploying.md", import.meta.url), "utf8");
  return docs.split("\n").filter((line) => /^\| \(?`--?[a-z]/.test(line));
}

t.test(
  "bokeh serve's flags are ours, in --help and in the docs",
  { skip: "skip" in python && python.skip },
  async (t) => {
    if (!("python" in python)) return;
    const bokeh = bokehServeFlags(python.python);
    t.equal(bokeh.length, 39, "bokeh serve 3.9.2 has 39 flags, -h/--help included");
    const rows = docsFlagRows();
    for (const flag of bokeh) {
      t.ok(flag in FLAGS, `${flag} is parsed`);
      t.ok(inHelp(flag), `${flag} is in --help`);
      const row = rows.find((line) => new RegExp(`^\\| [^|]*\`${flag}[ \`]`).test(line));
      t.ok(row, `${flag} has a row in docs/deploying.md`);
      t.match(row ?? "", /\| (supported|ours|differs)/, `${flag}: ours beside it`);
    }
  },
);

t.test("each of our flags is in --help and in the docs' table", async (t) => {
  const rows = docsFlagRows().join("\n");
  for (const flag of Object.keys(FLAGS)) {
    t.ok(inHelp(flag), `${flag} is in --help`);
    t.ok(rows.includes(`\`${flag}`), `${flag} is in the docs' table`);
  }
});
