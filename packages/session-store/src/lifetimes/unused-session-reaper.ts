import { type Clock, systemClock, type TimerHandle } from "../clock.js";
import { DEFAULT_CHECK_UNUSED_SESSIONS_MS, DEFAULT_UNUSED_SESSION_LIFETIME_MS } from "../defaults.js";
import type { Logger } from "../logger.js";
import type { SessionMeta, SessionRecord } from "../store/session-record.js";
import type { SessionStore } from "../store/session-store.js";

export interface UnusedSessionReaperOptions<Meta extends SessionMeta = Readonly<Record<string, unknown>>> {
  readonly store: SessionStore<Meta>;
  /**
   * Tears down what the process holds for a discarded session (callbacks,
   * document, `on_session_destroyed` hooks). Runs after the record left the
   * store; errors are logged, never thrown.
   */
  readonly onDestroy: (record: SessionRecord<Meta>) => Promise<void> | void;
  readonly logger: Logger;
  /** True while the session must not be discarded, e.g. while something holds its document lock. */
  readonly isBlocked?: (sessionId: string) => boolean;
  readonly clock?: Clock;
  /** `--check-unused-sessions`: sweep period in milliseconds (> 0). */
  readonly checkUnusedSessions?: number;
  /** `--unused-session-lifetime`: idle milliseconds before an unconnected session is discarded (> 0). */
  readonly unusedSessionLifetime?: number;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}

/**
 * Discards sessions nobody is connected to, as `bokeh serve` does: every
 * `checkUnusedSessions` ms, each session with no connections whose last use
 * is more than `unusedSessionLifetime` ms ago, and which is not blocked, is
 * removed from the store and handed to `onDestroy`. An idle session thus
 * lives between the lifetime and the lifetime plus one period.
 */
export class UnusedSessionReaper<Meta extends SessionMeta = Readonly<Record<string, unknown>>> {
  readonly checkUnusedSessions: number;
  readonly unusedSessionLifetime: number;
  readonly #store: SessionStore<Meta>;
  readonly #onDestroy: (record: SessionRecord<Meta>) => Promise<void> | void;
  readonly #logger: Logger;
  readonly #isBlocked: (sessionId: string) => boolean;
  readonly #clock: Clock;
  #timer: TimerHandle | undefined;
  #sweep: Promise<SessionRecord<Meta>[]> | undefined;

  constructor(options: UnusedSessionReaperOptions<Meta>) {
    this.checkUnusedSessions = positive(
      "checkUnusedSessions",
      options.checkUnusedSessions ?? DEFAULT_CHECK_UNUSED_SESSIONS_MS,
    );
    this.unusedSessionLifetime = positive(
      "unusedSessionLifetime",
      options.unusedSessionLifetime ?? DEFAULT_UNUSED_SESSION_LIFETIME_MS,
    );
    this.#store = options.store;
    this.#onDestroy = options.onDestroy;
    this.#logger = options.logger;
    this.#isBlocked = options.isBlocked ?? (() => false);
    this.#clock = options.clock ?? systemClock;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Starts the periodic sweep; does nothing if already started. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = this.#clock.setInterval(() => {
      // A sweep slower than the period is left to finish rather than doubled up.
      if (this.#sweep === undefined) void this.sweep();
    }, this.checkUnusedSessions);
  }

  /** Stops sweeping; resolves once a sweep in progress has finished. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) {
      this.#clock.clearInterval(this.#timer);
      this.#timer = undefined;
    }
    await this.#sweep;
  }

  /**
   * One pass now; resolves to the records discarded. Joins the pass in
   * progress, if any. Never rejects: failures are logged.
   */
  sweep(): Promise<SessionRecord<Meta>[]> {
    this.#sweep ??= this.#discardUnused().finally(() => {
      this.#sweep = undefined;
    });
    return this.#sweep;
  }

  async #discardUnused(): Promise<SessionRecord<Meta>[]> {
    let candidates: SessionRecord<Meta>[];
    try {
      candidates = await this.#store.findUnused(this.#clock.now(), this.unusedSessionLifetime);
    } catch (err) {
      this.#logger.error({ err }, "Failed to look for unused sessions");
      return [];
    }
    if (candidates.length > 0)
      this.#logger.debug({ count: candidates.length }, "Scheduling unused sessions to discard");
    const discarded: SessionRecord<Meta>[] = [];
    for (const candidate of candidates) {
      const record = await this.#claim(candidate.id);
      if (record === undefined) continue;
      this.#logger.debug(
        { sessionId: record.id, idleMs: this.#clock.now() - record.lastAccessAt },
        "Discarding unused session",
      );
      try {
        await this.#onDestroy(record);
      } catch (err) {
        this.#logger.error({ err, sessionId: record.id }, "Failed to destroy unused session");
      }
      discarded.push(record);
    }
    if (discarded.length > 0) this.#logger.debug({ count: discarded.length }, "Discarded unused sessions");
    return discarded;
  }

  /** Takes the session out of the store if it may still be discarded; undefined if not. */
  async #claim(sessionId: string): Promise<SessionRecord<Meta> | undefined> {
    try {
      if (this.#isBlocked(sessionId)) {
        this.#logger.debug({ sessionId }, "Unused session is blocked, keeping it");
        return undefined;
      }
      // Re-checked by the store: earlier destroys were awaited, so this session may be in use again.
      return await this.#store.deleteIfUnused(sessionId, this.#clock.now(), this.unusedSessionLifetime);
    } catch (err) {
      this.#logger.error({ err, sessionId }, "Failed to discard unused session");
      return undefined;
    }
  }
}
