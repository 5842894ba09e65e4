import {
  GOING_AWAY,
  POLICY_VIOLATION,
  ServerConnection,
  type ServerSession,
  type TokenPayload,
  validateToken,
} from "@fastify-bokeh/session-store";
import type { FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import type { MountedApp } from "../app/mounted-app.js";
import { placeWebsocket } from "../scale-out/place-websocket.js";
import { SocketInbox } from "../scale-out/socket-inbox.js";
import type { BokehServer } from "./bokeh-server.js";
import { FrameDecoder } from "./frame-decoder.js";
import { SocketTransport } from "./socket-transport.js";
import { watchSocket } from "./watch-socket.js";

/** The token from `Sec-WebSocket-Protocol: bokeh, <token>` (exactly two entries, the first `bokeh`). */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  const entries = (header ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.length === 2 && entries[0] === "bokeh" ? entries[1] : undefined;
}

/** The token and its payload, or undefined with the refusal sent (the socket closed with a policy violation). */
function checkToken(
  server: BokehServer,
  socket: WebSocket,
  request: FastifyRequest,
): { token: string; payload: TokenPayload } | undefined {
  const token = tokenFromProtocols(request.headers["sec-websocket-protocol"]);
  if (token === undefined) {
    socket.close(POLICY_VIOLATION, "missing session token");
    return undefined;
  }
  const checked = validateToken(token, {
    signed: server.options.signSessions,
    ...(server.options.secretKey !== undefined ? { secretKey: server.options.secretKey } : {}),
    now: server.clock.now(),
  });
  if (checked.ok) return { token, payload: checked.payload };
  request.log.info({ reason: checked.reason.code }, `websocket refused: ${checked.reason.message}`);
  socket.close(POLICY_VIOLATION, `invalid token: ${checked.reason.code}`);
  return undefined;
}

/**
 * Serves one Bokeh websocket: checks the token, then hands the socket, as a transport, to a session connection
 * that attaches to (or creates) the session and handles the frames.
 */
export function serveWebsocket(
  server: BokehServer,
  mounted: MountedApp,
  socket: WebSocket,
  request: FastifyRequest,
): void {
  if (server.closing) {
    socket.close(GOING_AWAY, "server shutting down");
    return;
  }
  const log = request.log.child({ app: mounted.name });
  watchSocket(mounted, socket, log);
  const checked = checkToken(server, socket, request);
  if (checked === undefined) return;
  const inbox = new SocketInbox(socket);
  server.track(socket, new Promise((resolve) => socket.once("close", () => resolve())));
  const access = { ...checked, url: request.url };
  const connect = (): ServerConnection => {
    const connection = new ServerConnection(new SocketTransport(socket, request.raw.socket), {
      logger: log,
      maxMessageBytes: server.options.websocketMaxMessageSize,
      flow: server.options.websocketFlow,
      clock: server.clock,
      observer: mounted.observer,
    });
    const frames = new FrameDecoder((frame) => connection.onFrame(frame));
    inbox.attach((data, isBinary) => frames.push(data, isBinary));
    socket.on("close", () => connection.onClose());
    return connection;
  };
  const { cluster } = server;
  const secretKey = server.options.secretKey;
  if (cluster === undefined || secretKey === undefined) {
    void mounted.context.connect(connect(), access);
    return;
  }
  const serveLocally = (session: ServerSession): void => {
    // The client may have left while the session was being claimed or resumed.
    if (socket.readyState === socket.OPEN) void connect().onSessionReady(session, mounted.context);
  };
  void placeWebsocket({ cluster, secretKey, mounted, socket, request, access, inbox, log, serveLocally });
}
