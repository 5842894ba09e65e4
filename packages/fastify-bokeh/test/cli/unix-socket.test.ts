// --unix-socket: bokeh serve binds a unix socket instead of a port (for a proxy in front).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { stop, waitForOutput } from "../helpers/cli-output.js";
import { fixture, run } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-sock-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function getOverSocket(socketPath: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path, headers: { Host: "bokeh.example" } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

t.test("serves HTTP over the unix socket, and logs no URL (there is no port)", async (t) => {
  const socket = join(dir, "bokeh.sock");
  // As with bokeh serve, no websocket Origin is allowed on a unix socket unless named.
  const running = run([
    "serve",
    fixture("hello.mjs"),
    "--unix-socket",
    socket,
    "--allow-websocket-origin",
    "bokeh.example",
  ]);
  t.teardown(() => running.child.kill("SIGKILL"));
  await waitForOutput(running, /Listening on unix socket/);
  const page = await getOverSocket(socket, "/hello?who=socket");
  t.equal(page.status, 200);
  t.match(page.body, /<title>Hello page<\/title>/);
  t.match(page.body, /src="\/static\/js\/bokeh\.min\.js/, "the page's resources are relative to the proxy's host");
  const client = await TestClient.open(`ws+unix://${socket}:/hello/ws`, tokenFromPage(page.body), {
    Origin: "http://bokeh.example",
  });
  await client.until((ms) => ms.length >= 1);
  t.equal(client.messages[0]?.header.msgtype, "ACK", "the websocket over the socket too");
  client.close();
  const bundle = await getOverSocket(socket, "/static/js/bokeh.min.js");
  t.equal(bundle.status, 200);
  t.notMatch(running.output(), /Bokeh app running at/);
  t.equal(await stop(running), 0);
  t.notOk(existsSync(socket), "the socket file is removed on shutdown");
});

t.test("--port with --unix-socket is refused, as bokeh serve does", async (t) => {
  const running = run(["serve", fixture("hello.mjs"), "--unix-socket", join(dir, "x.sock"), "--port", "8080"]);
  t.equal(await running.exited, 2);
  t.match(running.output(), /--port is not supported with a unix socket/);
});
