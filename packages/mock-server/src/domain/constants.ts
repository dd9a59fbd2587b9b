/**
 * Constants of the simulated broker's trading domain, in one place: lot sizes, price ticks,
 * daily limits, order maxima, default fees, market-simulation tuning and identifier formats.
 * Prices and money are integers scaled ×10,000 (1 yuan = 10,000 units), as on the wire.
 */

/** 1 yuan in scaled units. */
export const PRICE_SCALE = 10_000;
/** 1 cent (0.01 yuan) in scaled units: fees are rounded to it. */
export const CENT = 100;
/** Price tick of every instrument: 0.01 yuan. */
export const PRICE_TICK = 100;

/** Round lot of a buy order on every board except STAR. */
export const LOT_SIZE = 100;
/** STAR board (688xxx): smallest buy order... */
export const STAR_MIN_BUY_VOLUME = 200;
/** ...and its step above that minimum. */
export const STAR_LOT_SIZE = 1;
/** Largest volume of one order, in shares. */
export const MAX_ORDER_VOLUME = 1_000_000;

/** Daily price limit of each board, in percent of the previous close. */
export const LIMIT_PERCENT = { main: 10, st: 5, chinext: 20, star: 20 } as const;

/** Default fee rates (fractions of the traded amount) and the minimum commission in yuan. */
export const DEFAULT_FEES = {
  commissionRate: 0.00025,
  minCommission: 5,
  stampDutyRate: 0.0005,
  transferFeeRate: 0.00001,
} as const;
/** Largest accepted fee rate: anything above is a typo, not a broker. */
export const MAX_FEE_RATE = 0.1;
/** Fee rates are converted to integers with this many decimals (exact for every realistic rate). */
export const RATE_DECIMALS = 10;

/** Defaults of the trade-account config. */
export const DEFAULT_ORG_CODE = "0000";
export const DEFAULT_BRANCH_CODE = "9999";

/** Records per query page, inclusive range. */
export const MIN_QUERY_NUM = 1;
export const MAX_QUERY_NUM = 500;

/** Depth levels on each side of the simulated book. */
export const DEPTH_LEVELS = 5;

/** Market simulation defaults and tuning. */
export const DEFAULT_MARKET_SEED = 1;
export const DEFAULT_TICK_INTERVAL_MS = 500;
/** Standard deviation of one random-walk step, as a fraction of the last price. */
export const DEFAULT_VOLATILITY = 0.001;
/**
 * Fraction of the distance to the previous close that one step pulls the price back: keeps long
 * runs (benchmarks step thousands of times a second) away from the daily limits.
 */
export const MEAN_REVERSION = 0.002;
/** Shares traded by the simulated market in one step: 1..this many lots. */
export const STEP_MAX_LOTS = 20;
/** Displayed volume of one book level: 1..this many lots. */
export const LEVEL_MAX_LOTS = 50;

/** Exchange time is China Standard Time, UTC+8, no daylight saving. */
export const EXCHANGE_UTC_OFFSET_MS = 8 * 3_600_000;

/** Prefixes of server-assigned identifiers: `O20261126000001`, `T20261126000001`. */
export const ORDER_ID_PREFIX = "O";
export const TRADE_ID_PREFIX = "T";
/** Digits of the per-day counter in an identifier (more are used past 999,999). */
export const ID_COUNTER_DIGITS = 6;

/** Bytes of text a `char[128]` message field can hold (one is the terminating NUL). */
export const MAX_MESSAGE_BYTES = 127;
