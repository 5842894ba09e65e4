export type SessionCallbackKind = "periodic" | "timeout" | "next_tick";

export interface SessionCallback {
  readonly id: number;
  readonly kind: SessionCallbackKind;
  readonly callback: () => unknown;
  /** The period (periodic) or delay (timeout) in milliseconds; 0 for next-tick callbacks. */
  readonly ms: number;
}

/** What runs session callbacks: the server session, which owns the clock. A document alone runs none. */
export interface SessionCallbackScheduler {
  schedule(callback: SessionCallback): void;
  cancel(callback: SessionCallback): void;
}

let nextId = 0;

/** A document's periodic, timeout and next-tick callbacks, handed to whichever scheduler is attached. */
export class SessionCallbacks {
  private readonly _callbacks = new Map<number, SessionCallback>();
  private _scheduler: SessionCallbackScheduler | null = null;

  add(spec: Omit<SessionCallback, "id">): number {
    if (spec.kind !== "next_tick" && !(spec.ms > 0 || (spec.kind === "timeout" && spec.ms === 0))) {
      throw new RangeError(`a ${spec.kind} callback needs a positive time in milliseconds, got ${spec.ms}`);
    }
    const callback: SessionCallback = { ...spec, id: ++nextId };
    this._callbacks.set(callback.id, callback);
    this._scheduler?.schedule(callback);
    return callback.id;
  }

  remove(id: number): void {
    const callback = this._callbacks.get(id);
    if (callback === undefined) return;
    this._callbacks.delete(id);
    this._scheduler?.cancel(callback);
  }

  /** Called by the scheduler when a one-shot callback has run. */
  completed(id: number): void {
    this._callbacks.delete(id);
  }

  get all(): readonly SessionCallback[] {
    return [...this._callbacks.values()];
  }

  /** Attaches (or, with null, detaches) the scheduler; callbacks added before start running now. */
  attach(scheduler: SessionCallbackScheduler | null): void {
    if (this._scheduler !== null) for (const callback of this._callbacks.values()) this._scheduler.cancel(callback);
    this._scheduler = scheduler;
    if (scheduler !== null) for (const callback of this._callbacks.values()) scheduler.schedule(callback);
  }
}
