// Scale-out through a real balancer: Redis, three demo nodes and an unmodified HAProxy (round-robin, no
// stickiness), driven by Chromium and Python's bokeh.client. Node loss, pauses and a Redis restart included.
import { spawn } from "node:child_process";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import type { Page } from "playwright-core";
import t from "tap";
import { type BrowserHandle, launchBrowser, waitForBokeh } from "./helpers/browser.js";
import {
  type DemoCluster,
  type DemoNode,
  SECRET_KEY,
  sessionIdOfHtml,
  startCluster,
  startNginx,
} from "./helpers/cluster.js";
import { prop, propWhen } from "./helpers/model-props.js";

const FAILOVER = 30_000;

// Python's own client: pulls a session through the balancer and prints named models' properties.
const PULL = `
import json, sys
from bokeh.client import pull_session
session = pull_session(session_id=sys.argv[2], url=sys.argv[1])
doc = session.document
out = {}
for spec in sys.argv[3:]:
    if "=" in spec:
        target, value = spec.split("=")
        name, attr = target.split(".")
        setattr(doc.get_model_by_name(name), attr, json.loads(value))
        session.request_server_info()  # a round trip: the change has reached the server
        continue
    name, attr = spec.split(".")
    out[spec] = getattr(doc.get_model_by_name(name), attr)
out["root_ids"] = [root.id for root in doc.roots]
session.close()
print(json.dumps(out))
`;

const lookup = findBokehPython();
const python = "skip" in lookup ? undefined : lookup.python;

/**
 * What bokeh.client sees of session `id` of `app` through the balancer: the `name.attr` specs, after making the
 * changes of the `name.attr=json` ones.
 */
async function pythonPull(
  cluster: DemoCluster,
  app: string,
  id: string,
  specs: string[],
): Promise<Record<string, unknown>> {
  if (python === undefined) throw new Error("no Python bokeh");
  const child = spawn(python, ["-c", PULL, `${cluster.base}${app}`, id, ...specs], {
    env: { ...process.env, BOKEH_SECRET_KEY: SECRET_KEY, BOKEH_SIGN_SESSIONS: "no" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) throw new Error(`bokeh.client failed (${code}): ${stderr.slice(-2000)}`);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Opens `url` and waits for BokehJS; returns the page and its session id. */
async function openSession(browser: BrowserHandle, url: string): Promise<{ page: Page; id: string }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForBokeh(page);
  return { page, id: sessionIdOfHtml(await page.content()) };
}

/** Sets a model property in the browser, as a widget would: BokehJS sends it to the server. */
async function setInBrowser(page: Page, name: string, attr: string, value: unknown): Promise<void> {
  await page.evaluate(
    ([model, key, v]) => {
      const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): unknown }[] } }).Bokeh
        .documents[0]!;
      (doc.get_model_by_name(model) as Record<string, unknown>)[key] = v;
    },
    [name, attr, value] as const,
  );
}

/** Waits until `check` holds, polling every 100 ms, for at most `timeout` ms. */
async function until(what: string, check: () => Promise<boolean>, timeout = FAILOVER): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks the /button app's button and waits for the count it shows to reach `expected`. */
async function click(page: Page, expected: number): Promise<void> {
  await page.getByRole("button", { name: "Click" }).click();
  await propWhen<string>(page, "out", "text", (text) => text === `clicks: ${expected}`);
}

/** The node owning session `id` of `app`. */
async function ownerOf(cluster: DemoCluster, app: string, id: string): Promise<DemoNode> {
  const port = await cluster.ownerPort(app, id);
  const owner = cluster.nodes.find((node) => node.port === port);
  if (owner === undefined) throw new Error(`no owner for ${app} session ${id}`);
  return owner;
}

/** Waits until another node than the one holding it before has claimed session `id` of `app`. */
async function takenOver(cluster: DemoCluster, app: string, id: string, before: string | null): Promise<void> {
  await until(`another node to take ${app} over`, async () => {
    const lease = await cluster.lease(app, id);
    return lease !== null && lease !== before;
  });
}

/**
 * SIGKILLs the owner of session `id` of `app`, then waits until another node has taken the session over and the
 * session's page is connected to it again. Returns the killed node.
 */
async function killOwner(cluster: DemoCluster, app: string, id: string): Promise<DemoNode> {
  const owner = await ownerOf(cluster, app, id);
  const lease = await cluster.lease(app, id);
  owner.child.kill("SIGKILL");
  await takenOver(cluster, app, id, lease);
  await until("the page to be connected again", async () => {
    const count = await cluster.inspect.hget(`fastify-bokeh:{${app}:${id}}:record`, "connectionCount");
    return Number(count) >= 1;
  });
  return owner;
}

