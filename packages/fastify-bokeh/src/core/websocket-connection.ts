import { ack, encode, error as errorReply, type Message, ProtocolError, Receiver } from "@fastify-bokeh/protocol";
import { ServerConnection, validateToken } from "@fastify-bokeh/session-store";
import type { FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import type { AppRuntime } from "../app/app-runtime.js";
import { type BokehServer, NORMAL_CLOSURE } from "./bokeh-server.js";

/** Close codes we use (all valid RFC 6455 codes, unlike bokeh serve's 10000/10001). */
const POLICY_VIOLATION = 1008;
const GOING_AWAY = 1001;
const INTERNAL_ERROR = 1011;

/** The token from `Sec-WebSocket-Protocol: bokeh, <token>` (exactly two entries, the first `bokeh`). */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  const entries = (header ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.length === 2 && entries[0] === "bokeh" ? entries[1] : undefined;
}

/**
 * Serves one Bokeh websocket: checks the token, attaches to (or creates) the session, sends ACK, then turns
 * frames into messages for the session in arrival order. Framing errors close the socket with a valid code and a
 * reason; request errors get an ERROR reply and the connection stays.
 */
export function serveWebsocket(server: BokehServer, app: AppRuntime, socket: WebSocket, request: FastifyRequest): void {
  const log = request.log;
  if (server.closing) {
    socket.close(NORMAL_CLOSURE, "server shutting down");
    return;
  }
  const token = tokenFromProtocols(request.headers["sec-websocket-protocol"]);
  if (token === undefined) {
    socket.close(POLICY_VIOLATION, "missing session token");
    return;
  }
  const checked = validateToken(token, {
    signed: server.options.signSessions,
    ...(server.options.secretKey !== undefined ? { secretKey: server.options.secretKey } : {}),
    now: server.clock.now(),
  });
  if (!checked.ok) {
    log.info({ reason: checked.reason.code }, `websocket refused: ${checked.reason.message}`);
    socket.close(POLICY_VIOLATION, `invalid token: ${checked.reason.code}`);
    return;
  }

  // Frames arriving before the session is ready wait here, in order.
  const early: { data: Buffer; isBinary: boolean }[] = [];
  let onFrame = (data: Buffer, isBinary: boolean): void => void early.push({ data, isBinary });
  socket.on("message", (data: Buffer, isBinary: boolean) => onFrame(data, isBinary));

  const transport = {
    send(message: Message) {
      if (socket.readyState !== socket.OPEN) return;
      // One write for all the frames of a message, rather than a system call per frame.
      const raw = request.raw.socket;
      raw.cork();
      try {
        for (const frame of encode(message)) socket.send(frame, { binary: typeof frame !== "string" });
      } finally {
        raw.uncork();
      }
    },
    close(code: number, reason: string) {
      socket.close(code, reason);
    },
  };
  const connection = new ServerConnection(transport);
  let closed = false;
  server.track(socket, new Promise((resolve) => socket.once("close", () => resolve())));
  socket.on("close", () => {
    closed = true;
    const session = app.get(checked.payload.sessionId);
    if (session !== undefined) {
      session.unsubscribe(connection);
      app.disconnected(session.id).catch((err: unknown) => log.error({ err }, "session store update failed"));
    }
  });

  app.getOrCreate(checked.payload.sessionId, token, checked.payload, request.url).then(
    async (session) => {
      if (closed) return;
      if (session.destroyed) {
        socket.close(GOING_AWAY, "session destroyed");
        return;
      }
      session.subscribe(connection);
      await app.connected(session.id);
      transport.send(ack());
      const receiver = new Receiver({
        maxMessageBytes: server.options.websocketMaxMessageSize,
        maxFrameBytes: server.options.websocketMaxMessageSize,
      });
      let queue = Promise.resolve();
      onFrame = (data, isBinary) => {
        let message: Message | undefined;
        try {
          message = receiver.push(
            isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString("utf8"),
          );
        } catch (err) {
          if (!(err instanceof ProtocolError)) throw err;
          if (err.fatal) {
            log.info({ code: err.code }, `closing websocket: ${err.message}`);
            socket.close(err.closeCode ?? 1002, err.closeReason ?? "protocol error");
          } else {
            transport.send(errorReply(err.reqid ?? "", err.message));
          }
          return;
        }
        if (message === undefined) return;
        const m = message;
        queue = queue
          .then(() => session.handle(connection, m))
          .catch((err: unknown) => {
            log.error({ err, sessionId: session.id }, "request handling failed");
          });
      };
      for (const frame of early.splice(0)) onFrame(frame.data, frame.isBinary);
    },
    (err: unknown) => {
      if (server.closing) {
        socket.close(NORMAL_CLOSURE, "server shutting down");
        return;
      }
      log.error({ err }, "session creation failed");
      socket.close(INTERNAL_ERROR, "session creation failed");
    },
  );
}
