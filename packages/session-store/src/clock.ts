/**
 * Opaque handle returned by a {@link Clock}'s scheduling methods; only the
 * clock that made it can cancel it.
 */
export type TimerHandle = object;

/**
 * Time source and scheduler. Everything time-based in this package goes
 * through one, so tests can drive time (see `FakeClock` in
 * `@fastify-bokeh/session-store/testing`).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (wall time: token expiry is Unix time). */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(callback: () => void, periodMs: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

/** The real clock: `Date.now()` and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (callback, periodMs) => setInterval(callback, periodMs),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};
