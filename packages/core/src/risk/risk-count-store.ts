/**
 * Where the risk engine keeps the day's order and cancel counts across restarts.
 *
 * @module
 */
import type { RiskDayCounts } from "./risk-core.js";

/**
 * Durable per-day counts. `SqliteJournal` of `@tsgate/journal` implements it in the journal's
 * file; {@link MemoryRiskCountStore} serves tests.
 */
export interface RiskCountStore {
  /** The counts saved for `tradingDay` (`YYYYMMDD`, China Standard Time), if any. */
  loadRiskCounts(tradingDay: string): RiskDayCounts | undefined;
  /** Replaces the counts of `tradingDay`. */
  saveRiskCounts(tradingDay: string, counts: RiskDayCounts): void;
}

/** A {@link RiskCountStore} in memory: survives a MainEngine being replaced within one process. */
export class MemoryRiskCountStore implements RiskCountStore {
  private readonly days = new Map<string, RiskDayCounts>();

  loadRiskCounts(tradingDay: string): RiskDayCounts | undefined {
    return this.days.get(tradingDay);
  }

  saveRiskCounts(tradingDay: string, counts: RiskDayCounts): void {
    this.days.set(tradingDay, { orders: counts.orders, cancels: counts.cancels });
  }
}
