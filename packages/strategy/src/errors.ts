import { TsgateError } from "@tsgate/core";

/**
 * Codes of the errors thrown by `@tsgate/strategy`, each with what it means and whether trying
 * again can help (one table, read by {@link StrategyError}).
 */
export const STRATEGY_ERROR_CODES = {
  STRATEGY_EXISTS: { meaning: "a strategy of that name is already added", retry: false },
  STRATEGY_NOT_FOUND: { meaning: "no strategy of that name is added", retry: false },
  STRATEGY_STATE: { meaning: "the strategy is not in a state that allows the call", retry: false },
  STRATEGY_PARAMETER: { meaning: "a parameter is unknown or of the wrong type", retry: false },
  STRATEGY_SYMBOL: { meaning: "the vtSymbol is not one the strategy trades", retry: false },
  STRATEGY_NOT_READY: { meaning: "the gateway did not become ready in time", retry: true },
  STRATEGY_ORDER: { meaning: "the market does not allow this order", retry: false },
  STRATEGY_STORE: { meaning: "saved strategy state could not be read or written", retry: true },
  BACKTEST_DATA: { meaning: "a row of replay data is malformed", retry: false },
  BACKTEST_STALLED: {
    meaning: "the full-path backtest saw no progress (no event, no broker report) for too long",
    retry: true,
  },
} as const;

/** A code of {@link STRATEGY_ERROR_CODES}. */
export type StrategyErrorCode = keyof typeof STRATEGY_ERROR_CODES;

/** An error of `@tsgate/strategy`; {@link StrategyError.code} says which, the message what to do. */
export class StrategyError extends TsgateError {
  declare readonly code: StrategyErrorCode;

  /**
   * @param code - one of {@link STRATEGY_ERROR_CODES}
   * @param message - what went wrong, naming the strategy, field or row
   * @param options - standard error options (`cause`)
   */
  constructor(code: StrategyErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }

  /** Whether trying again later can succeed (from {@link STRATEGY_ERROR_CODES}). */
  get shouldRetry(): boolean {
    return STRATEGY_ERROR_CODES[this.code].retry;
  }
}
