import type { Frame } from "@fastify-bokeh/protocol";
import type { Clock, TimerHandle } from "../clock.js";
import type { ConnectionTransport } from "./connection-transport.js";

/** When a connection holds its messages back, and when it gives up on a client that does not read them. */
export interface FlowLimits {
  /** Bytes buffered in the transport from which further messages are held back (per connection). */
  readonly highWaterMark: number;
  /**
   * Bytes held back (beyond what the transport buffers) past which the client is closed. One message larger than
   * this (a big document) still goes out whole when the transport has room.
   */
  readonly maxBacklogBytes: number;
  /** Milliseconds a client may stay behind (above the high-water mark) before it is closed. */
  readonly slowClientTimeout: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  highWaterMark: 1024 * 1024,
  maxBacklogBytes: 8 * 1024 * 1024,
  slowClientTimeout: 30_000,
};

/** How often a connection that is behind looks whether its client caught up. */
const DRAIN_POLL_MS = 10;

const sizeOf = (frames: readonly Frame[]): number =>
  frames.reduce((total, frame) => total + (typeof frame === "string" ? frame.length : frame.byteLength), 0);

/**
 * Back-pressure for one connection. While its transport has less than the high-water mark buffered, messages go
 * straight out; above it they are held back, encoded and in order, and go out (still in order, none dropped) as the
 * client reads. A client that stays behind longer than the timeout, or lets the backlog grow past its limit, is
 * given up on through `giveUp`, and what was held is dropped: one slow client costs bounded memory and never slows
 * the others, which have their own queues.
 */
export class OutgoingQueue {
  private held: (readonly Frame[])[] = [];
  private heldBytes = 0;
  /** When the client fell behind (undefined while it keeps up). */
  private behindSince: number | undefined;
  private poll: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly transport: ConnectionTransport,
    private readonly limits: FlowLimits,
    private readonly clock: Clock,
    private readonly giveUp: (reason: string) => void,
  ) {}

  /** Whether messages are being held back for this client. */
  get behind(): boolean {
    return this.behindSince !== undefined;
  }

  send(frames: readonly Frame[]): void {
    if (this.stopped) return;
    if (this.held.length === 0 && this.transport.bufferedBytes() < this.limits.highWaterMark) {
      this.transport.send(frames);
      if (this.transport.bufferedBytes() >= this.limits.highWaterMark) this.fallBehind();
      return;
    }
    this.held.push(frames);
    this.heldBytes += sizeOf(frames);
    this.fallBehind();
    this.enforceLimits();
  }

  /** The connection ended: drops what is held and stops watching. */
  stop(): void {
    this.stopped = true;
    this.held = [];
    this.heldBytes = 0;
    if (this.poll !== undefined) this.clock.clearTimeout(this.poll);
    this.poll = undefined;
  }

  private fallBehind(): void {
    this.behindSince ??= this.clock.now();
    this.poll ??= this.clock.setTimeout(() => this.catchUp(), DRAIN_POLL_MS);
  }

  /** Sends what was held while the transport has room; keeps watching until the client has caught up. */
  private catchUp(): void {
    this.poll = undefined;
    if (this.stopped) return;
    let next = this.held[0];
    while (next !== undefined && this.transport.bufferedBytes() < this.limits.highWaterMark) {
      this.held.shift();
      this.heldBytes -= sizeOf(next);
      this.transport.send(next);
      next = this.held[0];
    }
    if (this.held.length === 0 && this.transport.bufferedBytes() < this.limits.highWaterMark) {
      this.behindSince = undefined;
      return;
    }
    if (this.enforceLimits()) this.poll = this.clock.setTimeout(() => this.catchUp(), DRAIN_POLL_MS);
  }

  /** Gives up on the client past either limit; true while it may still catch up. */
  private enforceLimits(): boolean {
    const since = this.behindSince ?? this.clock.now();
    let reason: string | undefined;
    if (this.heldBytes > this.limits.maxBacklogBytes) reason = `client too slow: ${this.heldBytes} bytes held back`;
    else if (this.clock.now() - since > this.limits.slowClientTimeout)
      reason = `client too slow: behind for ${this.clock.now() - since} ms`;
    if (reason === undefined) return true;
    this.stop();
    this.giveUp(reason);
    return false;
  }
}
