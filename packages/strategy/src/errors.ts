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

/** The call a strategy's state refused, as {@link StrategyErrorParams} `STRATEGY_STATE` names it. */
export type StrategyStateProblem =
  /** `initStrategy` on an inited strategy. */
  | "alreadyInited"
  /** `startStrategy` before `initStrategy`. */
  | "notInited"
  /** `startStrategy` on a trading strategy. */
  | "alreadyTrading"
  /** `removeStrategy` on a trading strategy. */
  | "trading";

/**
 * The values of each code's refusal, as data, so a host can word it in its user's language
 * instead of quoting the English `message`. `strategy` is always the strategy's name; lists are
 * in the order the message gives them.
 */
export interface StrategyErrorParams {
  STRATEGY_EXISTS: { readonly strategy: string };
  STRATEGY_NOT_FOUND: { readonly strategy: string; readonly known: readonly string[] };
  STRATEGY_STATE: { readonly strategy: string; readonly problem: StrategyStateProblem };
  STRATEGY_PARAMETER:
    | {
        readonly strategy: string;
        /** Whether the setting or the saved state named it. */
        readonly kind: "parameter" | "variable";
        readonly field: string;
        readonly problem: "unknown";
        /** The names the strategy declares. */
        readonly known: readonly string[];
      }
    | {
        readonly strategy: string;
        readonly kind: "parameter" | "variable";
        readonly field: string;
        readonly problem: "type";
        /** The type of the declared default (a number must also be finite). */
        readonly expected: "number" | "string" | "boolean";
        /** The value given, as JSON (`"undefined"` for none). */
        readonly got: string;
      };
  STRATEGY_SYMBOL:
    | { readonly strategy: string; readonly problem: "none" }
    | {
        readonly strategy: string;
        readonly problem: "notTraded";
        readonly vtSymbol: string;
        readonly known: readonly string[];
      };
  STRATEGY_NOT_READY: /** An order for a vtSymbol without a contract yet. */
    | { readonly strategy: string; readonly problem: "noContract"; readonly missing: readonly string[] }
    /** `initStrategy` waited `timeoutMs` for the contracts. */
    | {
        readonly strategy: string;
        readonly problem: "timeout";
        readonly missing: readonly string[];
        readonly timeoutMs: number;
      };
  STRATEGY_ORDER: /** A sell of more than is held and not already being sold. */
    | {
        readonly strategy: string;
        readonly problem: "oversell";
        readonly vtSymbol: string;
        readonly volume: number;
        readonly free: number;
      }
    /** `short` or `cover`: A-share cash accounts cannot sell short. */
    | { readonly strategy: string; readonly problem: "short" | "cover" };
  STRATEGY_STORE: { readonly path: string; readonly problem: "unreadable" | "notJson" };
  BACKTEST_DATA: Readonly<Record<string, never>>;
  BACKTEST_STALLED: Readonly<Record<string, never>>;
}

/** A code with its values: narrow on `code` to read the values of that code. */
export type StrategyRefusal = {
  [C in StrategyErrorCode]: { readonly code: C; readonly params: StrategyErrorParams[C] };
}[StrategyErrorCode];

/** Options of {@link StrategyError}: the standard ones (`cause`) and the refusal's values. */
export interface StrategyErrorOptions<C extends StrategyErrorCode> extends ErrorOptions {
  /** The values the message words (see {@link StrategyErrorParams}). */
  readonly params?: StrategyErrorParams[C];
}

/**
 * An error of `@tsgate/strategy`; {@link StrategyError.code} says which, the message what to do
 * (in English, for logs and API callers), {@link StrategyError.params} the same as data.
 */
export class StrategyError<C extends StrategyErrorCode = StrategyErrorCode> extends TsgateError {
  declare readonly code: C;
  /** The refusal's values, when the thrower gave them (every refusal of the engine does). */
  readonly params: StrategyErrorParams[C] | undefined;

  /**
   * @param code - one of {@link STRATEGY_ERROR_CODES}
   * @param message - what went wrong, naming the strategy, field or row
   * @param options - standard error options (`cause`) and the values as data (`params`)
   */
  constructor(code: C, message: string, options?: StrategyErrorOptions<C>) {
    super(code, message, options);
    this.params = options?.params;
  }

  /** Whether trying again later can succeed (from {@link STRATEGY_ERROR_CODES}). */
  get shouldRetry(): boolean {
    return STRATEGY_ERROR_CODES[this.code].retry;
  }

  /** The code and its values, to narrow on `code`; undefined when the thrower gave no values. */
  get refusal(): StrategyRefusal | undefined {
    return this.params === undefined
      ? undefined
      : ({ code: this.code, params: this.params } as StrategyRefusal);
  }
}
