/**
 * Daily price limits (涨跌幅限制) by board, risk warning and trading day, and the limit prices they
 * give. Sources, each with its date:
 * - main board ±10%, main-board ST/*ST ±5%: SSE and SZSE 交易规则; ST ±10% from 2025-07-07
 *   (draft notices of 2025-06-27, {@link MAIN_ST_TEN_PERCENT_FROM});
 * - ChiNext ±20% (ST included) from 2020-08-24 (SZSE 创业板交易特别规定 of 2020-06-12), ±10% before;
 * - STAR ±20% (ST included): SSE 科创板股票交易特别规定 of 2019-03-01;
 * - funds (ETFs, LOFs) ±10%, as main-board securities.
 *
 * @module
 */

import type { SecurityProfile } from "./boards.js";
import { priceTickUnits } from "./ticks.js";
import { CHINEXT_CAGE_FROM, MAIN_ST_TEN_PERCENT_FROM, type TradingDay } from "./trading-day.js";

/** The daily limit in percent of the previous close for `security` on `day`. */
export function limitPercent(
  security: Pick<SecurityProfile, "board" | "kind" | "riskWarning">,
  day: TradingDay,
): number {
  if (security.kind !== "stock") return 10;
  switch (security.board) {
    case "star":
      return 20;
    case "chinext":
      // The 20% regime started with the registration-based ChiNext, the same day as its cage.
      return day >= CHINEXT_CAGE_FROM ? 20 : 10;
    default:
      if (!security.riskWarning) return 10;
      return day >= MAIN_ST_TEN_PERCENT_FROM ? 10 : 5;
  }
}

/** Limit-up and limit-down prices in price units. */
export interface LimitPrices {
  readonly limitUp: number;
  readonly limitDown: number;
}

/**
 * `preClose × (100 ± percent) / 100` rounded half up to `tick` (the exchanges round limit prices
 * to the nearest tick, halves up), in exact integer arithmetic. Prices in units.
 */
export function limitPricesOf(preClose: number, percent: number, tick: number): LimitPrices {
  const toTick = (numerator: number): number => {
    const divisor = 100 * tick;
    return Math.floor((numerator + divisor / 2) / divisor) * tick;
  };
  return { limitUp: toTick(preClose * (100 + percent)), limitDown: toTick(preClose * (100 - percent)) };
}

/** The limit prices of `security` on `day` from its previous close (units). */
export function dailyLimits(security: SecurityProfile, preClose: number, day: TradingDay): LimitPrices {
  return limitPricesOf(preClose, limitPercent(security, day), priceTickUnits(security.kind));
}
