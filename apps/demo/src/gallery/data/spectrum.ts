import { Random } from "./random.js";

export const SAMPLE_RATE = 8_000;
/** Samples per chunk (one chunk per tick). */
export const CHUNK = 512;
/** Frequency bins shown: up to SAMPLE_RATE / 4 (2 kHz). */
export const BINS = CHUNK / 4;
export const BIN_HZ = SAMPLE_RATE / CHUNK;

/**
 * Magnitudes of the first `BINS` frequencies of a real signal, scaled by 2/N so that a sine of amplitude A shows as
 * A. A direct DFT: BINS × CHUNK (65,536) products per chunk cost far less than a tick, and read simply.
 */
export function spectrum(signal: Float64Array): Float64Array {
  const n = signal.length;
  return Float64Array.from({ length: BINS }, (_, k) => {
    let [re, im] = [0, 0];
    for (const [t, value] of signal.entries()) {
      const angle = (-2 * Math.PI * k * t) / n;
      re += value * Math.cos(angle);
      im += value * Math.sin(angle);
    }
    return (2 / n) * Math.hypot(re, im);
  });
}

/** The frequency (Hz) of the strongest bin. */
export function peakFrequency(magnitudes: Float64Array): number {
  let [best, strongest] = [0, Number.NEGATIVE_INFINITY];
  for (const [k, magnitude] of magnitudes.entries()) if (magnitude > strongest) [best, strongest] = [k, magnitude];
  return best * BIN_HZ;
}

/** An endless synthetic recording: a tone at `freq` with a weaker overtone, noise, and a gain. */
export class SignalSource {
  private readonly random: Random;
  private sample = 0;

  constructor(seed = 5) {
    this.random = new Random(seed);
  }

  /** The next chunk of samples. */
  next(freq: number, gain: number): Float64Array {
    const chunk = new Float64Array(CHUNK);
    for (let i = 0; i < CHUNK; i++, this.sample++) {
      const t = this.sample / SAMPLE_RATE;
      const tone = Math.sin(2 * Math.PI * freq * t) + 0.4 * Math.sin(2 * Math.PI * 2.5 * freq * t);
      chunk[i] = gain * (tone + this.random.normal(0, 0.2));
    }
    return chunk;
  }
}
