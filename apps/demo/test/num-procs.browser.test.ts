import { ownerSlot } from "fastify-bokeh";
import type { Page } from "playwright-core";
import t from "tap";
import { launchBrowser, openPage, waitForBokeh } from "./helpers/browser.js";
import { demo } from "./helpers/run-demo.js";

interface BokehWindow {
  Bokeh: { documents: { get_model_by_name(n: string): unknown }[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) until the output matches. */
async function waitFor(output: () => string, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const match = pattern.exec(output());
    if (match !== null) return match;
  }
  throw new Error(`no ${pattern} in the output:\n${output()}`);
}

/** The session id in the page's token (the token's payload is base64url JSON). */
async function pageSessionId(page: Page): Promise<string> {
  const token = /"token":\s*"([^".]+)/.exec(await page.content())?.[1] ?? "";
  return (JSON.parse(Buffer.from(token, "base64url").toString()) as { session_id: string }).session_id;
}

/** Moves the freq slider one step with the keyboard; resolves once the server's new y has arrived in the page. */
/** The page's freq and how far its y[50] is from sin(freq · x[50]), the server's new y. */
function freqAndError(page: Page): Promise<{ freq: number; error: number }> {
  return page.evaluate(() => {
    const doc = (window as unknown as BokehWindow).Bokeh.documents[0]!;
    const freq = (doc.get_model_by_name("freq") as { value: number }).value;
    const { x, y } = (doc.get_model_by_name("source") as { data: Record<string, ArrayLike<number>> }).data;
    return { freq, error: Math.abs(y![50]! - Math.sin(freq * x![50]!)) };
  });
}

/** Moves the freq slider one step with the keyboard; whether the server's new y came back within 20 s. */
async function nudgeFreq(page: Page): Promise<boolean> {
  const before = (await freqAndError(page)).freq;
  await page.locator(".noUi-handle").nth(0).focus();
  await page.keyboard.press("ArrowRight");
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { freq, error } = await freqAndError(page);
    if (freq > before && error < 1e-12) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

t.test("pnpm demo --num-procs 2: /sliders pages sync through the one port, each on its session's worker", async (t) => {
  const run = demo(
    ["--num-procs", "2", "--port", "0", "--address", "127.0.0.1"],
    {
      BOKEH_SECRET_KEY: "num-procs secret",
      BOKEH_SIGN_SESSIONS: "true",
    },
    150_000,
  );
  t.teardown(() => run.child.kill("SIGKILL"));
  const [, base = ""] = await waitFor(run.output, /Bokeh app running at: (http:\/\/\S+?)\/sliders\b/);
  const pids = new Map<number, number>();
  for (const [, slot, pid] of run.output().matchAll(/worker (\d+) ready \(pid (\d+)\)/g))
    pids.set(Number(slot), Number(pid));
  t.equal(pids.size, 2, "two workers");

  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const pages: Array<{ page: Page; slot: number; problems: string[] }> = [];
  for (let i = 0; i < 4; i++) {
    const { page, problems } = await openPage(browser, `${base}/sliders`);
    await waitForBokeh(page);
    const slot = ownerSlot(await pageSessionId(page), 2);
    t.ok(await nudgeFreq(page), `page ${i} (session on worker ${slot}): moving freq brings the server's new y`);
    pages.push({ page, slot, problems });
  }

  // Killing the other worker must not touch a page: its websocket is on the worker owning its session.
  const [first] = pages;
  if (first === undefined) throw new Error("no page");
  const other = pids.get(1 - first.slot) ?? -1;
  process.kill(other, "SIGKILL");
  await waitFor(run.output, new RegExp(`worker ${1 - first.slot} \\(pid ${other}\\) exited with signal SIGKILL`));
  await waitFor(run.output, new RegExp(`worker ${1 - first.slot} ready \\(pid (?!${other}\\))\\d+\\)`));
  t.ok(
    await nudgeFreq(first.page),
    "the page whose worker lives on still syncs after the other worker was killed and replaced",
  );
  t.same(first.problems, [], "no console errors on that page");

  const { page: fresh } = await openPage(browser, `${base}/sliders`);
  await waitForBokeh(fresh);
  t.ok(await nudgeFreq(fresh), "a new page syncs after the restart");

  run.child.kill("SIGTERM");
  t.equal(await run.exited, 0, "SIGTERM stops the demo and its workers");
});
