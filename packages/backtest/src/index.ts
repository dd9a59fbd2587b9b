/**
 * `@tsgate/backtest`: backtests through the exact production path. The strategy runs on a
 * `StrategyEngine` on a `MainEngine` with an `HftGateway` over the native library, against the
 * mock servers replaying the data on their simulated clock, stepped by the engine.
 *
 * It is its own package because it depends on `@tsgate/hft-gateway` and `@tsgate/mock-server`,
 * which `@tsgate/strategy` (core only) must not (DESIGN.md §2).
 *
 * @packageDocumentation
 */

export { BACKTEST_LOGIN } from "./backtest-mock-config.js";
export { FullPathBacktestEngine, type FullPathBacktestOptions } from "./full-path-backtest-engine.js";
export { DEFAULT_STALL_TIMEOUT_MS } from "./reaction-barrier.js";
