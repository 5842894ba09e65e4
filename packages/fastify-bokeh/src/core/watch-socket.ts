import type { FastifyBaseLogger } from "fastify";
import type { WebSocket } from "ws";
import type { MountedApp } from "../app/mounted-app.js";

/** Logs a websocket's opening and closing (with code and reason) at bokeh serve's level, and counts it open. */
export function watchSocket(mounted: MountedApp, socket: WebSocket, log: FastifyBaseLogger): void {
  log.info("WebSocket connection opened");
  mounted.websocketOpened();
  socket.once("close", (code: number, reason: Buffer) => {
    mounted.websocketClosed();
    log.info({ code, reason: reason.toString("utf8") }, "WebSocket connection closed");
  });
}
