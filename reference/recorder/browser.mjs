// Records what unmodified BokehJS 3.9.2 in headless Chromium sends and receives on the Bokeh websocket, from the
// Chrome DevTools Protocol's network events (nothing sits in between). Run by reference/record.py:
//
//   node reference/recorder/browser.mjs <port> <out.jsonl> interact|reconnect
//
// `interact` clicks the button, drags the slider and waits for a stream patch. `reconnect` prints
// "restart-server" once the document is idle, then waits for a line on stdin (the recorder restarted bokeh serve on
// the same port) and watches BokehJS reconnect. Lines use the fields of the Python recorder (seq, t_ms, dir, kind,
// text | base64), plus `http` for the page's HTTP requests and `console` for the browser console.
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

// playwright-core is a dependency of apps/demo; the reference folder has no package of its own.
const require = createRequire(new URL("../../apps/demo/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [port, outPath, mode] = [Number(process.argv[2]), process.argv[3], process.argv[4] ?? "interact"];
const base = `http://localhost:${port}`;
const PATHS = /(?<![\w.])\/(?:tmp|work|home|root|usr|opt)\/[^\s"'<>]*/g;

const started = Date.now();
let lastFrameAt = started;
let streamsSeen = 0;
let seq = 0;
const out = createWriteStream(outPath);
function event(dir, kind, fields = {}) {
  const line = { seq: ++seq, t_ms: Date.now() - started, dir, kind, ...fields };
  if (typeof line.text === "string") line.text = line.text.replace(PATHS, "<path>");
  out.write(`${JSON.stringify(line)}\n`);
}
const note = (text) => event("note", "note", { text });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const headerLines = (headers) => Object.entries(headers).map(([name, value]) => `${name}: ${value}`);

/** Logs the page's HTTP traffic and every websocket handshake and frame. */
async function watchNetwork(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", ({ type, request }) => {
    if (type !== "WebSocket" && !request.url.startsWith("data:"))
      event("c2s", "http", { text: `${request.method} ${request.url}` });
  });
  cdp.on("Network.responseReceived", ({ response }) => {
    if (response.url.startsWith("data:")) return;
    const type = response.headers["Content-Type"] ?? response.headers["content-type"];
    event("s2c", "http", { text: `${response.status} ${response.url} content-type=${type}` });
  });
  cdp.on("Network.webSocketCreated", ({ url }) => note(`websocket created: ${url}`));
  cdp.on("Network.webSocketWillSendHandshakeRequest", ({ request }) =>
    event("c2s", "http-request", { text: headerLines(request.headers).join("\r\n") }),
  );
  cdp.on("Network.webSocketHandshakeResponseReceived", ({ response }) =>
    event("s2c", "http-response", {
      text: [`${response.status} ${response.statusText}`, ...headerLines(response.headers)].join("\r\n"),
    }),
  );
  const frame =
    (dir) =>
    ({ response }) => {
      lastFrameAt = Date.now();
      if (dir === "s2c" && response.payloadData.includes('"kind":"ColumnsStreamed"')) streamsSeen += 1;
      if (response.opcode === 1) event(dir, "text", { text: response.payloadData });
      else if (response.opcode === 2) event(dir, "binary", { base64: response.payloadData });
      else event(dir, `opcode-${response.opcode}`, { text: response.payloadData });
    };
  cdp.on("Network.webSocketFrameSent", frame("c2s"));
  cdp.on("Network.webSocketFrameReceived", frame("s2c"));
  cdp.on("Network.webSocketFrameError", ({ errorMessage }) => note(`websocket frame error: ${errorMessage}`));
  cdp.on("Network.webSocketClosed", () => event("s2c", "close"));
  page.on("console", (message) => event("note", "console", { text: `${message.type()}: ${message.text()}` }));
}

/** Waits until no websocket frame has come for a while, so the page is not closed in the middle of a message. */
async function quiet(ms = 500, atMost = 10000) {
  const deadline = Date.now() + atMost;
  while (Date.now() - lastFrameAt < ms && Date.now() < deadline) await sleep(50);
}

/** Waits until the app's periodic callback has streamed `count` more times (it does so every 3 s). */
async function streams(count, atMost = 20000) {
  const target = streamsSeen + count;
  const deadline = Date.now() + atMost;
  while (streamsSeen < target && Date.now() < deadline) await sleep(50);
  if (streamsSeen < target) throw new Error(`only ${streamsSeen} streams seen, waited for ${target}`);
}

async function interact(page) {
  note("the user clicks the Button");
  await page.locator("button.bk-btn").click();
  await sleep(1000);

  note("the user drags the Slider's handle to the right");
  const box = await page.locator(".noUi-handle").boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 40, y, { steps: 4 });
  await page.mouse.up();
  await sleep(1000);

  note("idle until the app's periodic callback has streamed points three times");
  await streams(3);
  const state = await page.evaluate(() => {
    const doc = window.Bokeh.documents[0];
    return {
      title: document.title,
      div: doc.get_model_by_name("div").text,
      slider: doc.get_model_by_name("slider").value,
      x: Array.from(doc.get_model_by_name("source").data.x),
    };
  });
  note(`state in the browser at the end: ${JSON.stringify(state)}`);
}

async function reconnect(page) {
  note("idle until the app's periodic callback has streamed points twice");
  await streams(2);
  note("the recorder now stops bokeh serve and starts it again on the same port");
  const lines = createInterface({ input: process.stdin });
  const restarted = new Promise((resolve) => lines.once("line", resolve));
  process.stdout.write("restart-server\n");
  await restarted;
  lines.close();
  note("bokeh serve is listening again; waiting for BokehJS to reconnect and get four streams on the new session");
  await streams(4, 40000);
  const after = await page.evaluate(() => ({
    documents: window.Bokeh.documents.length,
    rootsPerDocument: window.Bokeh.documents.map((doc) => doc.roots().length),
  }));
  note(`after: ${JSON.stringify(after)}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--host-resolver-rules=MAP localhost 127.0.0.1"],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchNetwork(context, page);
  // A query argument goes into the session token's arguments, and BokehJS appends it to the websocket URL.
  note(`navigate to ${base}/app?user=alice`);
  await page.goto(`${base}/app?user=alice`, { waitUntil: "networkidle" });
  await page.waitForFunction(() => window.Bokeh?.documents?.[0]?.is_idle === true, null, { timeout: 15000 });
  note("the document is rendered and idle");
  await sleep(500);
  await (mode === "reconnect" ? reconnect(page) : interact(page));
  await quiet();
  note("closing the page");
  await page.close();
  await sleep(300);
} finally {
  await browser.close();
  out.end();
}
