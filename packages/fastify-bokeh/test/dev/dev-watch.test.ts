import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pullDocReq } from "@fastify-bokeh/protocol";
import t from "tap";
import { outputMatch } from "../helpers/chromium.js";
import { fixture, run } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const packageModules = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** Reads the server-sent events of `url` into a growing text. */
async function eventStream(url: string, signal: AbortSignal): Promise<() => string> {
  const response = await fetch(url, { signal });
  if (response.body === null) throw new Error("no event stream");
  let text = "";
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  void (async () => {
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        text += decoder.decode(chunk.value, { stream: true });
    } catch {
      // Aborted at the end of the test.
    }
  })();
  return () => text;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

async function greeting(url: string): Promise<{ text: string; html: string }> {
  const html = await (await fetch(`${url}?who=dev`)).text();
  const client = await TestClient.open(`${url.replace(/^http/, "ws")}/ws`, tokenFromPage(html));
  try {
    await client.until((ms) => ms.length >= 1);
    const reply = await client.request(pullDocReq());
    const [root] = (reply.content as { doc: { roots: Array<{ attributes: { text: string } }> } }).doc.roots;
    return { text: root?.attributes.text ?? "", html };
  } finally {
    client.close();
  }
}

t.test("--dev with a single-file app and an extra file to watch", async (t) => {
  const project = mkdtempSync(join(tmpdir(), "fastify-bokeh-dev-file-"));
  t.teardown(() => rmSync(project, { recursive: true, force: true }));
  symlinkSync(packageModules, join(project, "node_modules"), "dir");
  const app = join(project, "hello.mjs");
  const data = join(project, "data.csv");
  copyFileSync(fixture("hello.mjs"), app);
  writeFileSync(data, "x\n1\n");
  const running = run(["serve", app, "--port", "0", "--address", "127.0.0.1", "--dev", data]);
  t.teardown(() => running.child.kill("SIGKILL"));
  const [, url = ""] = await outputMatch(running, /Bokeh app running at: (http:\/\/\S+\/hello)\b/);
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  const events = await eventStream(`${new URL(url).origin}/_dev/reload`, abort.signal);
  await until(() => events().includes("data: 0\n\n"), "the first event");
  t.match(await greeting(url), { text: "hello dev", html: /new EventSource\("\/_dev\/reload"\)[\s\S]*!== "0"/ });

  writeFileSync(app, readFileSync(app, "utf8").replace("text: `hello", "text: `hi"));
  await until(() => events().includes("data: 1\n\n"), "the reload after editing the app");
  t.match(await greeting(url), { text: "hi dev", html: /!== "1"/ }, "new sessions run the edited module");

  appendFileSync(data, "2\n");
  await until(() => events().includes("data: 2\n\n"), "the reload after editing the extra file");
  t.match(running.output(), /"changed":\["[^"]*data\.csv"\][^\n]*reloading the app/, "logged with the changed file");
  running.child.kill("SIGTERM");
  t.equal(await running.exited, 0);
});
