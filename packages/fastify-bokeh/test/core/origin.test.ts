import { hostname } from "node:os";
import t from "tap";
import { defaultAllowlist, isOriginAllowed, parseOrigin } from "../../src/core/origin.js";
import { startServer } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

// [allowlist, Origin header, allowed?]
const matrix: Array<[string[], string | undefined, boolean]> = [
  // CVE-2026-21883: a longer host that merely starts with an allowed one must not pass.
  [["dashboard.corp"], "https://dashboard.corp.attacker.com", false],
  [["dashboard.corp"], "http://dashboard.corp.attacker.com", false],
  [["dashboard.corp:443"], "https://dashboard.corp.attacker.com", false],
  [["dashboard.corp"], "https://attacker.com", false],
  [["dashboard.corp"], "https://evil-dashboard.corp", false],
  [["dashboard.corp"], "https://sub.dashboard.corp", false],
  [["dashboard.corp"], "https://dashboard.corpx", false],
  // A portless entry means the scheme's default port.
  [["dashboard.corp"], "https://dashboard.corp", true],
  [["dashboard.corp"], "http://dashboard.corp", true],
  [["dashboard.corp"], "https://DASHBOARD.corp", true],
  [["dashboard.corp"], "http://dashboard.corp:8080", false],
  [["dashboard.corp:8080"], "http://dashboard.corp:8080", true],
  [["dashboard.corp:8080"], "http://dashboard.corp:8081", false],
  [["dashboard.corp:443"], "https://dashboard.corp", true],
  [["dashboard.corp:*"], "http://dashboard.corp:1234", true],
  [["dashboard.corp:*"], "http://dashboard.corp.attacker.com:1234", false],
  // Wildcard labels match one label each, never a different number of labels.
  [["*.corp"], "https://dashboard.corp", true],
  [["*.corp"], "https://a.b.corp", false],
  [["*.corp"], "https://corp", false],
  [["192.168.*.*:5006"], "http://192.168.1.20:5006", true],
  [["192.168.*.*:5006"], "http://192.168.1.20.attacker.com:5006", false],
  [["*:5006"], "http://anything.example:5006", true],
  [["*:5006"], "http://anything.example:5007", false],
  [["*"], "http://anything.example:1", true],
  // Loopback and IPv6.
  [["localhost:5006"], "http://localhost:5006", true],
  [["localhost:5006"], "http://127.0.0.1:5006", false],
  [["[::1]:5006"], "http://[::1]:5006", true],
  [["[::1]:5006"], "http://[::2]:5006", false],
  // Browsers' opaque and odd origins are refused; no Origin at all (bokeh.client) is allowed.
  [["localhost:5006"], "null", false],
  [["*"], "file:///etc/passwd", false],
  [["localhost:5006"], "", false],
  [[], undefined, true],
  [[], "http://localhost:5006", false],
];

t.test("origin matrix", async (t) => {
  for (const [allowlist, origin, expected] of matrix) {
    t.equal(
      isOriginAllowed(origin, allowlist),
      expected,
      `${origin ?? "(no Origin)"} against ${JSON.stringify(allowlist)}`,
    );
  }
});

t.test("parseOrigin fills in the scheme's default port", async (t) => {
  t.same(parseOrigin("https://Dashboard.corp"), { host: "dashboard.corp", port: 443, defaultPort: true });
  t.same(parseOrigin("http://dashboard.corp:443"), { host: "dashboard.corp", port: 443, defaultPort: false });
  t.same(parseOrigin("http://[::1]:80"), { host: "[::1]", port: 80, defaultPort: true });
  t.equal(parseOrigin("not a url"), null);
});

t.test("the default allowlist is the server's own host:port, never a Host header", async (t) => {
  const loopback = ["localhost:5006", "127.0.0.1:5006", "[::1]:5006"];
  t.same(defaultAllowlist([{ address: "127.0.0.1", port: 5006 }]), loopback);
  t.same(defaultAllowlist([{ address: "::1", port: 5006 }]), loopback);
  t.same(defaultAllowlist([{ address: "10.1.2.3", port: 5006 }]), [...loopback, "10.1.2.3:5006"]);
  const wildcard = defaultAllowlist([{ address: "0.0.0.0", port: 80 }]);
  t.ok(wildcard.includes(`${hostname().toLowerCase()}:80`), "a wildcard bind allows the machine's host name");
  t.ok(wildcard.includes("127.0.0.1:80"), "and its addresses");
});

t.test("a live server applies the allowlist to the websocket upgrade (403 before any session work)", async (t) => {
  const started = await startServer({ allowWebsocketOrigin: ["dashboard.corp", "localhost:*"] });
  t.teardown(() => started.app.close());
  const token = tokenFromPage(await (await fetch(`${started.base}/counter`)).text());
  const ws = `ws://127.0.0.1:${started.port}/counter/ws`;
  for (const origin of ["https://dashboard.corp.attacker.com", "https://dashboard.corp:8443", started.base]) {
    await t.rejects(TestClient.open(ws, token, { Origin: origin }), /HTTP 403/, `${origin} refused`);
  }
  for (const origin of ["https://dashboard.corp", `http://localhost:${started.port}`]) {
    const client = await TestClient.open(ws, token, { Origin: origin });
    await client.until((ms) => ms.length >= 1);
    t.equal(client.messages[0]!.header.msgtype, "ACK", `${origin} accepted`);
    client.close();
  }
});

t.test("by default a live server accepts its own host:port and refuses a DNS-rebinding Host", async (t) => {
  const started = await startServer();
  t.teardown(() => started.app.close());
  const token = tokenFromPage(await (await fetch(`${started.base}/counter`)).text());
  const ws = `ws://127.0.0.1:${started.port}/counter/ws`;
  for (const origin of [started.base, `http://localhost:${started.port}`]) {
    const client = await TestClient.open(ws, token, { Origin: origin });
    await client.until((ms) => ms.length >= 1);
    t.equal(client.messages[0]!.header.msgtype, "ACK", `${origin} accepted`);
    client.close();
  }
  const rebound = `attacker.example:${started.port}`;
  await t.rejects(
    TestClient.open(ws, token, { Origin: `http://${rebound}`, Host: rebound }),
    /HTTP 403/,
    "Origin equal to a forged Host is refused",
  );
});
