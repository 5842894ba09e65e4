// The README's quick start on a fresh clone: `npx pnpm install` prints no warnings about settings npm does not know,
// and `pnpm demo` builds what the demo needs, not the benchmarks.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";

const repo = fileURLToPath(new URL("../..", import.meta.url));
/** @type {{ scripts: Record<string, string> }} */
const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));

t.test("pnpm demo builds the demo and its packages, not the bench", async (t) => {
  const build = /^turbo (run build [^&]*?)\s*&&/.exec(manifest.scripts.demo ?? "")?.[1];
  t.ok(build, "the demo script starts with a turbo build");
  if (build === undefined) return;
  const dry = spawnSync(join(repo, "node_modules/.bin/turbo"), [...build.split(/\s+/), "--dry=json"], {
    cwd: repo,
    encoding: "utf8",
    timeout: 120_000,
  });
  t.equal(dry.status, 0, dry.stderr);
  /** @type {{ tasks: { taskId: string }[] }} */
  const plan = JSON.parse(dry.stdout);
  const tasks = plan.tasks.map((task) => task.taskId);
  t.ok(tasks.includes("@fastify-bokeh/demo#build"), "the demo");
  t.ok(tasks.includes("fastify-bokeh#build"), "the plugin it runs on");
  t.notOk(
    tasks.some((task) => task.startsWith("@fastify-bokeh/bench#")),
    "not the bench, which the demo does not need",
  );
});

t.test(
  "no .npmrc: npm (npx) reads it too and warns about pnpm's settings, which live in pnpm-workspace.yaml",
  async (t) => {
    t.notOk(existsSync(join(repo, ".npmrc")));
    t.match(readFileSync(join(repo, "pnpm-workspace.yaml"), "utf8"), /^linkWorkspacePackages: true$/m);
  },
);
