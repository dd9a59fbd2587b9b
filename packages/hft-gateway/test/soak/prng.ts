import { mulberry32, type Random } from "@tsgate/mock-server";

/**
 * The soak's only source of randomness: the simulator's seeded PRNG (mulberry32), so that a seed
 * replays the same fault schedule and the same strategy decisions.
 */
export class Prng {
  private readonly random: Random;

  constructor(readonly seed: number) {
    this.random = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.random();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A fresh seed when none is given (printed, so the run can be replayed). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** The seed from `TSGATE_SOAK_SEED` if set (a non-negative integer), else a fresh one. */
export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TSGATE_SOAK_SEED;
  if (text === undefined || text.trim() === "") return randomSeed();
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`TSGATE_SOAK_SEED must be a non-negative integer, got "${text}"`);
  }
  return seed;
}
