/**
 * Drives the simulated market: calls `broker.stepMarket()` at a configured rate and hands the
 * snapshots to a listener. Above ~1000 steps/s a timer cannot fire once per step, so each timer
 * run performs the steps that are due, keeping the average rate exact without catch-up storms.
 */
import type { Broker } from "../domain/index.js";
import type { MarketData } from "../protocol/messages.js";

/** At most this many steps in one timer run; beyond it the clock falls behind instead. */
const MAX_STEPS_PER_RUN = 2_000;

export class MarketClock {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private stepsDone = 0;
  private rate = 0;
  /** Total steps made (timer and manual). */
  steps = 0;

  constructor(
    private readonly broker: Broker,
    private readonly onSnapshots: (snapshots: MarketData[]) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Steps per second; 0 when stopped. */
  get rateHz(): number {
    return this.rate;
  }

  /** (Re)starts at `rateHz` steps per second; 0 stops. */
  start(rateHz: number): void {
    this.stop();
    if (!(rateHz > 0)) return;
    this.rate = rateHz;
    this.startedAt = performance.now();
    this.stepsDone = 0;
    const period = Math.max(1, Math.floor(1000 / rateHz));
    this.timer = setInterval(() => this.run(), period);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.rate = 0;
  }

  /** Makes `n` steps now (tests, manual control). */
  step(n = 1): void {
    for (let i = 0; i < n; i++) this.stepOnce();
  }

  private run(): void {
    const due = Math.floor(((performance.now() - this.startedAt) * this.rate) / 1000) - this.stepsDone;
    let n = due;
    if (n > MAX_STEPS_PER_RUN) {
      // Behind: do a bounded batch and move the baseline instead of catching up later.
      n = MAX_STEPS_PER_RUN;
      this.stepsDone += due - n;
    }
    for (let i = 0; i < n; i++) {
      this.stepsDone++;
      this.stepOnce();
      if (this.timer === undefined) return;
    }
  }

  private stepOnce(): void {
    this.steps++;
    try {
      const snapshots = this.broker.stepMarket();
      if (snapshots.length > 0) this.onSnapshots(snapshots);
    } catch (err) {
      this.onError(err);
    }
  }
}
