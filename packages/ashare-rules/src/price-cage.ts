/**
 * The price cage (价格笼子, 有效申报价格范围) of continuous trading: a limit buy may not be above
 * the buy reference by more than the cage, a limit sell not below the sell reference by more.
 *
 * | board | in force | buy at most | sell at least | outside the cage |
 * |---|---|---|---|---|
 * | STAR (SSE) | 2019-07-22 | 102% of the buy reference | 98% of the sell reference | refused (申报无效) |
 * | ChiNext (SZSE) | 2020-08-24 | 102% | 98% | held (暂存), enters the book when the cage reaches it |
 * | ChiNext (SZSE) | 2023-04-10 | max(102%, reference + 10 ticks) | min(98%, reference − 10 ticks) | held |
 * | main board SSE | 2023-04-10 | max(102%, + 10 ticks) | min(98%, − 10 ticks) | refused (申报无效) |
 * | main board SZSE | 2023-04-10 | max(102%, + 10 ticks) | min(98%, − 10 ticks) | held (暂存) |
 *
 * The buy reference is the best ask, else the best bid, else the last price, else the previous
 * close; the sell reference is the best bid, else the best ask, else the last price, else the
 * previous close. Funds and bonds have no cage; call auctions have none either.
 *
 * Sources: SSE 科创板股票交易特别规定 (2019-03-01); SZSE 创业板交易特别规定 (2020-06-12, in force
 * 2020-08-24; 2023 revision in force 2023-04-10); SSE 交易规则 and SZSE 交易规则, 2023 revisions
 * issued 2023-02-17, in force 2023-04-10. Checked 2026-12-02 against third-party reproductions
 * (docs/exchange-rules.md): the bounds, the boards and SSE refuse / SZSE hold agree.
 *
 * @module
 */

import type { SecurityProfile } from "./boards.js";
import { priceTickUnits } from "./ticks.js";
import { CHINEXT_CAGE_FROM, MAIN_BOARD_CAGE_FROM, STAR_CAGE_FROM, type TradingDay } from "./trading-day.js";

/** Ticks above/below the reference always inside the cage (the 2023 "or 10 ticks" arm). */
export const CAGE_TICKS = 10;
/** The cage in percent of the reference: buys up to 102%, sells down to 98%. */
export const CAGE_PERCENT = 2;

/** What the exchange does with a limit order outside the cage. */
export type CageAction = "refuse" | "hold";

/** The cage in force for a security on a day. */
export interface CageRule {
  /** Percent of the reference the price may move past it. */
  readonly percent: number;
  /** Ticks past the reference always allowed (0 when the rule has no tick arm). */
  readonly ticks: number;
  readonly action: CageAction;
}

/** The cage rule of `security` on `day`, or `undefined` when it has none. */
export function cageRuleOf(
  security: Pick<SecurityProfile, "exchange" | "board" | "kind">,
  day: TradingDay,
): CageRule | undefined {
  if (security.kind !== "stock") return undefined;
  const action: CageAction = security.exchange === "SZSE" ? "hold" : "refuse";
  switch (security.board) {
    case "star":
      return day >= STAR_CAGE_FROM ? { percent: CAGE_PERCENT, ticks: 0, action } : undefined;
    case "chinext":
      if (day >= MAIN_BOARD_CAGE_FROM) return { percent: CAGE_PERCENT, ticks: CAGE_TICKS, action };
      return day >= CHINEXT_CAGE_FROM ? { percent: CAGE_PERCENT, ticks: 0, action } : undefined;
    default:
      return day >= MAIN_BOARD_CAGE_FROM ? { percent: CAGE_PERCENT, ticks: CAGE_TICKS, action } : undefined;
  }
}

/** The book state the references come from, in price units; 0 (or absent) = none. */
export interface CageQuote {
  readonly bestBid?: number | undefined;
  readonly bestAsk?: number | undefined;
  readonly last?: number | undefined;
  readonly preClose: number;
}

const firstPositive = (...prices: (number | undefined)[]): number => {
  for (const p of prices) if (p !== undefined && p > 0) return p;
  return 0;
};

/** Buy reference: best ask, else best bid, else last, else previous close. */
export function buyReference(q: CageQuote): number {
  return firstPositive(q.bestAsk, q.bestBid, q.last, q.preClose);
}

/** Sell reference: best bid, else best ask, else last, else previous close. */
export function sellReference(q: CageQuote): number {
  return firstPositive(q.bestBid, q.bestAsk, q.last, q.preClose);
}

/**
 * The highest buy and lowest sell price inside the cage (units). Exact: a buy at `p` is inside
 * when `p × 100 ≤ ref × 102` or `p ≤ ref + 10 ticks`; the bound is that price floored (buys) or
 * ceiled (sells) to the tick.
 */
export function cageBounds(
  rule: CageRule,
  kind: SecurityProfile["kind"],
  quote: CageQuote,
): { maxBuy: number; minSell: number } {
  const tick = priceTickUnits(kind);
  const buyRef = buyReference(quote);
  const sellRef = sellReference(quote);
  const byPercentUp = Math.floor((buyRef * (100 + rule.percent)) / (100 * tick)) * tick;
  const byPercentDown = Math.ceil((sellRef * (100 - rule.percent)) / (100 * tick)) * tick;
  return {
    maxBuy: Math.max(byPercentUp, buyRef + rule.ticks * tick),
    minSell: Math.max(tick, Math.min(byPercentDown, sellRef - rule.ticks * tick)),
  };
}

/** Is a limit order at `price` (units) inside the cage? */
export function isInsideCage(
  rule: CageRule,
  kind: SecurityProfile["kind"],
  side: "buy" | "sell",
  price: number,
  quote: CageQuote,
): boolean {
  const { maxBuy, minSell } = cageBounds(rule, kind, quote);
  return side === "buy" ? price <= maxBuy : price >= minSell;
}
