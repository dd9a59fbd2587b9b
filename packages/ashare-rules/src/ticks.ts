/**
 * Price ticks and lots by security kind and board. Sources: SSE 交易规则 and SZSE 交易规则 (2023
 * revisions, in force 2023-04-10): A-share quotes in 0.01 yuan, funds (ETFs, LOFs) and bonds in
 * 0.001 yuan; buys in round lots of 100; SSE 科创板股票交易特别规定 (2019-03-01): STAR buys of at
 * least 200 shares, then in steps of 1.
 *
 * @module
 */

import type { Board, SecurityKind } from "./boards.js";

/** Tick of A-shares: 0.01 yuan in price units. */
export const STOCK_TICK_UNITS = 100;
/** Tick of funds (ETFs, LOFs) and bonds: 0.001 yuan in price units. */
export const FUND_TICK_UNITS = 10;

/** Round lot of a buy, in shares (every board but STAR). */
export const ROUND_LOT = 100;
/** STAR: the smallest buy... */
export const STAR_MIN_BUY = 200;
/** ...and its step above the minimum. */
export const STAR_BUY_STEP = 1;

/** The price tick of a security kind, in price units. */
export function priceTickUnits(kind: SecurityKind): number {
  return kind === "stock" ? STOCK_TICK_UNITS : FUND_TICK_UNITS;
}

/** Smallest buy and its step, in shares. */
export interface BuyLot {
  readonly minBuy: number;
  readonly step: number;
}

/** The buy lot of a security: STAR stocks 200 then steps of 1; everything else lots of 100. */
export function buyLotOf(board: Board, kind: SecurityKind): BuyLot {
  return board === "star" && kind === "stock"
    ? { minBuy: STAR_MIN_BUY, step: STAR_BUY_STEP }
    : { minBuy: ROUND_LOT, step: ROUND_LOT };
}

/**
 * Does a sell pay stamp duty? Stamp duty (印花税) is levied on the seller of shares only; funds and
 * bonds are exempt (Stamp Duty Law of the PRC, in force 2022-07-01; rate 0.05% since 2023-08-28,
 * Ministry of Finance / State Taxation Administration announcement 2023 No. 39).
 */
export function paysStampDuty(kind: SecurityKind): boolean {
  return kind === "stock";
}
