/**
 * The data of the `eRisk` event: state, every limit's usage, refusal counts.
 *
 * @module
 */
import type { RiskLimitUsage } from "./risk-core.js";
import type { TradingState } from "./trading-state.js";

/** What the risk engine reports on `eRisk` (every timer tick and on every state change). */
export interface RiskSnapshot {
  /** The trading state. */
  readonly state: TradingState;
  /** Why the state is what it is (`""` when ACTIVE from the start). */
  readonly stateReason: string;
  /** Every configured limit with its current figure. */
  readonly limits: readonly RiskLimitUsage[];
  /** Whether self-trade prevention is on. */
  readonly selfTradePrevention: boolean;
  /** The day's P&L the loss limit watches (today's fills marked to the last price, fees included). */
  readonly dailyPnl: number;
  /** Orders and cancels let through today (the exchanges' count). */
  readonly ordersToday: number;
  readonly cancelsToday: number;
  /** Refusals since start, in total and by rule. */
  readonly refusals: { readonly total: number; readonly byRule: Readonly<Record<string, number>> };
  /** When the snapshot was taken. */
  readonly datetime: Date;
}
