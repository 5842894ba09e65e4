/** Size limits a Receiver enforces on incoming frames and messages. */
export interface Limits {
  /** Sum of the byte sizes of all frames of one message (text frames counted as UTF-8). */
  maxMessageBytes: number;
  /** Byte size of any single frame. */
  maxFrameBytes: number;
  /** Largest `num_buffers` a header may announce. */
  maxBuffers: number;
}

/** bokeh serve's --websocket-max-message-size default. */
const MIB_20 = 20 * 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMessageBytes: MIB_20,
  maxFrameBytes: MIB_20,
  maxBuffers: 1024,
});

/** Defaults filled in; throws a RangeError for a limit that is not a non-negative safe integer (a programming error). */
export function resolveLimits(overrides: Partial<Limits> = {}): Readonly<Limits> {
  const limits: Limits = {
    maxMessageBytes: overrides.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes,
    maxFrameBytes: overrides.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes,
    maxBuffers: overrides.maxBuffers ?? DEFAULT_LIMITS.maxBuffers,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
    }
  }
  return Object.freeze(limits);
}
