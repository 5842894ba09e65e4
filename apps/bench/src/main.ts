// `pnpm bench`: our demo server and bokeh serve side by side, driven by one load generator; prints the table and
// writes results/latest.json. See ../README.md.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT, RESULTS_DIR } from "./paths.js";
import { Children } from "./process/children.js";
import { runProtocolBench } from "./protocol-bench.js";
import type { BenchResults } from "./report/results.js";
import { formatTable } from "./report/table.js";
import { buildRows } from "./report/targets.js";
import { runScenarios } from "./run-server.js";
import { isLoadScenario, PLAN, QUICK_PLAN, SCENARIOS, type ScenarioName } from "./scenarios/plan.js";
import { BOKEH_VERSION, ensurePythonBokeh } from "./servers/python-env.js";
import { scaleOutServers } from "./servers/scale-out-servers.js";
import type { ServerUnderTest } from "./servers/server-under-test.js";
import { SERVER_SETTINGS } from "./servers/settings.js";
import { benchAppFiles, startBokehServe, startOurs } from "./servers/start-servers.js";
import { sleep } from "./stats/bounded-loop.js";

/** The issue-7 budget for its scenarios on 2 cores, plus a bound for each issue-12 scenario; past it the run is aborted. */
const BASE_LIMIT_MS = 8 * 60_000;
const LOAD_SCENARIO_LIMIT_MS = 6 * 60_000;

const HELP = `Usage: pnpm bench [-- options]
  --servers ours,bokeh     which servers to run (default both)
  --scenarios LIST         any of ${SCENARIOS.join(",")} (default all)
  --quick                  every scenario scaled down to a smoke run (figures not comparable to the targets)
  --cpu-prof               write a V8 CPU profile of our server to results/profiles/
  --heap-snapshots         heap snapshots of our server in the memory scenario (results/profiles/)
  --ours-node-arg ARG      a node option for our server (repeatable), e.g. --ours-node-arg=--max-semi-space-size=2
  --no-protocol-bench      skip the protocol package's benchmark
  --out FILE               results file (default results/latest.json)`;

// `pnpm … bench -- --flag` passes the `--` on.
const argv = process.argv.slice(2);
if (argv[0] === "--") argv.shift();

function parse() {
  try {
    return parseArgs({
      args: argv,
      options: {
        servers: { type: "string", default: "ours,bokeh" },
        scenarios: { type: "string", default: SCENARIOS.join(",") },
        quick: { type: "boolean", default: false },
        "cpu-prof": { type: "boolean", default: false },
        "heap-snapshots": { type: "boolean", default: false },
        "ours-node-arg": { type: "string", multiple: true, default: [] },
        "no-protocol-bench": { type: "boolean", default: false },
        out: { type: "string", default: join(RESULTS_DIR, "latest.json") },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exit(2);
  }
}
const { values } = parse();

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function list<T extends string>(raw: string, allowed: readonly T[], what: string): Set<T> {
  const items = raw
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      console.error(`unknown ${what} "${item}" (expected ${allowed.join(", ")})`);
      process.exit(2);
    }
  }
  return new Set(items as T[]);
}

const servers = list(values.servers, ["ours", "bokeh"] as const, "server");
const scenarios = list<ScenarioName>(values.scenarios, SCENARIOS, "scenario");
const plan = values.quick ? QUICK_PLAN : PLAN;
const RUN_LIMIT_MS = BASE_LIMIT_MS + LOAD_SCENARIO_LIMIT_MS * [...scenarios].filter(isLoadScenario).length;
const profilesDir = join(RESULTS_DIR, "profiles");
const outFile = resolve(values.out);

const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string): void => console.log(`[bench ${elapsed().padStart(5)}] ${line}`);

const children = new Children();
process.on("exit", () => children.killAllNow());
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    results.error = `interrupted by ${signal}`;
    writeResults();
    void children.stopAll().finally(() => process.exit(code));
  });
}
const watchdog = setTimeout(() => {
  results.error = `the run exceeded ${RUN_LIMIT_MS / 60_000} minutes: aborted`;
  writeResults();
  console.error(results.error);
  void children.stopAll().finally(() => process.exit(1));
}, RUN_LIMIT_MS);

/** Snapshot files in the profiles directory with their sizes. */
function snapshotSizes(): Map<string, number> {
  const sizes = new Map<string, number>();
  if (!existsSync(profilesDir)) return sizes;
  for (const name of readdirSync(profilesDir)) {
    if (name.endsWith(".heapsnapshot")) sizes.set(name, statSync(join(profilesDir, name)).size);
  }
  return sizes;
}

/** Asks our server for a heap snapshot and waits (bounded) until the new file stops growing. */
async function heapSnapshot(server: ServerUnderTest, sessions: number): Promise<void> {
  if (server.kind !== "ours") return;
  log(`  heap snapshot at ${sessions} sessions (memory figures of this run are not valid)`);
  const before = snapshotSizes();
  process.kill(server.pid, "SIGUSR2");
  const deadline = performance.now() + 120_000;
  let last = -1;
  while (performance.now() < deadline) {
    await sleep(1000);
    const fresh = [...snapshotSizes()].find(([name]) => !before.has(name));
    if (fresh !== undefined && fresh[1] > 0 && fresh[1] === last) return;
    last = fresh?.[1] ?? -1;
  }
  throw new Error("heap snapshot not written within 120 s");
}

