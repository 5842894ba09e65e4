import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** apps/bench (this file is compiled to apps/bench/dist/paths.js). */
const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The repository root. */
export const REPO_ROOT = resolve(BENCH_DIR, "../..");

/** The Python twins of the contract apps that bokeh serve runs (part of the repository's reference). */
export const BENCH_APPS_DIR = resolve(REPO_ROOT, "reference/apps/contract");

/** The virtual environment with Python bokeh 3.9.2 (gitignored). */
export const VENV_DIR = resolve(BENCH_DIR, ".venv");

/** Where results and profiles go (gitignored). */
export const RESULTS_DIR = resolve(BENCH_DIR, "results");

/** The demo server's command line. */
export const DEMO_MAIN = resolve(REPO_ROOT, "apps/demo/dist/main.js");

/** The scale-out scenario's cluster node (the demo with a short Redis lease), compiled next to this file. */
export const CLUSTER_NODE_MAIN = resolve(BENCH_DIR, "dist/servers/cluster-node-main.js");

/** The protocol package's own benchmark script (what `pnpm --filter @fastify-bokeh/protocol bench` runs). */
export const PROTOCOL_BENCH_SCRIPT = resolve(REPO_ROOT, "packages/protocol/bench/protocol.bench.mjs");
