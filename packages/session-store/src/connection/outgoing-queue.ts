import type { Frame } from "@fastify-bokeh/protocol";
import type { Clock, TimerHandle } from "../clock.js";
import { type ColumnEffects, supersedes } from "./column-effects.js";
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

/** A message held back: its frames, their size, and what it does to column data (if that is all it does). */
interface Held {
  readonly frames: readonly Frame[];
  readonly bytes: number;
  readonly effects: ColumnEffects | undefined;
  /** Made moot by a later message: skipped when the client has room again. */
  dropped: boolean;
}

/**
 * Back-pressure for one connection. While its transport has less than the high-water mark buffered, messages go
 * straight out; above it they are held back, encoded and in order, and go out (still in order, none dropped) as the
 * client reads. A client that stays behind longer than the timeout, or lets the backlog grow past its limit, is
 * given up on through `giveUp`, and what was held is dropped: one slow client costs bounded memory and never slows
 * the others, which have their own queues. While held, a message that replaces a data source's whole data drops
 * the held messages that only changed that data (streams, patches, replacements): the client is sent the result,
 * not every step towards it.
 */
export class OutgoingQueue {
  private held: Held[] = [];
  private heldBytes = 0;
  /** The held column-only messages by the ids of the sources they touch: what a replacement may make moot. */
  private byModel = new Map<string, Set<Held>>();
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

  /** Sends `frames`, or holds them; `effects` say what the message does to column data, if that is all it does. */
  send(frames: readonly Frame[], effects?: ColumnEffects): void {
    if (this.stopped) return;
    if (this.held.length === 0 && this.transport.bufferedBytes() < this.limits.highWaterMark) {
      this.transport.send(frames);
      if (this.transport.bufferedBytes() >= this.limits.highWaterMark) this.fallBehind();
      return;
    }
    if (effects !== undefined) this.dropSuperseded(effects);
    const entry: Held = { frames, bytes: sizeOf(frames), effects, dropped: false };
    this.held.push(entry);
    this.heldBytes += entry.bytes;
    for (const id of effects?.touches ?? []) this.index(id).add(entry);
    this.fallBehind();
    this.enforceLimits();
  }

  /** The connection ended: drops what is held and stops watching. */
  stop(): void {
    this.stopped = true;
    this.held = [];
    this.heldBytes = 0;
    this.byModel = new Map();
    if (this.poll !== undefined) this.clock.clearTimeout(this.poll);
    this.poll = undefined;
  }

  /** Drops the held messages whose column changes the new message overrides. */
  private dropSuperseded(later: ColumnEffects): void {
    for (const id of later.replaces) {
      for (const entry of this.byModel.get(id) ?? []) {
        if (entry.effects === undefined || !supersedes(later, entry.effects)) continue;
        entry.dropped = true;
        this.heldBytes -= entry.bytes;
        this.unindex(entry);
      }
    }
  }

  private index(id: string): Set<Held> {
    let entries = this.byModel.get(id);
    if (entries === undefined) {
      entries = new Set();
      this.byModel.set(id, entries);
    }
    return entries;
  }

  /** The entry is sent or dropped: no later replacement needs to find it. */
  private unindex(entry: Held): void {
    for (const id of entry.effects?.touches ?? []) {
      const entries = this.byModel.get(id);
      entries?.delete(entry);
      if (entries?.size === 0) this.byModel.delete(id);
    }
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
      if (!next.dropped) {
        this.heldBytes -= next.bytes;
        this.unindex(next);
        this.transport.send(next.frames);
      }
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
