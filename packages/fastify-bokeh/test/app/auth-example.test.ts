import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { pullDocReq } from "@fastify-bokeh/protocol";
import t from "tap";
import { buildServer } from "../../examples/protected-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const server = await buildServer();
await server.listen({ port: 0, host: "127.0.0.1" });
t.teardown(() => server.close());
const host = `127.0.0.1:${(server.server.address() as AddressInfo).port}`;
const member = { Cookie: "session=c2VjcmV0LXNlc3Npb24" };
const stranger = { Cookie: "session=guessed" };

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://${host}${path}`, { headers });
  return { status: res.status, body: await res.text() };
}

t.test("docs/deploying.md shows this very example", async (t) => {
  const example = readFileSync(new URL("../../examples/protected-app.ts", import.meta.url), "utf8");
  const docs = readFileSync(new URL("../../../../docs/deploying.md", import.meta.url), "utf8");
  t.ok(docs.includes(example.trim()), "the documented code is the tested code");
});

t.test("the protected app's page, autoload.js and metadata need the login cookie", async (t) => {
  for (const path of ["/members", "/members/autoload.js?bokeh-autoload-element=x", "/members/metadata"]) {
    t.same(await get(path), { status: 401, body: "Log in first" }, `${path} without a cookie`);
    t.equal((await get(path, stranger)).status, 401, `${path} with a wrong cookie`);
    t.equal((await get(path, member)).status, 200, `${path} with the cookie`);
  }
});

t.test("the hook guards the websocket upgrade too", async (t) => {
  const token = tokenFromPage((await get("/members", member)).body);
  const origin = { Origin: `http://${host}` };
  await t.rejects(
    TestClient.open(`ws://${host}/members/ws`, token, origin),
    /HTTP 401/,
    "a stolen token without the cookie",
  );
  await t.rejects(TestClient.open(`ws://${host}/members/ws`, token, { ...origin, ...stranger }), /HTTP 401/);
  const client = await TestClient.open(`ws://${host}/members/ws`, token, { ...origin, ...member });
  await client.until((ms) => ms.length >= 1);
  const reply = await client.request(pullDocReq());
  const [root] = (reply.content as { doc: { roots: Array<{ attributes: { text: string } }> } }).doc.roots;
  t.equal(root!.attributes.text, "Hello alice", "the app saw the user through the session context");
  client.close();
});

t.test("the public app and the BokehJS files are not behind the hook", async (t) => {
  t.equal((await get("/public")).status, 200);
  const bundle = await fetch(`http://${host}/static/js/bokeh.min.js`);
  await bundle.arrayBuffer();
  t.equal(bundle.status, 200);
  const token = tokenFromPage((await get("/public")).body);
  const client = await TestClient.open(`ws://${host}/public/ws`, token, { Origin: `http://${host}` });
  await client.until((ms) => ms.length >= 1);
  t.equal(client.messages[0]!.header.msgtype, "ACK");
  client.close();
});
