import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import { bokehServerOf } from "fastify-bokeh";
import t from "tap";
import { buildDemoServer } from "../src/server.js";

// Python's own client, unmodified: pull the session, move freq, and read back what the server computed.
const CLIENT = `
import json, sys
from bokeh.client import pull_session

session = pull_session(url=sys.argv[1])
doc = session.document
freq = doc.get_model_by_name("freq")
source = doc.get_model_by_name("source")
before = [float(v) for v in source.data["y"]]
received = []

def on_data(attr, old, new):
    received.append([float(v) for v in new["y"]])
    session.close("got the new data")

source.on_change("data", on_data)
doc.add_timeout_callback(lambda: session.close("timed out"), 20000)
freq.value = 2.5
# bokeh.client applies the server's PATCH-DOCs only while its loop runs (its "testing only" loop).
session._loop_until_closed()
print(json.dumps({
    "session": session.id,
    "x": [float(v) for v in source.data["x"]],
    "x_type": type(source.data["x"]).__name__,
    "before": before,
    "after": received[0] if received else None,
    "freq": freq.value,
}))
`;

const lookup = findBokehPython();
if ("skip" in lookup) {
  console.log(`# skipping the bokeh.client test: ${lookup.skip}`);
  t.test("bokeh.client pulls /sliders", { skip: lookup.skip }, async () => undefined);
} else {
  const { python } = lookup;

  t.test("bokeh.client pull_session: changes freq on /sliders and receives the server's new data", async (t) => {
    const server = await buildDemoServer();
    await server.listen({ port: 0, host: "127.0.0.1" });
    t.teardown(() => server.close());
    const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/sliders`;

    const child = spawn(python, ["-c", CLIENT, url], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    t.equal(code, 0, `python exited cleanly${stderr ? `: ${stderr}` : ""}`);
    const result = JSON.parse(stdout) as {
      session: string;
      x: number[];
      x_type: string;
      before: number[];
      after: number[] | null;
      freq: number;
    };

    t.equal(result.x_type, "ndarray", "x arrived as a numpy array (a binary buffer)");
    t.equal(result.x.length, 200);
    t.equal(result.freq, 2.5);
    t.same(
      result.before.filter((y, i) => Math.abs(y - Math.sin(result.x[i]!)) > 1e-12),
      [],
      "before: every y is sin(x)",
    );
    t.ok(result.after !== null, "Python received new data for the source");
    const wrong = (result.after ?? []).filter((y, i) => Math.abs(y - Math.sin(2.5 * result.x[i]!)) > 1e-12);
    t.same(wrong, [], "after: every y is sin(2.5·x), computed by the server");
    t.notSame(result.after, result.before);
    t.ok(
      bokehServerOf(server)!.apps.get("/sliders")!.sessionIds.includes(result.session),
      "Python's session id is a live session of /sliders",
    );
  });
}
