import type { Clock } from "@fastify-bokeh/session-store";
import type { FastifyBaseLogger } from "fastify";

/** What keep-alive needs of an open websocket. */
export interface PingTarget {
  ping(payload: string): void;
}

/**
 * Sockets pinged at a time. A ping is a write syscall (≈ 20 µs) on the server and a pong one on the client:
 * pinging 10,000 sockets at once held the server's loop for 200 ms, and a client holding many of them for longer.
 */
const PINGS_PER_SLICE = 128;

/**
 * bokeh serve's keep-alive: every period each open websocket is pinged with its own counter as payload (pongs are
 * not enforced). With more sockets than one slice, a round is spread over the first half of the period.
 */
export class KeepAlive<S extends PingTarget> {
  private timer: ReturnType<Clock["setInterval"]> | undefined;
  /** The round in progress: the sockets open when it began, and the next slice's timer. */
  private round: { sockets: S[]; next: number; timer: ReturnType<Clock["setTimeout"]> | undefined } | undefined;
  private readonly counters = new WeakMap<S, number>();

  constructor(
    private readonly clock: Clock,
    private readonly periodMs: number,
    /** The open websockets (a socket that closes mid-round is skipped). */
    private readonly sockets: ReadonlyMap<S, unknown>,
    private readonly logger: FastifyBaseLogger,
  ) {}

  start(): void {
    if (this.periodMs <= 0 || this.timer !== undefined) return;
    this.timer = this.clock.setInterval(() => this.beginRound(), this.periodMs);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearInterval(this.timer);
    if (this.round?.timer !== undefined) this.clock.clearTimeout(this.round.timer);
    this.timer = undefined;
    this.round = undefined;
  }

  /** A round still running when the next is due (a period shorter than the slices take) is not started twice. */
  private beginRound(): void {
    if (this.round !== undefined) return;
    this.round = { sockets: [...this.sockets.keys()], next: 0, timer: undefined };
    this.pingSlice();
  }

  /** Pings the round's next slice, then waits its share of the half period before the next. */
  private pingSlice(): void {
    const round = this.round;
    if (round === undefined) return;
    const end = Math.min(round.next + PINGS_PER_SLICE, round.sockets.length);
    for (const socket of round.sockets.slice(round.next, end)) if (this.sockets.has(socket)) this.ping(socket);
    round.next = end;
    if (end === round.sockets.length) {
      this.round = undefined;
      return;
    }
    const gapMs = this.periodMs / 2 / Math.ceil(round.sockets.length / PINGS_PER_SLICE);
    round.timer = this.clock.setTimeout(() => this.pingSlice(), gapMs);
  }

  private ping(socket: S): void {
    const count = this.counters.get(socket) ?? 0;
    try {
      socket.ping(String(count));
    } catch (error) {
      this.logger.debug({ err: error }, "ping failed");
    }
    this.counters.set(socket, count + 1);
  }
}
