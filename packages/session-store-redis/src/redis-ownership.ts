import {
  type JournalEntry,
  OwnershipLostError,
  type SessionOwnership,
  type SessionPage,
  type SessionSnapshot,
} from "@fastify-bokeh/session-store";
import type { SessionKeys } from "./keys.js";
import type { RedisNode } from "./redis-node.js";
import { FENCED_WRITE, RELEASE, RESEED, SNAPSHOT } from "./scripts.js";

/** What a session's record started as, for writing it back if Redis loses it. */
export interface OwnedRecord {
  readonly id: string;
  readonly token: string;
  readonly url: string;
  readonly createdAt: number;
}

/** What a node finds of a session in Redis when it claims it: its snapshot (JSON) if any, the log since, the state. */
export interface StoredHistory {
  readonly snapshot: string | undefined;
  readonly entries: readonly string[];
  readonly state: ReadonlyMap<string, string>;
}

/** The outcome of a renewal, per session (see the RENEW script). */
export type RenewOutcome = "renewed" | "lost" | "gone";

/**
 * One session owned by this node in Redis. Every write is fenced by the epoch of the claim. It also keeps its own
 * copy of what it wrote, so that, if Redis restarts empty, it can write the session back; and while Redis is
 * unreachable it queues the log entries (the session keeps working) and sends them, still fenced, once it is back.
 */
export class RedisOwnership implements SessionOwnership {
  readonly #node: RedisNode;
  readonly keys: SessionKeys;
  readonly #index: string;
  readonly #record: OwnedRecord;
  /** The entries logged since the last snapshot (all of them if none). */
  #entries: string[];
  readonly #state = new Map<string, string>();
  #page: string | undefined;
  #snapshot: string | undefined;
  /** The stream id of the last entry in Redis, which the next snapshot covers. */
  #lastId: string | undefined;
  /** Entries not yet in Redis (it was unreachable), oldest first. */
  #unsent: string[] = [];
  #listeners: (() => void)[] = [];
  #lost = false;
  #released = false;
  /** Open connections to the session on this node. */
  connections = 0;

  constructor(
    node: RedisNode,
    readonly epoch: number,
    keys: SessionKeys,
    index: string,
    record: OwnedRecord,
    history: StoredHistory,
  ) {
    this.#node = node;
    this.keys = keys;
    this.#index = index;
    this.#record = record;
    this.#entries = [...history.entries];
    this.#snapshot = history.snapshot;
    for (const [key, value] of history.state) this.#state.set(key, value);
  }

  get id(): string {
    return this.#record.id;
  }

  get active(): boolean {
    return !this.#lost && !this.#released;
  }

