import type { Agent } from "node:http";
import { type DocJson, isMessageOf, type Message, pullDocReq } from "@fastify-bokeh/protocol";
import type { Endpoint } from "../servers/server-under-test.js";
import { check } from "./bench-error.js";
import { BokehConnection } from "./connection.js";
import { type ModelDef, modelsByName } from "./doc-json.js";
import { fetchPage, type Page } from "./page.js";

/** One server as the load generator sees it: addresses plus a keep-alive HTTP agent. */
export interface Target {
  readonly server: Endpoint;
  readonly agent: Agent;
}

export interface OpenedSession {
  readonly page: Page;
  readonly connection: BokehConnection;
  readonly doc: DocJson;
  readonly buffers: ReadonlyMap<string, ArrayBufferView>;
  readonly models: ReadonlyMap<string, ModelDef>;
  /** Milliseconds from the start of the GET: page received, ACK received, PULL-DOC-REPLY received. */
  readonly timings: { page: number; ack: number; pull: number };
}

const PULL_TIMEOUT_MS = 60_000;

/**
 * A second connection on the session `opened` (another browser tab of the same page): its token → websocket →
 * ACK → PULL-DOC. Resolves with the connection once its document has been pulled.
 */
export async function joinSession(target: Target, app: string, opened: OpenedSession): Promise<BokehConnection> {
  const { httpBase, origin } = target.server;
  const connection = await BokehConnection.open(
    `${httpBase.replace(/^http/, "ws")}/${app}/ws`,
    opened.page.token,
    origin,
  );
  try {
    const reply = await connection.request(pullDocReq(), PULL_TIMEOUT_MS);
    check(isMessageOf(reply, "PULL-DOC-REPLY"), `PULL-DOC-REQ answered with ${reply.header.msgtype}`);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return connection;
}

/** GET page → token → websocket → ACK → PULL-DOC, as BokehJS does; `query` is passed to both the page and the websocket. */
export async function openSession(target: Target, app: string, query = ""): Promise<OpenedSession> {
  const { httpBase, origin } = target.server;
  const search = query === "" ? "" : `?${query}`;
  const start = performance.now();
  const page = await fetchPage(target.agent, `${httpBase}/${app}${search}`);
  const pageMs = performance.now() - start;
  const wsUrl = `${httpBase.replace(/^http/, "ws")}/${app}/ws${search}`;
  const connection = await BokehConnection.open(wsUrl, page.token, origin);
  const ackMs = performance.now() - start;
  let reply: Message;
  try {
    reply = await connection.request(pullDocReq(), PULL_TIMEOUT_MS);
    check(isMessageOf(reply, "PULL-DOC-REPLY"), `PULL-DOC-REQ answered with ${reply.header.msgtype}`);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const pullMs = performance.now() - start;
  const { doc } = reply.content;
  check(doc.title === app, `document title "${String(doc.title)}", expected "${app}"`);
  return {
    page,
    connection,
    doc,
    buffers: reply.buffers,
    models: modelsByName(doc.roots),
    timings: { page: pageMs, ack: ackMs, pull: pullMs },
  };
}