/** Filled in as the run goes, so that a failed run still writes what it measured. */
/** The one-minute load average (`os.loadavg()` always has three). */
function oneMinuteLoad(): number {
  const [oneMinute = NaN] = loadavg();
  return oneMinute;
}

const results: BenchResults = {
  date: new Date().toISOString(),
  durationMs: 0,
  machine: {
    cpuModel: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverage: { start: oneMinuteLoad(), end: NaN },
  },
  settings: {
    ...SERVER_SETTINGS,
    plan,
    quick: values.quick,
    servers: [...servers],
    scenarios: [...scenarios],
    oursNodeArgs: values["ours-node-arg"],
  },
  bokehServeUnavailable: servers.has("bokeh") ? null : "not selected (--servers)",
  ours: null,
  bokeh: null,
  rows: [],
  protocolBench: [],
  error: null,
};

function writeResults(): void {
  results.durationMs = performance.now() - started;
  results.machine.loadAverage.end = oneMinuteLoad();
  results.rows = buildRows(results.ours, results.bokeh);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
}

async function main(): Promise<void> {
  let bokehStart: (() => Promise<ServerUnderTest>) | undefined;
  if (servers.has("bokeh")) {
    const python = await ensurePythonBokeh(log);
    const apps = benchAppFiles();
    if (!python.available) results.bokehServeUnavailable = python.reason;
    else if (typeof apps === "string") results.bokehServeUnavailable = apps;
    else {
      results.settings.bokeh = BOKEH_VERSION;
      bokehStart = () => startBokehServe(children, python.bokeh, apps);
    }
    if (results.bokehServeUnavailable !== null)
      log(`bokeh serve cannot run, our server runs alone: ${results.bokehServeUnavailable}`);
  }

  if (servers.has("ours")) {
    results.ours = { label: "fastify-bokeh" };
    const profiling = {
      ...(values["cpu-prof"] ? { cpuProfileDir: profilesDir } : {}),
      ...(values["heap-snapshots"] ? { heapSnapshotDir: profilesDir } : {}),
      nodeArgs: values["ours-node-arg"],
    };
    await runScenarios(
      () => startOurs(children, profiling),
      scenarios,
      results.ours,
      {
        log,
        ...(values["heap-snapshots"] ? { onMemoryLevel: heapSnapshot } : {}),
        startWithProcs: (numProcs) => startOurs(children, { ...profiling, numProcs }),
        scaleOut: scaleOutServers(children, profiling),
      },
      plan,
    );
  }
  if (bokehStart !== undefined) {
    results.bokeh = { label: "bokeh serve" };
    await runScenarios(bokehStart, scenarios, results.bokeh, { log }, plan);
  }
  if (!values["no-protocol-bench"]) {
    log("protocol package benchmark");
    results.protocolBench = await runProtocolBench(children);
  }
  writeResults();

  console.log("");
  console.log(formatTable(results.rows));
  for (const server of [results.ours, results.bokeh]) {
    if (server === undefined || server === null) continue;
    for (const level of server.memory?.levels ?? []) {
      if (level.sessions < level.level)
        console.log(
          `\n${server.label} reached only ${level.sessions} of ${level.level} sessions in the memory scenario's time limit; its figure is per session at that count.`,
        );
    }
  }
  for (const server of [results.ours, results.bokeh]) {
    for (const [name, why] of Object.entries(server?.failed ?? {}))
      console.log(`\n${server?.label}: ${name} failed: ${why}`);
  }
  if (values.quick) console.log("\n--quick: scaled-down smoke run; the figures are not comparable to the targets.");
  if (results.bokehServeUnavailable !== null)
    console.log(`\nbokeh serve did not run: ${results.bokehServeUnavailable}; ratios are missing.`);
  const targets = results.rows.filter((row) => row.target !== null);
  const checked = targets.filter((row) => row.met !== null);
  const unmet = checked.filter((row) => row.met === false).map((row) => row.metric);
  console.log(
    `\ntargets met: ${checked.length - unmet.length} of ${checked.length} checked (${targets.length - checked.length} without figures)`,
  );
  if (unmet.length > 0) console.log(`not met: ${unmet.join("; ")}`);
  if (results.protocolBench.length > 0) console.log(`\n${results.protocolBench.join("\n")}`);
  const { cores, cpuModel, loadAverage } = results.machine;
  console.log(
    `\nresults: ${relative(REPO_ROOT, outFile)}; ${cores} × ${cpuModel}, load average ${loadAverage.start.toFixed(1)} → ${loadAverage.end.toFixed(1)}; run took ${elapsed()}`,
  );
}

main().then(
  () => clearTimeout(watchdog),
  async (error: unknown) => {
    clearTimeout(watchdog);
    results.error = error instanceof Error ? error.message : String(error);
    writeResults();
    console.error(
      `\nbenchmark failed (partial results in ${relative(REPO_ROOT, outFile)}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    await children.stopAll();
    process.exit(1);
  },
);
