import { GOING_AWAY } from "@fastify-bokeh/session-store";
import type { FastifyBaseLogger } from "fastify";
import { WebSocket } from "ws";
import { RELAY_HEADER } from "./relay-auth.js";
import { SocketInbox } from "./socket-inbox.js";

/** Milliseconds the owner has to accept a relayed websocket. */
const HANDSHAKE_TIMEOUT_MS = 3000;

/** Close codes an endpoint may send; the others (1005, 1006, 1015) only describe what happened. */
const sendable = (code: number): boolean =>
  (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);

export interface RelayTarget {
  /** `host:port` of the owner. */
  readonly owner: string;
  /** The client's request path and query, asked for again at the owner. */
  readonly url: string;
  readonly token: string;
  /** The relay signature (see `signRelay`). */
  readonly signature: string;
}

/** An open websocket to the owner, with what the owner sent before the relay started. */
export interface Upstream {
  readonly socket: WebSocket;
  /**
   * Holds the owner's first messages: its ACK can arrive with the handshake's response and be delivered before the
   * code awaiting the open socket runs.
   */
  readonly inbox: SocketInbox;
}

/** A websocket to the owner, open; undefined if it could not be opened (the owner is gone or refused). */
export function openUpstream(target: RelayTarget): Promise<Upstream | undefined> {
  return new Promise((resolve) => {
    const upstream = new WebSocket(`ws://${target.owner}${target.url}`, ["bokeh", target.token], {
      headers: { [RELAY_HEADER]: target.signature },
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      perMessageDeflate: false,
    });
    const inbox = new SocketInbox(upstream);
    const fail = () => {
      upstream.removeAllListeners();
      upstream.on("error", () => undefined);
      upstream.terminate();
      resolve(undefined);
    };
    upstream.once("open", () => {
      upstream.removeListener("error", fail);
      upstream.removeListener("unexpected-response", fail);
      resolve({ socket: upstream, inbox });
    });
    upstream.once("error", fail);
    upstream.once("unexpected-response", fail);
  });
}

/**
 * A client's websocket relayed, frame for frame, to the node that owns its session: the owner runs the Bokeh
 * protocol, this node only passes frames both ways and closes each side when the other closes.
 */
export class WebsocketRelay {
  private readonly upstream: WebSocket;

  constructor(
    private readonly client: WebSocket,
    private readonly owner: Upstream,
    private readonly log: FastifyBaseLogger,
  ) {
    this.upstream = owner.socket;
  }

  /** Passes frames both ways from now on, starting with those each side sent while the relay was being set up. */
  start(clientInbox: SocketInbox): void {
    this.upstream.on("close", (code: number, reason: Buffer) => this.ownerClosed(code, reason.toString("utf8")));
    this.upstream.on("error", (error: Error) => this.log.debug({ err: error }, "relay to the session owner failed"));
    this.client.on("close", () => this.clientClosed());
    this.owner.inbox.attach((data, isBinary) => this.fromOwner(data, isBinary));
    clientInbox.attach((data, isBinary) => this.fromClient(data, isBinary));
    // The owner may have closed before the listener above was there.
    if (this.upstream.readyState !== WebSocket.OPEN) this.ownerClosed(GOING_AWAY, "session owner went away");
  }

  private fromClient(data: Buffer, isBinary: boolean): void {
    if (this.upstream.readyState === WebSocket.OPEN) this.upstream.send(data, { binary: isBinary });
  }

  private fromOwner(data: Buffer, isBinary: boolean): void {
    if (this.client.readyState === WebSocket.OPEN) this.client.send(data, { binary: isBinary });
  }

  /** The owner closed, or died: the client is told, and reconnects (to whichever node takes the session). */
  private ownerClosed(code: number, reason: string): void {
    if (this.client.readyState !== WebSocket.OPEN) return;
    if (sendable(code)) this.client.close(code, reason);
    else this.client.close(GOING_AWAY, "session owner went away");
  }

  private clientClosed(): void {
    if (this.upstream.readyState === WebSocket.OPEN) this.upstream.close(1000, "client closed");
    else this.upstream.terminate();
  }
}
