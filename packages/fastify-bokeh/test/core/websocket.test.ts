import { patchDoc, pullDocReq, serverInfoReq } from "@fastify-bokeh/protocol";
import t from "tap";
import { startServer } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const started = await startServer();
t.teardown(() => started.app.close());
const wsUrl = `ws://127.0.0.1:${started.port}/counter/ws`;

async function openSession(): Promise<{ client: TestClient; token: string }> {
  const html = await (await fetch(`${started.base}/counter`)).text();
  const token = tokenFromPage(html);
  const client = await TestClient.open(wsUrl, token, { Origin: started.base });
  await client.until((ms) => ms.length >= 1);
  return { client, token };
}

type Def = { type: string; name: string; id: string; attributes?: Record<string, unknown> };

t.test("ACK, PULL-DOC, PATCH-DOC with a callback's change before the OK", async (t) => {
  const { client } = await openSession();
  t.equal(client.messages[0]!.header.msgtype, "ACK");
  const reply = await client.request(pullDocReq());
  t.equal(reply.header.msgtype, "PULL-DOC-REPLY");
  const doc = (reply.content as { doc: { version: string; title: string; roots: Def[]; config: Def } }).doc;
  t.equal(doc.version, "3.9.2");
  t.equal(doc.title, "counter");
  const root = doc.roots[0]!;
  t.equal(root.name, "PluginTestCounter");
  t.match(root.attributes, {
    name: "counter",
    data: { type: "map", entries: [["x", { type: "ndarray", dtype: "float64", shape: [3] }]] },
  });
  t.equal(reply.buffers.size, 1, "the binary column travels as a buffer");
  const before = client.messages.length;
  const ok = await client.request(patchDoc([{ kind: "ModelChanged", model: { id: root.id }, attr: "value", new: 7 }]));
  t.equal(ok.header.msgtype, "OK");
  const between = client.messages.slice(before, client.messages.indexOf(ok));
  t.equal(between.length, 1, "one PATCH-DOC before the OK");
  t.same(
    (between[0]!.content as { events: unknown[] }).events,
    [{ kind: "ModelChanged", model: { id: root.id }, attr: "text", new: "value is 7" }],
    "the callback's change is sent, the client's own is not echoed",
  );
  client.close();
});

t.test("a second connection of the session sees the first one's change", async (t) => {
  const { client: a, token } = await openSession();
  const root = ((await a.request(pullDocReq())).content as { doc: { roots: Def[] } }).doc.roots[0]!;
  const b = await TestClient.open(wsUrl, token, { Origin: started.base });
  await b.until((ms) => ms.length >= 1);
  await b.request(pullDocReq());
  const seen = b.messages.length;
  await a.request(patchDoc([{ kind: "ModelChanged", model: { id: root.id }, attr: "value", new: 3 }]));
  await b.until((ms) => ms.length >= seen + 1);
  t.same((b.messages[seen]!.content as { events: unknown[] }).events, [
    { kind: "ModelChanged", model: { id: root.id }, attr: "value", new: 3 },
    { kind: "ModelChanged", model: { id: root.id }, attr: "text", new: "value is 3" },
  ]);
  a.close();
  b.close();
});

t.test("request-level errors get an ERROR reply and the connection keeps working", async (t) => {
  const { client } = await openSession();
  const root = ((await client.request(pullDocReq())).content as { doc: { roots: Def[] } }).doc.roots[0]!;
  const unknown = await client.request(
    patchDoc([{ kind: "ModelChanged", model: { id: "p999999" }, attr: "value", new: 1 }]),
  );
  t.equal(unknown.header.msgtype, "ERROR");
  t.match((unknown.content as { text: string }).text, /can't resolve reference 'p999999'/);
  const invalid = await client.request(
    patchDoc([{ kind: "ModelChanged", model: { id: root.id }, attr: "value", new: "nope" }]),
  );
  t.match((invalid.content as { text: string }).text, /PluginTestCounter\.value: expected a value of kind Float/);
  const info = await client.request(serverInfoReq());
  t.same(info.content, { version_info: { bokeh: "3.9.2", server: "3.9.2" } });
  client.close();
});

t.test("framing errors close the socket with a valid code and a reason; the server keeps serving", async (t) => {
  const { client } = await openSession();
  client.sendFrames(["not json", "{}", "{}"]);
  const closed = await client.waitClosed();
  t.ok([1002, 1003, 1007, 1009].includes(closed.code), `close code ${closed.code}`);
  t.ok(closed.reason.length > 0, `reason: ${closed.reason}`);
  const { client: again } = await openSession();
  t.equal((await again.request(serverInfoReq())).header.msgtype, "SERVER-INFO-REPLY");
  again.close();
});

t.test("a client may not send server messages", async (t) => {
  const { client } = await openSession();
  client.sendFrames(['{"msgid":"1","msgtype":"ACK"}', "{}", "{}"]);
  const closed = await client.waitClosed();
  t.equal(closed.code, 1002);
  t.match(closed.reason, /ACK/);
});

t.test("origins: the page's own host passes, others get 403", async (t) => {
  const html = await (await fetch(`${started.base}/counter`)).text();
  const token = tokenFromPage(html);
  for (const origin of [started.base, `http://localhost:${started.port}`]) {
    const c = await TestClient.open(wsUrl, token, { Origin: origin });
    await c.until((ms) => ms.length >= 1);
    t.equal(c.messages[0]!.header.msgtype, "ACK", `${origin} accepted`);
    c.close();
  }
  await t.rejects(TestClient.open(wsUrl, token, { Origin: "http://evil.example" }), /HTTP 403/);
  await t.rejects(
    TestClient.open(wsUrl, token, { Origin: `http://127.0.0.1.evil.example:${started.port}` }),
    /HTTP 403/,
  );
  const noOrigin = await TestClient.open(wsUrl, token);
  await noOrigin.until((ms) => ms.length >= 1);
  t.equal(noOrigin.messages[0]!.header.msgtype, "ACK", "no Origin (bokeh.client) is allowed");
  noOrigin.close();
});

t.test("missing and garbage tokens close the socket with a reason", async (t) => {
  const none = await TestClient.open(wsUrl, null, { Origin: started.base });
  t.match(await none.waitClosed(), { code: 1008, reason: /token/ });
  const garbage = await TestClient.open(wsUrl, "not-a-token", { Origin: started.base });
  t.match(await garbage.waitClosed(), { code: 1008, reason: /invalid token: malformed/ });
});
