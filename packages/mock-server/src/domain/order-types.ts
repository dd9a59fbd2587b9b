/**
 * The order types the mock broker accepts per exchange, for a cash account, and how the market
 * types fill. The mock's own implementation (it depends on no other package);
 * hft-gateway/test/order-types.property.test.ts holds it equal to @tsgate/ashare-rules'
 * `orderTypeAccepted`, which the gateway checks before sending.
 *
 * Sources (secondary: the exchanges' own rule texts could not be fetched here; read 2026-12-02):
 * - SZSE 深圳证券交易所交易规则 market orders: 对手方最优, 本方最优, 最优五档即时成交剩余撤销,
 *   即时成交剩余撤销 (IOC: against every opposite queue, the rest cancelled), 全额成交或撤销 (AON:
 *   filled in full against every opposite queue, else cancelled whole) — summary on
 *   m.xfjyyzc.com/gushifocus/19806689.htm, and tiku818.com/tiku/1001394.html (2023-05-26).
 * - SSE 上海证券交易所交易规则, main board: 最优五档即时成交剩余撤销, 最优五档即时成交剩余转限价,
 *   本方最优, 对手方最优 — no IOC and no all-or-nothing (summary of 2023-10-07 on fx168).
 * - The vendor's OrderType comments (hft_trader_def.h, vnpy/vnpy_hft 906fd5a): IOC and AON for
 *   SH and SZ except STAR, B5TL SH only, BOC/BOP SZ only.
 * The mock matches LMT, B5TC, IOC and AON; its book shows 5 levels, so "every opposite queue" is
 * the 5 displayed levels and IOC fills as B5TC does here.
 */
import { ErrorCode, Market, OrderType } from "../protocol/messages.js";
import { type Rejection, rejection } from "./ashare-rules.js";
import type { Instrument } from "./instruments.js";

/** The order types each market accepts. */
const ACCEPTED: Readonly<Record<Market, readonly OrderType[]>> = {
  [Market.SH]: [OrderType.LMT, OrderType.B5TC],
  [Market.SZ]: [OrderType.LMT, OrderType.B5TC, OrderType.IOC, OrderType.AON],
};

const TYPE_TEXT: Readonly<Record<OrderType, string>> = {
  [OrderType.LMT]: "LMT (limit)",
  [OrderType.B5TC]: "B5TC (best five, rest cancelled)",
  [OrderType.IOC]: "IOC (即时成交剩余撤销, fill and kill)",
  [OrderType.AON]: "AON (全额成交或撤销, fill or kill)",
};

/** Is `orderType` one of the wire's order types? */
export function isKnownOrderType(orderType: number): orderType is OrderType {
  return Object.values(OrderType).includes(orderType as OrderType);
}

/** The wire name of an order type ("B5TC"), or "type <n>" for an unknown one. */
export function orderTypeName(orderType: number): string {
  return Object.entries(OrderType).find(([, v]) => v === orderType)?.[0] ?? `type ${orderType}`;
}

/** A market order: no price, what does not fill on arrival never rests. */
export function isMarketOrder(orderType: OrderType): boolean {
  return orderType !== OrderType.LMT;
}

/** 2013: the instrument's exchange must accept the order type. */
export function checkOrderTypeForMarket(inst: Instrument, orderType: OrderType): Rejection | undefined {
  if (ACCEPTED[inst.market].includes(orderType)) return undefined;
  const exchange = inst.market === Market.SH ? "SSE" : "SZSE";
  return rejection(
    ErrorCode.ORDER_INVALID_TYPE_OR_SIDE,
    `order type ${TYPE_TEXT[orderType]} is not accepted by ${exchange} for ${inst.symbol}: ${exchange} takes ${ACCEPTED[inst.market].map((t) => TYPE_TEXT[t].split(" ")[0]).join(", ")}`,
  );
}

/** Shares the opposite displayed levels offer an arriving order of `side`: an AON fills only if they cover it. */
export function oppositeVolume(
  askVolume: readonly number[],
  bidVolume: readonly number[],
  buy: boolean,
): number {
  return (buy ? askVolume : bidVolume).reduce((sum, v) => sum + v, 0);
}
