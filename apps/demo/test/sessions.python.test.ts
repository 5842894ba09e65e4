import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import { bokehServerOf } from "fastify-bokeh";
import t, { type Test } from "tap";
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

// One client streams and patches whole floats (1.0) and ints into the list columns of /stream's source (its
// server-side stream held off by a long period); a second client pulls the same session: bokeh serve gives back
// floats for x and ints for y, as the first client wrote them.
const FLOATS_CLIENT = `
import json, sys
from bokeh.client import pull_session

url = sys.argv[1]
arguments = {"period": "600000"}
writer = pull_session(url=url, arguments=arguments)
source = writer.document.get_model_by_name("source")
initial = {name: list(column) for name, column in source.data.items()}
source.stream({"x": [1.0, 2.0], "y": [3, 4]})
source.patch({"x": [(0, 5.0)]})
# The PATCH-DOCs leave before this request, and are applied before its reply.
writer.force_roundtrip()
reader = pull_session(session_id=writer.id, url=url, arguments=arguments)
data = reader.document.get_model_by_name("source").data
print(json.dumps({
    "initial": initial,
    "same_session": reader.id == writer.id,
    "x": list(data["x"]),
    "y": list(data["y"]),
    "x_floats": [type(v) is float for v in data["x"]],
    "y_ints": [type(v) is int for v in data["y"]],
}))
reader.close()
writer.close()
`;

/** Runs a Python client script with the URL as its argument (killed after 60 s). */
async function runClient(
  python: string,
  script: string,
  url: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(python, ["-c", script, url], { stdio: ["ignore", "pipe", "pipe"] });
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
  return { code, stdout, stderr };
}

/** Starts the server on a random port, closed at the end of the test; returns its base URL. */
async function listen(t: Test, server: Awaited<ReturnType<typeof buildDemoServer>>): Promise<string> {
  await server.listen({ port: 0, host: "127.0.0.1" });
  t.teardown(() => server.close());
  return `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}

const lookup = findBokehPython();
if ("skip" in lookup) {
  console.log(`# skipping the bokeh.client test: ${lookup.skip}`);
  t.test("bokeh.client pulls /sliders", { skip: lookup.skip }, async () => undefined);
} else {
  const { python } = lookup;

  t.test("bokeh.client pull_session: changes freq on /sliders and receives the server's new data", async (t) => {
    const server = await buildDemoServer();
    const url = `${await listen(t, server)}/sliders`;

    const { code, stdout, stderr } = await runClient(python, CLIENT, url);
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

  t.test("bokeh.client: whole floats streamed and patched into list columns come back as floats", async (t) => {
    const server = await buildDemoServer();
    const { code, stdout, stderr } = await runClient(python, FLOATS_CLIENT, `${await listen(t, server)}/stream`);
    t.equal(code, 0, `python exited cleanly${stderr ? `: ${stderr}` : ""}`);
    const result = JSON.parse(stdout) as {
      initial: Record<string, unknown[]>;
      same_session: boolean;
      x: number[];
      y: number[];
      x_floats: boolean[];
      y_ints: boolean[];
    };
    t.same(result.initial, { x: [], y: [] }, "the source started with empty list columns");
    t.ok(result.same_session);
    t.same(result.x, [5, 2]);
    t.same(result.y, [3, 4]);
    t.same(result.x_floats, [true, true], "x: floats, as streamed (2.0) and patched (5.0)");
    t.same(result.y_ints, [true, true], "y: ints, as streamed");
  });
}
