/**
 * The largest order the exchanges accept, by board and order type (单笔申报数量上限). Sources:
 * - STAR: limit orders ≤ 100,000 shares, market orders ≤ 50,000 (SSE 科创板股票交易特别规定,
 *   2019-03-01);
 * - ChiNext: limit ≤ 300,000, market ≤ 150,000 (SZSE 创业板交易特别规定, 2020-06-12, in force
 *   2020-08-24);
 * - main board stocks and funds: ≤ 1,000,000 shares (units) per order (SSE and SZSE 交易规则).
 *
 * @module
 */

import type { Board } from "./boards.js";

/** Limit (LMT) or market (B5TC, best five then cancel) order. */
export type OrderKind = "limit" | "market";

/** Order caps in shares, by board and order kind. */
export const ORDER_CAPS: Readonly<Record<Board, Readonly<Record<OrderKind, number>>>> = {
  main: { limit: 1_000_000, market: 1_000_000 },
  chinext: { limit: 300_000, market: 150_000 },
  star: { limit: 100_000, market: 50_000 },
};

/** The largest volume of one order of `kind` on `board`, in shares. */
export function maxOrderVolume(board: Board, kind: OrderKind): number {
  return ORDER_CAPS[board][kind];
}
