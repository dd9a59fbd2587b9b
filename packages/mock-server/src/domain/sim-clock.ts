/**
 * The simulated clock of the mock servers: starts at a chosen moment and runs at a chosen speed
 * (simulated milliseconds per real millisecond; 0 = stopped, moved only by {@link SimClock.advance}),
 * so a whole trading day, its auctions, the lunch break and the rollover to the next day run in
 * seconds. Pure apart from the real clock it reads, which tests replace.
 */

/** Options of a {@link SimClock}. */
export interface SimClockOptions {
  /** Simulated time at creation. */
  readonly start: Date;
  /** Simulated ms per real ms (default 1; 0 = manual steps only). */
  readonly speed?: number;
  /** The real clock in ms (default `performance.now`). */
  readonly realNow?: () => number;
}

/** A clock whose time runs from `start` at `speed`, and jumps forward on {@link advance}. */
export class SimClock {
  private readonly realNow: () => number;
  /** Simulated epoch ms at `realBase`. */
  private simBase: number;
  private realBase: number;
  private rate: number;

  constructor(options: SimClockOptions) {
    const start = options.start.getTime();
    if (!Number.isFinite(start)) throw new RangeError("SimClock start: expected a valid date");
    this.rate = SimClock.checkSpeed(options.speed ?? 1);
    this.realNow = options.realNow ?? (() => performance.now());
    this.simBase = start;
    this.realBase = this.realNow();
  }

  private static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed < 0) {
      throw new RangeError(`SimClock speed: expected a number ≥ 0 (0 = stopped), got ${speed}`);
    }
    return speed;
  }

  /** The simulated time now. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** The simulated time now, epoch ms. */
  nowMs(): number {
    return this.simBase + (this.realNow() - this.realBase) * this.rate;
  }

  /** Simulated ms per real ms. */
  get speed(): number {
    return this.rate;
  }

  /** Changes the speed from now on (the time so far is kept). */
  setSpeed(speed: number): void {
    const checked = SimClock.checkSpeed(speed);
    this.simBase = this.nowMs();
    this.realBase = this.realNow();
    this.rate = checked;
  }

  /** Moves the time forward by `ms` at once (a manual step). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`SimClock advance: expected ms ≥ 0, got ${ms}`);
    this.simBase += ms;
  }
}