  async append(entry: JournalEntry): Promise<void> {
    if (this.#lost) throw new OwnershipLostError(this.id);
    const json = JSON.stringify(entry);
    this.#entries.push(json);
    if (this.#unsent.length > 0 || !this.#node.reachable) {
      this.#unsent.push(json);
      return;
    }
    try {
      if (!(await this.#appendNow(json))) throw new OwnershipLostError(this.id);
    } catch (error) {
      if (error instanceof OwnershipLostError) {
        this.#entries.pop();
        this.markLost();
        throw error;
      }
      // Redis went away mid-call: the change stands here and is logged once Redis is back.
      this.#unsent.push(json);
    }
  }

  async describe(page: SessionPage): Promise<void> {
    this.#page = JSON.stringify(page);
    await this.#fenced("hset", this.keys.record, "page", this.#page);
  }

  async saveState(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.#state.delete(key);
      await this.#fenced("hdel", this.keys.state, key, "");
      return;
    }
    const json = JSON.stringify(value);
    this.#state.set(key, json);
    await this.#fenced("hset", this.keys.state, key, json);
  }

  /**
   * Every `snapshotEvery` logged entries: saves the document with the state (fenced, in one script with trimming the
   * log up to the last entry, which the document already reflects). Not while entries wait for Redis to come back.
   */
  async checkpoint(take: () => SessionSnapshot): Promise<void> {
    const upTo = this.#lastId;
    if (this.#lost || upTo === undefined || this.#unsent.length > 0) return;
    if (this.#entries.length < this.#node.options.snapshotEvery) return;
    const snapshot = JSON.stringify({ ...take(), state: Object.fromEntries(this.#state), upTo });
    const covered = this.#entries.length;
    const done = await this.#node.redis.eval(
      SNAPSHOT,
      3,
      this.keys.epoch,
      this.keys.record,
      this.keys.log,
      String(this.epoch),
      snapshot,
      upTo,
    );
    if (done !== 1) {
      this.markLost();
      return;
    }
    this.#snapshot = snapshot;
    this.#entries = this.#entries.slice(covered);
  }

  onLost(listener: () => void): void {
    this.#listeners.push(listener);
  }

  async release(forget: boolean): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    this.#node.forgetOwnership(this);
    if (this.#lost) return;
    await this.#node.redis.eval(
      RELEASE,
      6,
      ...this.#keyList(),
      this.#index,
      this.#node.nodeId,
      String(this.epoch),
      forget ? "1" : "0",
      this.id,
    );
  }

  /** Another node has the session now: nothing more is written for it from here. */
  markLost(): void {
    if (this.#lost || this.#released) return;
    this.#lost = true;
    this.#node.forgetOwnership(this);
    for (const listener of this.#listeners.splice(0)) listener();
  }

  /** Sends the entries queued while Redis was unreachable, in order; fenced off means the session is lost. */
  async flush(): Promise<void> {
    while (this.#unsent.length > 0 && !this.#lost) {
      const [json] = this.#unsent;
      if (json === undefined || !(await this.#appendNow(json))) {
        this.markLost();
        return;
      }
      this.#unsent.shift();
    }
  }

  /** Writes the session back into a Redis that lost it (restarted empty); false if another node claimed it first. */
  async reseed(): Promise<boolean> {
    const { id, token, url, createdAt } = this.#record;
    const record: Record<string, string | number> = {
      token,
      url,
      createdAt,
      lastAccessAt: Date.now(),
      connectionCount: this.connections,
    };
    if (this.#page !== undefined) record.page = this.#page;
    if (this.#snapshot !== undefined) record.snapshot = this.#snapshot;
    const done = await this.#node.redis.eval(
      RESEED,
      6,
      ...this.#keyList(),
      this.#index,
      this.#node.nodeId,
      String(this.epoch),
      String(this.#node.options.leaseTtl),
      String(this.#node.options.retention),
      id,
      JSON.stringify(record),
      JSON.stringify(Object.fromEntries(this.#state)),
      ...this.#entries,
    );
    if (done !== 1) return false;
    this.#unsent = [];
    // The written-back entries have new ids: the next snapshot waits for the next append's.
    this.#lastId = undefined;
    return true;
  }

  #keyList(): string[] {
    const { record, lease, epoch, log, state } = this.keys;
    return [record, lease, epoch, log, state];
  }

  /** Appends one entry to the log, fenced; false when another node owns the session. */
  async #appendNow(json: string): Promise<boolean> {
    const id = await this.#node.redis.eval(
      FENCED_WRITE,
      2,
      this.keys.epoch,
      this.keys.log,
      String(this.epoch),
      "xadd",
      json,
    );
    if (typeof id !== "string") return false;
    this.#lastId = id;
    return true;
  }

  /** A fenced write of the record or state; a refusal means the session is lost. */
  async #fenced(op: "hset" | "hdel", target: string, field: string, value: string): Promise<void> {
    if (this.#lost) return;
    const done = await this.#node.redis.eval(
      FENCED_WRITE,
      2,
      this.keys.epoch,
      target,
      String(this.epoch),
      op,
      field,
      value,
    );
    if (done !== 1) this.markLost();
  }
}
