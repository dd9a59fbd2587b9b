/**
 * The order types each exchange accepts in continuous trading, for a cash account, named as the
 * vendor SDK names them (OrderType in hft_trader_def.h, vnpy/vnpy_hft 906fd5a, read 2026-12-02).
 *
 * Sources (secondary summaries: the exchanges' own rule texts could not be fetched here;
 * read 2026-12-02):
 * - SZSE 深圳证券交易所交易规则, 市价申报: 对手方最优 (BOC), 本方最优 (BOP), 最优五档即时成交剩余撤销
 *   (B5TC), 即时成交剩余撤销 (IOC), 全额成交或撤销 (AON) — m.xfjyyzc.com/gushifocus/19806689.htm;
 *   tiku818.com/tiku/1001394.html (2023-05-26).
 * - SSE 上海证券交易所交易规则, main board 市价申报: 最优五档即时成交剩余撤销 (B5TC), 最优五档即时成交
 *   剩余转限价 (B5TL), 本方最优 (BOP), 对手方最优 (BOC); no IOC, no all-or-nothing — fx168 /
 *   同花顺财经, 2023-10-07. (The vendor header, older, marks BOC/BOP for SZ and BJ only.)
 * Market orders are not accepted in call auctions (both exchanges).
 *
 * @module
 */

import type { ExchangeName } from "./boards.js";

/** An order type in the vendor's vocabulary: LMT is the limit order, the rest are market orders. */
export type ExchangeOrderType = "LMT" | "B5TC" | "B5TL" | "BOC" | "BOP" | "IOC" | "AON";

/** The order types each exchange accepts. */
export const ORDER_TYPES_ACCEPTED: Readonly<Record<ExchangeName, readonly ExchangeOrderType[]>> = {
  SSE: ["LMT", "B5TC", "B5TL", "BOP", "BOC"],
  SZSE: ["LMT", "B5TC", "BOP", "BOC", "IOC", "AON"],
};

/** What each order type does, for reasons a user reads. */
export const ORDER_TYPE_TEXT: Readonly<Record<ExchangeOrderType, string>> = {
  LMT: "limit",
  B5TC: "最优五档即时成交剩余撤销 (best five, rest cancelled)",
  B5TL: "最优五档即时成交剩余转限价 (best five, rest as a limit order)",
  BOC: "对手方最优 (best opposite price)",
  BOP: "本方最优 (best own-side price)",
  IOC: "即时成交剩余撤销 (fill what can be filled, cancel the rest)",
  AON: "全额成交或撤销 (fill in full or cancel)",
};

/** Does `exchange` accept orders of `type`? */
export function orderTypeAccepted(exchange: ExchangeName, type: ExchangeOrderType): boolean {
  return ORDER_TYPES_ACCEPTED[exchange].includes(type);
}
