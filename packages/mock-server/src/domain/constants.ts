/**
 * Constants of the simulated broker's trading domain, in one place: lot sizes, price ticks,
 * daily limits, order maxima, default fees, market-simulation tuning and identifier formats.
 * Prices and money are integers scaled ×10,000 (1 yuan = 10,000 units), as on the wire.
 */

/** 1 yuan in scaled units: the wire's unit, defined once by the protocol. */
export { PRICE_SCALE } from "../protocol/constants.js";
/** 1 cent (0.01 yuan) in scaled units: fees are rounded to it. */
export const CENT = 100;
/** Price tick of stocks: 0.01 yuan (SSE/SZSE 交易规则, 2023 revisions). */
export const PRICE_TICK = 100;
/** Price tick of funds (ETFs, LOFs) and bonds: 0.001 yuan (same rules). */
export const FUND_PRICE_TICK = 10;

/** Round lot of a buy order on every board except STAR. */
export const LOT_SIZE = 100;
/** STAR board (688xxx): smallest buy order... */
export const STAR_MIN_BUY_VOLUME = 200;
/** ...and its step above that minimum. */
export const STAR_LOT_SIZE = 1;
/** Largest volume of one order on the main board (stocks and funds), in shares. */
export const MAX_ORDER_VOLUME = 1_000_000;
/**
 * Largest order by board and type, in shares: STAR limit 100,000 / market 50,000 (SSE
 * 科创板股票交易特别规定, 2019-03-01); ChiNext 300,000 / 150,000 (SZSE 创业板交易特别规定,
 * 2020-06-12, in force 2020-08-24); main board 1,000,000 (SSE/SZSE 交易规则).
 */
export const ORDER_CAPS = {
  main: { limit: MAX_ORDER_VOLUME, market: MAX_ORDER_VOLUME },
  chinext: { limit: 300_000, market: 150_000 },
  star: { limit: 100_000, market: 50_000 },
} as const;

/**
 * Daily price limit in percent of the previous close: main board (and funds) 10, main-board ST
 * 5 before {@link MAIN_ST_TEN_PERCENT_FROM} and 10 from it, ChiNext 20 from
 * {@link CHINEXT_TWENTY_PERCENT_FROM} (10 before), STAR 20 (ST included).
 */
export const LIMIT_PERCENT = {
  main: 10,
  mainStBefore: 5,
  chinext: 20,
  chinextBefore: 10,
  star: 20,
  fund: 10,
} as const;
/**
 * First trading day of ChiNext's ±20% limits (SZSE 创业板交易特别规定 of 2020-06-12, with the
 * registration-based ChiNext); ±10% before.
 */
export const CHINEXT_TWENTY_PERCENT_FROM = 20200824;
/**
 * First trading day on which main-board ST/*ST stocks have ±10% limits (SSE and SZSE notices,
 * draft for comment 2025-06-27; the in-force day is not confirmed from a text: docs/exchange-rules.md).
 */
export const MAIN_ST_TEN_PERCENT_FROM = 20250707;

/**
 * The price cage of continuous trading (有效申报价格范围): buys at most max(102% of the buy
 * reference, reference + 10 ticks), sells at least min(98%, reference − 10 ticks); STAR 2% only.
 * Main board from 2023-04-10 (SSE/SZSE 交易规则, 2023 revisions); ChiNext 2% from 2020-08-24 and
 * the 10-tick arm from 2023-04-10; STAR from its first day, 2019-07-22. Details: price-cage.ts.
 */
export const PRICE_CAGE = {
  percent: 2,
  ticks: 10,
  mainFrom: 20230410,
  chinextFrom: 20200824,
  chinextTicksFrom: 20230410,
  starFrom: 20190722,
} as const;

/**
 * Cancels are refused in these windows (`HHMMSSmmm`, from inclusive, to exclusive): the last five
 * minutes of the opening call auction and the closing call auction (SSE/SZSE 交易规则: 09:20–09:25
 * and 14:57–15:00 the trading host accepts no cancel).
 */
export const NO_CANCEL_WINDOWS = [
  { from: 92_000_000, to: 92_500_000 },
  { from: 145_700_000, to: 150_000_000 },
] as const;

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

/**
 * Programmatic-trading thresholds: an account whose orders plus cancels reach 300 in one second or
 * 20,000 in one day is a high-frequency account (SSE and SZSE 程序化交易管理实施细则, issued
 * 2025-04-03, in force 2025-07-07).
 */
export const HIGH_FREQUENCY_PER_SECOND = 300;
export const HIGH_FREQUENCY_PER_DAY = 20_000;
/** The broker warns once a day when an account reaches this share of a threshold (its own choice). */
export const HIGH_FREQUENCY_WARN_FRACTION = 0.8;
/**
 * A cancel this soon after its order is an "instant cancel" (瞬时撤单), which the exchanges watch
 * as an abnormal pattern; the rules give no number, so this is the simulated broker's own.
 */
export const INSTANT_CANCEL_MS = 1_000;
