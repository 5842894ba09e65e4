import {
  ContextClosedError,
  GOING_AWAY,
  POLICY_VIOLATION,
  type ServerSession,
  type SessionAccess,
  TRY_AGAIN_LATER,
} from "@fastify-bokeh/session-store";
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import { WebSocket } from "ws";
import type { MountedApp } from "../app/mounted-app.js";
import type { ClusterNode } from "./cluster-node.js";
import { RELAY_HEADER, signRelay, verifyRelay } from "./relay-auth.js";
import type { SocketInbox } from "./socket-inbox.js";
import { openUpstream, WebsocketRelay } from "./websocket-relay.js";

/**
 * Milliseconds between looks at a session whose owner cannot be reached, until its liveness key (or its lease)
 * expires: each look is one claim in Redis, and sets how late after the expiry the session is taken over.
 */
const RETRY_MS = 100;

export interface ClusterWebsocket {
  readonly cluster: ClusterNode;
  readonly secretKey: string;
  readonly mounted: MountedApp;
  readonly socket: WebSocket;
  readonly request: FastifyRequest;
  readonly access: SessionAccess;
  readonly inbox: SocketInbox;
  readonly log: FastifyBaseLogger;
  /** Serves the websocket here, for a session this node has. */
  readonly serveLocally: (session: ServerSession) => void;
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Serves a websocket in a cluster: here if this node has (or can claim) the session, else relayed to its owner.
 * When the owner cannot be reached (it died), waits for its liveness key to expire and takes the session over (see
 * `RedisSessionStore.claim`); an owner that is alive but cannot be reached, until its lease expires. A relayed
 * websocket (signed by the relaying node) is never relayed again.
 */
export async function placeWebsocket(ws: ClusterWebsocket): Promise<void> {
  const sessionId = ws.access.payload.sessionId;
  const relayHeader = single(ws.request.headers[RELAY_HEADER]);
  if (relayHeader !== undefined && !verifyRelay(ws.secretKey, sessionId, relayHeader)) {
    ws.log.info("websocket refused: bad relay signature");
    ws.socket.close(POLICY_VIOLATION, "bad relay signature");
    return;
  }
  const deadline = Date.now() + ws.cluster.leaseTtl + 2000;
  while (ws.socket.readyState === WebSocket.OPEN) {
    const place = await openPlace(ws);
    if (place === undefined) return;
    if (place.kind === "local") {
      ws.serveLocally(place.session);
      return;
    }
    if (relayHeader !== undefined) {
      ws.socket.close(TRY_AGAIN_LATER, "session moved to another node");
      return;
    }
    if (place.owner !== "" && (await relay(ws, place.owner))) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  if (ws.socket.readyState === WebSocket.OPEN) ws.socket.close(TRY_AGAIN_LATER, "session owner unreachable");
}

/** Where the session lives, or undefined with the socket closed and the reason logged. */
async function openPlace(ws: ClusterWebsocket) {
  try {
    return await ws.mounted.context.open(ws.access);
  } catch (error) {
    if (error instanceof ContextClosedError) {
      ws.socket.close(GOING_AWAY, "server shutting down");
      return undefined;
    }
    ws.log.error({ err: error }, "session store unavailable");
    ws.socket.close(TRY_AGAIN_LATER, "session store unavailable");
    return undefined;
  }
}

/** Relays the websocket to `owner`; false if the owner could not be reached. */
async function relay(ws: ClusterWebsocket, owner: string): Promise<boolean> {
  const upstream = await openUpstream({
    owner,
    url: ws.request.url,
    token: ws.access.token,
    signature: signRelay(ws.secretKey, ws.access.payload.sessionId, ws.cluster.nodeId),
  });
  if (upstream === undefined) {
    ws.log.debug({ owner }, "session owner unreachable");
    return false;
  }
  if (ws.socket.readyState !== WebSocket.OPEN) {
    upstream.socket.terminate();
    return true;
  }
  ws.log.debug({ owner }, "relaying websocket to the session owner");
  new WebsocketRelay(ws.socket, upstream, ws.log).start(ws.inbox);
  return true;
}
