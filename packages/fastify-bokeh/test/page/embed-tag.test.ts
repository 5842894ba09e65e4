import t from "tap";
import { renderAutoloadJs } from "../../src/page/autoload.js";
import { serverDocument, serverSession } from "../../src/page/embed-tag.js";
import { bokehJsScriptUrls, staticUrlRoot } from "../../src/resources/bokehjs.js";
import { attr, FakeBrowser, scriptTags } from "./fixtures/browser-sim.js";

interface Request {
  method: string;
  url: string;
  async: boolean;
  headers: Array<[string, string]>;
  withCredentials: boolean;
  responseType: string;
}

/** Runs an embed tag in a fake page and returns the request it makes, and a way to answer it. */
function runTag(tag: string): {
  id: string;
  request: Request;
  respond: (body: string) => FakeBrowser;
  browser: FakeBrowser;
} {
  const [script] = scriptTags(tag);
  if (script === undefined) throw new Error("no script tag");
  const id = attr(script.attrs, "id") ?? "";
  const browser = new FakeBrowser();
  browser.elements.set(id, { textContent: script.text });
  const requests: Request[] = [];
  let onload: ((event: { target: { response: string } }) => void) | undefined;
  browser.window.XMLHttpRequest = class {
    responseType = "";
    withCredentials = false;
    private request: Request | undefined;
    set onload(fn: (event: { target: { response: string } }) => void) {
      onload = fn;
    }
    open(method: string, url: string, async: boolean) {
      this.request = { method, url, async, headers: [], withCredentials: false, responseType: "" };
    }
    setRequestHeader(name: string, value: string) {
      this.request?.headers.push([name, value]);
    }
    send() {
      if (this.request === undefined) throw new Error("send before open");
      requests.push({ ...this.request, withCredentials: this.withCredentials, responseType: this.responseType });
    }
  };
  // Blob URLs are modelled as the response text itself, so "loading" the script means running that text.
  browser.window.URL = { createObjectURL: (blob: string) => blob };
  browser.run(script.text);
  if (requests.length !== 1) throw new Error(`expected one request, got ${requests.length}`);
  return {
    id,
    request: requests[0]!,
    browser,
    respond: (body) => {
      onload?.({ target: { response: body } });
      for (const el of browser.injected.splice(0)) browser.run(el.src ?? "");
      return browser;
    },
  };
}

t.test("serverDocument: fetches autoload.js for the tag's own id, with app path and absolute URL", async (t) => {
  const tag = serverDocument("http://localhost:5006/app/");
  t.match(tag, /^<script id="[a-f][0-9a-f-]{35}">[\s\S]*<\/script>$/);
  const { id, request } = runTag(tag);
  t.equal(request.method, "GET");
  t.equal(request.async, true);
  t.equal(request.responseType, "blob");
  t.same(request.headers, []);
  t.equal(request.withCredentials, false);
  const url = new URL(request.url);
  t.equal(url.origin + url.pathname, "http://localhost:5006/app/autoload.js");
  t.same(
    [...url.searchParams],
    [
      ["bokeh-autoload-element", id],
      ["bokeh-app-path", "/app"],
      ["bokeh-absolute-url", "http://localhost:5006/app"],
    ],
  );
  t.equal(
    request.url,
    `http://localhost:5006/app/autoload.js?bokeh-autoload-element=${id}&bokeh-app-path=/app&bokeh-absolute-url=http://localhost:5006/app`,
    "readable, like Python's",
  );
});

t.test("serverDocument: the response replaces the tag with the session", async (t) => {
  const { id, request, respond } = runTag(serverDocument("http://localhost:5006/app"));
  const query = new URL(request.url).searchParams;
  const absoluteUrl = query.get("bokeh-absolute-url") ?? undefined;
  const browser = respond(
    renderAutoloadJs({
      token: "T",
      elementId: query.get("bokeh-autoload-element") ?? "",
      appPath: query.get("bokeh-app-path") ?? "/",
      absoluteUrl,
      scriptUrls: bokehJsScriptUrls(staticUrlRoot("", absoluteUrl)),
    }),
  );
  t.same(browser.warnings, [], "the element was found");
  t.equal(browser.injected.length, 5);
  t.equal(browser.injected[0]!.src?.startsWith("http://localhost:5006/static/js/bokeh.min.js?v="), true);
  browser.defineBokeh();
  browser.loadInjected();
  t.same(browser.calls.embeds, [
    ["{}", [{ token: "T", elementid: id, use_for_title: false }], "/app", "http://localhost:5006/app"],
  ]);
});

t.test("serverDocument: options", async (t) => {
  const root = runTag(serverDocument("http://localhost:5006")).request;
  t.same(
    [...new URL(root.url).searchParams.keys()],
    ["bokeh-autoload-element", "bokeh-absolute-url"],
    "no app path for /",
  );

  const { request } = runTag(
    serverDocument("https://h.example/pfx/app", {
      relativeUrls: true,
      resources: "none",
      arguments: { user: "alice & bob", "x=y": "1/2?", "bokeh-session-id": "nope" },
      headers: { Authorization: "Bearer x" },
    }),
  );
  const url = new URL(request.url);
  t.equal(url.pathname, "/pfx/app/autoload.js");
  t.same([...url.searchParams].slice(1), [
    ["bokeh-app-path", "/pfx/app"],
    ["resources", "none"],
    ["user", "alice & bob"],
    ["x=y", "1/2?"],
  ]);
  t.same(request.headers, [["Authorization", "Bearer x"]]);

  t.equal(runTag(serverDocument("/app", { withCredentials: true })).request.withCredentials, true);
  t.equal(new URL(runTag(serverDocument("/app")).request.url, "http://x").searchParams.get("bokeh-app-path"), "/app");
  t.throws(() => serverDocument("http://h/app", { headers: { A: "1" }, withCredentials: true }), TypeError);
  t.throws(() => serverDocument("ws://h/app/ws"), TypeError);
});

t.test("serverSession: sends the session id as a header", async (t) => {
  const { request } = runTag(
    serverSession({ url: "http://localhost:5006/app", sessionId: "abc123", headers: { "X-A": "1" } }),
  );
  t.same(request.headers, [
    ["X-A", "1"],
    ["Bokeh-Session-Id", "abc123"],
  ]);
  t.equal(new URL(request.url).searchParams.get("bokeh-app-path"), "/app");
  t.equal(new URL(request.url).searchParams.has("bokeh-session-id"), false);
  t.equal(
    runTag(serverSession({ url: "http://h/app", sessionId: "s", withCredentials: true })).request.withCredentials,
    true,
  );
  t.throws(
    () => serverSession({ url: "http://h/app", sessionId: "s", headers: { A: "1" }, withCredentials: true }),
    TypeError,
  );
});

t.test("hostile URLs, arguments and headers stay data", async (t) => {
  const hostile = `</script><script>alert(1)</script>"'\u2028`;
  const tag = serverSession({ url: `http://h/app?q=${hostile}`, sessionId: hostile, headers: { [hostile]: hostile } });
  t.equal(scriptTags(tag).length, 1);
  t.notMatch(tag, /alert\(1\)<\/script>/);
  const { request } = runTag(tag);
  t.same(request.headers, [
    [hostile, hostile],
    ["Bokeh-Session-Id", hostile],
  ]);
  const doc = runTag(serverDocument("http://h/app", { arguments: { [hostile]: hostile } })).request;
  t.same(new URL(doc.url).searchParams.get(hostile), hostile);
});
