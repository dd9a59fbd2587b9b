import type { TickData, TradeData } from "@tsgate/core";
import type { BarData } from "../bar.js";
import type { StrategyClass } from "../strategy-template.js";
import type { FeeSchedule } from "./fees.js";
import type { BacktestSummary, DailyResult } from "./metrics.js";

/** What to backtest: a strategy, its setting, and the ticks (or 1-minute bars) to replay. */
export interface BacktestJob {
  /** The strategy class, exactly as run live. */
  readonly strategyClass: StrategyClass;
  /** Name of the strategy instance. */
  readonly strategyName: string;
  /** The instruments it trades. */
  readonly vtSymbols: readonly string[];
  /** Its parameters. */
  readonly setting?: Readonly<Record<string, unknown>>;
  /** Ticks in time order (e.g. from {@link readTickCsv}); read once, one at a time. */
  readonly ticks?: Iterable<TickData> | AsyncIterable<TickData>;
  /**
   * Or bars in time order (e.g. from {@link readBarCsv}), passed to the strategy's `onBar`;
   * give `ticks` or `bars`, not both.
   */
  readonly bars?: Iterable<BarData> | AsyncIterable<BarData>;
  /** Fees; default {@link ASHARE_FEES}. */
  readonly fees?: FeeSchedule;
  /** Starting cash, yuan; default {@link DEFAULT_CAPITAL}. */
  readonly capital?: number;
}

/** What a backtest produced. */
export interface BacktestResult {
  /** Which {@link BacktestEngine} ran it. */
  readonly engine: string;
  /** The strategy instance. */
  readonly strategyName: string;
  /** Ticks replayed. */
  readonly tickCount: number;
  /** Bars replayed. */
  readonly barCount: number;
  /** The strategy's fills, in order. */
  readonly trades: readonly TradeData[];
  /** One row per trading day. */
  readonly daily: readonly DailyResult[];
  /** Totals. */
  readonly summary: BacktestSummary;
}

/**
 * A way to run a {@link BacktestJob}. {@link FastBacktestEngine} replays on an in-process
 * gateway; a full-path engine (mock servers replaying the ticks on a simulated clock, reached
 * through HftGateway and the native library) implements the same interface, so the same job
 * and the same result compare the two.
 */
export interface BacktestEngine {
  /** Short name, copied to {@link BacktestResult.engine}. */
  readonly name: string;
  /** Runs the job to the end of its ticks. */
  run(job: BacktestJob): Promise<BacktestResult>;
}
