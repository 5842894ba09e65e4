import { parseArgs } from "node:util";
import { buildDemoServer } from "./server.js";

const HELP = `Usage: pnpm demo [--port N] [--host H] [--prefix P] [--allow-websocket-origin HOST[:PORT]]...

Starts the fastify-bokeh demo server (default http://127.0.0.1:5006/).`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "5006" },
    host: { type: "string", default: "127.0.0.1" },
    address: { type: "string" },
    prefix: { type: "string", default: "" },
    "allow-websocket-origin": { type: "string", multiple: true },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const port = Number.parseInt(values.port, 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}
const host = values.address ?? values.host;
const prefix = values.prefix === "" ? "" : `/${values.prefix.replace(/^\/+|\/+$/g, "")}`;

const server = await buildDemoServer({
  logger: true,
  prefix,
  ...(values["allow-websocket-origin"] !== undefined ? { allowWebsocketOrigin: values["allow-websocket-origin"] } : {}),
});
await server.listen({ port, host });

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.log.info(`${signal}: shutting down`);
    server.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}
