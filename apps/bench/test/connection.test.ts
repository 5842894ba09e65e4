// BokehConnection against a scripted websocket server: the handshake, request/reply matching, and what happens
// to unsolicited PATCH-DOCs around the pull; malformed or unexpected replies fail the connection.
import type { AddressInfo } from "node:net";
import { ack, encode, error, type Message, ok, patchDoc, pullDocReply, pullDocReq } from "@fastify-bokeh/protocol";
import t from "tap";
import { type WebSocket, WebSocketServer } from "ws";
import { ValidationError } from "../src/client/bench-error.js";
import { BokehConnection } from "../src/client/connection.js";

type Script = (ws: WebSocket, protocol: string) => void;

const send = (ws: WebSocket, message: Message): void => {
  for (const frame of encode(message)) ws.send(frame, { binary: typeof frame !== "string" });
};

/** Reads requests from the client as header/metadata/content triples (the client sends no buffers here). */
function onRequest(ws: WebSocket, handle: (header: { msgid: string; msgtype: string }) => void): void {
  let frames: string[] = [];
  ws.on("message", (data: Buffer) => {
    frames.push(data.toString());
    if (frames.length === 3) {
      handle(JSON.parse(frames[0]!) as { msgid: string; msgtype: string });
      frames = [];
    }
  });
}

const DOC = { version: "3.9.2", title: "t", config: {}, roots: [] };

async function withServer(script: Script, body: (url: string) => Promise<void>): Promise<void> {
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    handleProtocols: (protocols) => (protocols.has("bokeh") ? "bokeh" : false),
  });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  wss.on("connection", (ws, request) => script(ws, request.headers["sec-websocket-protocol"] ?? ""));
  try {
    await body(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/app/ws`);
  } finally {
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  }
}

t.test("opens with the token as second subprotocol, matches replies, keeps patches that follow the pull", async (t) => {
  let protocol = "";
  await withServer(
    (ws, offered) => {
      protocol = offered;
      send(ws, ack());
      onRequest(ws, (header) => {
        if (header.msgtype === "PULL-DOC-REQ") {
          send(ws, patchDoc([{ kind: "TitleChanged", title: "before the pull" }]));
          send(ws, pullDocReply(header.msgid, DOC));
          // Right behind the reply, in the same burst: must not be lost although no listener is attached yet.
          send(ws, patchDoc([{ kind: "TitleChanged", title: "after 1" }]));
          send(ws, patchDoc([{ kind: "TitleChanged", title: "after 2" }]));
        } else {
          send(ws, ok(header.msgid));
        }
      });
    },
    async (url) => {
      const connection = await BokehConnection.open(url, "TOKEN", "http://127.0.0.1");
      t.match(protocol, /^bokeh, ?TOKEN$/, "subprotocols bokeh and the token");
      const reply = await connection.request(pullDocReq());
      t.equal(reply.header.msgtype, "PULL-DOC-REPLY");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const titles: string[] = [];
      connection.onPatch((message) => {
        for (const event of message.content.events) if (event.kind === "TitleChanged") titles.push(event.title);
      });
      t.same(titles, ["after 1", "after 2"], "the pre-pull patch is dropped (as BokehJS does), later ones are kept");
      const okReply = await connection.request(patchDoc([{ kind: "TitleChanged", title: "x" }]));
      t.equal(okReply.header.msgtype, "OK");
      t.ok(connection.bytesRead > 0);
      await connection.close();
    },
  );
});

t.test("a first message other than ACK fails the open", async (t) => {
  await withServer(
    (ws) => send(ws, ok("nothing")),
    async (url) => {
      await t.rejects(BokehConnection.open(url, "TOKEN", "http://127.0.0.1"), ValidationError);
    },
  );
});

t.test("an ERROR reply, a reply to nothing, and a malformed frame fail", async (t) => {
  await withServer(
    (ws) => {
      send(ws, ack());
      onRequest(ws, (header) => send(ws, error(header.msgid, "no such model")));
    },
    async (url) => {
      const connection = await BokehConnection.open(url, "TOKEN", "http://127.0.0.1");
      await t.rejects(connection.request(pullDocReq()), { name: "ValidationError", message: /no such model/ });
      await connection.close();
    },
  );
  await withServer(
    (ws) => {
      send(ws, ack());
      onRequest(ws, () => send(ws, ok("somebody-else")));
    },
    async (url) => {
      const connection = await BokehConnection.open(url, "TOKEN", "http://127.0.0.1");
      await t.rejects(connection.request(pullDocReq()), { name: "ValidationError", message: /unknown request/ });
    },
  );
  await withServer(
    (ws) => {
      send(ws, ack());
      onRequest(ws, () => ws.send("not json"));
    },
    async (url) => {
      const connection = await BokehConnection.open(url, "TOKEN", "http://127.0.0.1");
      await t.rejects(connection.request(pullDocReq()), { name: "ValidationError", message: /invalid message/ });
    },
  );
});

t.test("a server that never replies times the request out", async (t) => {
  await withServer(
    (ws) => send(ws, ack()),
    async (url) => {
      const connection = await BokehConnection.open(url, "TOKEN", "http://127.0.0.1");
      await t.rejects(connection.request(pullDocReq(), 200), { message: /no reply to PULL-DOC-REQ within 200 ms/ });
    },
  );
});
