// One node of the scale-out scenario: the demo server with `--redis-url`, and a lease short enough for failover to
// be measured in seconds (the CLI has no flag for it). Usage: node cluster-node-main.js LEASE_MS <serve flags…>.
import { DEMO_APPS } from "@fastify-bokeh/demo";
import { parseServeArgs, startServing } from "fastify-bokeh";

const [lease, ...flags] = process.argv.slice(2);
const args = parseServeArgs(flags);
const url = args.options.redis;
if (typeof url !== "string") throw new Error("cluster-node-main needs --redis-url");
args.options = { ...args.options, redis: { url, leaseTtl: Number(lease) } };
const server = await startServing(args, DEMO_APPS);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
