/**
 * A small seeded pseudo-random generator (mulberry32): deterministic, fast, no dependency. Good
 * enough for a market simulation; not for anything that needs unpredictability.
 */

/** A generator of floats in [0, 1). */
export type Random = () => number;

/** mulberry32: 32-bit state, period 2^32. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a seed with a string (e.g. an instrument symbol) into a new 32-bit seed (FNV-1a over the
 * text, then a murmur3 finaliser), so each instrument gets its own independent stream.
 */
export function deriveSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** One independent stream per instrument from one seed, created on first use (see deriveSeed). */
export class SymbolStreams {
  private readonly streams = new Map<string, Random>();

  constructor(private readonly seed: number) {}

  /** The stream of `symbol`. */
  of(symbol: string): Random {
    let random = this.streams.get(symbol);
    if (random === undefined) {
      random = mulberry32(deriveSeed(this.seed, symbol));
      this.streams.set(symbol, random);
    }
    return random;
  }
}

/** An integer in [min, max], inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

const SQRT3 = Math.sqrt(3);

/** An approximately standard-normal value (sum of four uniforms, Irwin–Hall: variance 1/3, so ×√3). */
export function randomNormal(random: Random): number {
  return (random() + random() + random() + random() - 2) * SQRT3;
}