if (python === undefined) {
  t.test("scale-out", { skip: `no Python bokeh: ${"skip" in lookup ? lookup.skip : ""}` }, async () => undefined);
} else {
  let cluster: DemoCluster;
  let browser: BrowserHandle;
  t.before(async () => {
    cluster = await startCluster();
    browser = await launchBrowser();
  });
  t.teardown(async () => {
    await browser?.close();
    await cluster?.stop();
  });
  t.afterEach((t) => {
    if (t.passing()) return;
    for (const node of cluster.nodes) t.comment(`node ${node.port}:\n${node.log.slice(-4000)}`);
  });

  t.test("SIGKILL of the owner: the pages reconnect with their state, and counting goes on", async (t) => {
    const button = await openSession(browser, `${cluster.base}/button`);
    for (let n = 1; n <= 3; n++) await click(button.page, n);
    const ownerPort = (await ownerOf(cluster, "/button", button.id)).port;

    // A /sliders session on the same node, so one kill takes both.
    let sliders: { page: Page; id: string } | undefined;
    for (let attempt = 0; attempt < 6 && sliders === undefined; attempt++) {
      const candidate = await openSession(browser, `${cluster.base}/sliders`);
      if ((await cluster.ownerPort("/sliders", candidate.id)) === ownerPort) sliders = candidate;
      else await candidate.page.close();
    }
    if (sliders === undefined) throw new Error("round-robin never gave the owner a /sliders session");
    await setInBrowser(sliders.page, "freq", "value", 2.5);
    await setInBrowser(sliders.page, "amp", "value", 3);
    const y = (page: Page) => prop<number[]>(page, "source", "data.y");
    await until(
      "the server's new y",
      async () => Math.abs(((await y(sliders.page))[50] ?? 0) - 3 * Math.sin(2.5 * ((4 * Math.PI * 50) / 199))) < 1e-9,
    );
    const rootsBefore = await pythonPull(cluster, "/button", button.id, ["out.text"]);

    const killedSliders = await cluster.lease("/sliders", sliders.id);
    const started = Date.now();
    const owner = await killOwner(cluster, "/button", button.id);
    t.comment(`failover took ${Date.now() - started} ms`);
    t.equal(await prop<string>(button.page, "out", "text"), "clicks: 3", "the page still shows clicks: 3");
    await click(button.page, 4);
    t.equal(await prop<string>(button.page, "out", "text"), "clicks: 4", "the next click shows clicks: 4");

    await takenOver(cluster, "/sliders", sliders.id, killedSliders);
    t.equal(await prop<number>(sliders.page, "freq", "value"), 2.5, "the freq slider kept its value");
    t.equal(await prop<number>(sliders.page, "amp", "value"), 3, "the amp slider kept its value");

    const pulled = await pythonPull(cluster, "/button", button.id, ["out.text"]);
    t.equal(pulled["out.text"], "clicks: 4", "bokeh.client through the balancer sees clicks: 4");
    t.same(pulled.root_ids, rootsBefore.root_ids, "with the model ids of before the kill");
    const slidersPulled = await pythonPull(cluster, "/sliders", sliders.id, ["freq.value", "amp.value"]);
    t.same(slidersPulled, { ...slidersPulled, "freq.value": 2.5, "amp.value": 3 }, "and the slider values");
    await button.page.close();
    await sliders.page.close();
    await cluster.revive(owner);
  });

  t.test("two pages on one session, through different nodes, stay in sync (in the owner's order)", async (t) => {
    const first = await openSession(browser, `${cluster.base}/button`);
    const ownerPort = await cluster.ownerPort("/button", first.id);
    const other = cluster.nodes.find((node) => node.port !== ownerPort);
    if (other === undefined) throw new Error("no second node");
    // Straight to a node that does not own the session: it serves the page and relays the websocket.
    const second = await openSession(browser, `http://127.0.0.1:${other.port}/button?bokeh-session-id=${first.id}`);
    t.equal(second.id, first.id, "the second page is on the same session");
    t.not(other.port, ownerPort, "through another node than the owner");
    await click(second.page, 1);
    await propWhen<string>(first.page, "out", "text", (text) => text === "clicks: 1");
    await click(first.page, 2);
    await propWhen<string>(second.page, "out", "text", (text) => text === "clicks: 2");
    await setInBrowser(second.page, "choice", "value", "c");
    await propWhen<string>(first.page, "out", "text", (text) => text === "choice: c");
    t.same(
      [await prop<string>(first.page, "choice", "value"), await prop<string>(second.page, "choice", "value")],
      ["c", "c"],
      "each page sees the other's clicks and choices",
    );
    await first.page.close();
    await second.page.close();
  });

  t.test("fencing: a node paused past its lease writes nothing for the sessions it lost", async (t) => {
    const { page, id } = await openSession(browser, `${cluster.base}/sliders`);
    await setInBrowser(page, "freq", "value", 1.5);
    const owner = await ownerOf(cluster, "/sliders", id);
    const logKey = `fastify-bokeh:{/sliders:${id}}:log`;
    await until("the change logged", async () => (await cluster.inspect.xlen(logKey)) >= 1);
    const pausedEpoch = (await cluster.lease("/sliders", id))?.split(" ")[1];
    const epochsOf = async () => (await cluster.inspect.xrange(logKey, "-", "+")).map(([, fields]) => fields[1]);

    owner.child.kill("SIGSTOP");
    await new Promise((resolve) => setTimeout(resolve, 6500)); // past its 1 s liveness key and its 5 s leases
    // The log as the paused node left it: BokehJS may still have sent changes of its own (ranges, sizes) until then.
    const before = await epochsOf();
    // Another node takes the session over, and the change through it is logged under the new epoch.
    const taken = await pythonPull(cluster, "/sliders", id, ["freq.value=3.0", "freq.value"]);
    t.equal(taken["freq.value"], 3, "the new owner has the change");
    // The page's change goes to the paused owner, whose socket holds it until it runs again.
    await setInBrowser(page, "freq", "value", 4);
    owner.child.kill("SIGCONT");
    await until("the paused node to notice", async () => owner.log.includes("taken over by another node"));

    const entries = await epochsOf();
    t.same(entries.slice(0, before.length), before, "the log before the pause is intact");
    t.ok(entries.length > before.length, "the new owner logged its change");
    t.same(
      entries.slice(before.length).filter((epoch) => epoch === pausedEpoch),
      [],
      "nothing was logged under the lost epoch once the session was taken over",
    );
    const after = await pythonPull(cluster, "/sliders", id, ["freq.value"]);
    t.equal(after["freq.value"], 3, "the resumed node's change did not land");
    await page.close();
  });

  t.test("Redis restarted: live sessions keep working, are written back, and survive their node after", async (t) => {
    const { page, id } = await openSession(browser, `${cluster.base}/button`);
    await click(page, 1);
    await click(page, 2);
    const outagesBefore = cluster.nodes.map((node) => node.log.split("Redis unreachable").length);
    await cluster.redis.stop();
    const refused = await fetch(`${cluster.base}/button`);
    t.equal(refused.status, 503, "a new session fails with a clear reason while Redis is away");
    t.match(await refused.text(), /Session store unavailable/);
    await click(page, 3);
    t.equal(await prop<string>(page, "out", "text"), "clicks: 3", "the live session keeps working while Redis is away");

    await cluster.redis.restart();
    await until("the owner to write the session back", async () => (await cluster.lease("/button", id)) !== null);
    const outages = cluster.nodes.map(
      (node, i) => node.log.split("Redis unreachable").length - (outagesBefore[i] ?? 0),
    );
    t.same(outages, [1, 1, 1], "each node logged the outage once");
    const pulled = await pythonPull(cluster, "/button", id, ["out.text"]);
    t.equal(pulled["out.text"], "clicks: 3", "bokeh.client sees the state through the balancer");

    const owner = await killOwner(cluster, "/button", id);
    await click(page, 4);
    t.equal(
      await prop<string>(page, "out", "text"),
      "clicks: 4",
      "the session written back survives its node: the next click shows clicks: 4",
    );
    await page.close();
    await cluster.revive(owner);
  });

  t.test("the documented nginx configuration: a page and bokeh.client through it, across a node's death", async (t) => {
    const nginx = await startNginx(cluster);
    t.teardown(() => nginx.stop());
    const { page, id } = await openSession(browser, `${nginx.base}/button`);
    await click(page, 1);
    await click(page, 2);
    const owner = await killOwner(cluster, "/button", id);
    t.equal(await prop<string>(page, "out", "text"), "clicks: 2", "the page reconnected with its state");
    await click(page, 3);
    const pulled = await pythonPull({ ...cluster, base: nginx.base }, "/button", id, ["out.text"]);
    t.equal(pulled["out.text"], "clicks: 3", "bokeh.client through nginx sees clicks: 3");
    await page.close();
    await cluster.revive(owner);
  });
}
