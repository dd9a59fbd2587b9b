/**
 * Trading days as the protocol writes them (`YYYYMMDD` integers, exchange local time), and the
 * effective dates of the rules that changed, each with its source.
 *
 * @module
 */

/** A trading day, `YYYYMMDD` (e.g. `20250707`). Compared as integers. */
export type TradingDay = number;

/**
 * Main-board risk-warning (ST, *ST) stocks: daily limit ±10% instead of ±5% from this day.
 * Source: SSE and SZSE 关于调整主板风险警示股票价格涨跌幅限制比例及有关事项的通知, published as a draft for
 * comment on 2025-06-27 (Xinhua, 2025-06-27); the in-force day 2025-07-07 is the issue's, not
 * confirmed from a text (docs/exchange-rules.md, checked 2026-12-02).
 */
export const MAIN_ST_TEN_PERCENT_FROM: TradingDay = 20250707;

/**
 * Price cage (有效申报价格范围) of main-board stocks on SSE and SZSE, and the "or 10 ticks" arm on
 * ChiNext, from this day. Source: SSE 交易规则 (2023 revision) and SZSE 交易规则 (2023 revision) /
 * 创业板交易特别规定 (2023 revision), issued 2023-02-17 with the full registration-based IPO system,
 * in force 2023-04-10.
 */
export const MAIN_BOARD_CAGE_FROM: TradingDay = 20230410;

/**
 * ChiNext price cage (2% only, before the 2023 "or 10 ticks" arm) from this day. Source: SZSE
 * 创业板交易特别规定 of 2020-06-12, in force 2020-08-24 (first day of the registration-based ChiNext).
 */
export const CHINEXT_CAGE_FROM: TradingDay = 20200824;

/**
 * STAR price cage (2%) from this day. Source: SSE 科创板股票交易特别规定 of 2019-03-01; the board
 * opened for trading on 2019-07-22.
 */
export const STAR_CAGE_FROM: TradingDay = 20190722;

/**
 * Programmatic-trading management: accounts at or above the high-frequency thresholds are
 * classified as high-frequency. Source: SSE and SZSE 程序化交易管理实施细则, issued 2025-04-03,
 * in force 2025-07-07.
 */
export const PROGRAMMATIC_RULES_FROM: TradingDay = 20250707;

/** Is `day` a real `YYYYMMDD` calendar date? */
export function isTradingDayValue(day: unknown): day is TradingDay {
  if (typeof day !== "number" || !Number.isInteger(day) || day < 19_900_101 || day > 99_991_231) return false;
  const y = Math.floor(day / 10_000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
