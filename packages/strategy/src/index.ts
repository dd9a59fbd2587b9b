/**
 * `@tsgate/strategy`: write a strategy once, run it live on a `MainEngine` or in a backtest.
 *
 * - {@link StrategyTemplate}: lifecycle hooks, typed parameters and variables, the strategy's
 *   own position per vtSymbol, `buy`/`sell`/`cancelAll`.
 * - {@link StrategyEngine}: add, init, start, stop, remove strategies on a `MainEngine`; state
 *   saved through a {@link StrategyStore} ({@link JsonFileStrategyStore}).
 *
 * @packageDocumentation
 */

export { ArrayManager, type Bands, DEFAULT_ARRAY_SIZE, type Macd } from "./array-manager.js";
export {
  ASHARE_SESSION,
  type BarSlot,
  barSlotOf,
  beijingDate,
  CHINA_UTC_OFFSET_MS,
  lastMinuteOf,
  sessionIndexOf,
  slotTime,
} from "./ashare-sessions.js";
export type { BacktestEngine, BacktestJob, BacktestResult } from "./backtest/backtest-engine.js";
export { type BarCsvOptions, readBarCsv } from "./backtest/bar-csv.js";
export { FastBacktestEngine } from "./backtest/fast-backtest-engine.js";
export { ASHARE_FEES, type FeeSchedule, feeOf, orderFeeOf } from "./backtest/fees.js";
export {
  ANNUAL_TRADING_DAYS,
  type BacktestSummary,
  type DailyResult,
  type DayCloses,
  dailyResults,
  markDayClose,
  summarize,
} from "./backtest/metrics.js";
export { DEFAULT_CAPITAL, ReplayGateway, type ReplayGatewayOptions } from "./backtest/replay-gateway.js";
export { dailyToCsv, resultToJson, tradesToCsv } from "./backtest/report-export.js";
export {
  REPLAY_CSV_COLUMNS,
  REPLAY_DEPTH_COLUMNS,
  type ReplayDepthColumns,
  readTickCsv,
  type TickCsvOptions,
} from "./backtest/tick-csv.js";
export type { BarData } from "./bar.js";
export { BarGenerator, type BarHandler } from "./bar-generator.js";
export {
  STRATEGY_ERROR_CODES,
  StrategyError,
  type StrategyErrorCode,
  type StrategyErrorOptions,
  type StrategyErrorParams,
  type StrategyRefusal,
  type StrategyStateProblem,
} from "./errors.js";
export type { StrategyContext } from "./strategy-context.js";
export {
  DEFAULT_READY_TIMEOUT_MS,
  STRATEGY_ENGINE_NAME,
  StrategyEngine,
  type StrategyEngineOptions,
} from "./strategy-engine.js";
export {
  JsonFileStrategyStore,
  MemoryStrategyStore,
  type StrategyState,
  type StrategyStore,
} from "./strategy-store.js";
export { type StrategyClass, StrategyTemplate } from "./strategy-template.js";
export { mergeValues, type StrategyValue, type StrategyValues } from "./strategy-values.js";
