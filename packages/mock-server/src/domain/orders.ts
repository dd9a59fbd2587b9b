/**
 * Orders of the trading day: their mutable state, the identifiers the server gives them and the
 * lookups the broker needs (by id, by account and client order id, in creation order).
 */

import type { OrderReport, OrderType, Side } from "../protocol/messages.js";
import { OrderStatus } from "../protocol/messages.js";
import { ID_COUNTER_DIGITS, ORDER_ID_PREFIX, TRADE_ID_PREFIX } from "./constants.js";

/** The live state of one order. Prices and amounts scaled ×10,000. */
export interface Order {
  /** Creation number within the day, from 1 (time priority). */
  readonly seq: number;
  readonly orderId: string;
  readonly clOrderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly orderType: OrderType;
  /** Limit price; 0 for B5TC. */
  readonly price: number;
  readonly volume: number;
  readonly createTime: number;
  status: OrderStatus;
  filledVolume: number;
  filledAmount: number;
  canceledVolume: number;
  /** Fees charged so far (Σ of the fills' fees). */
  feesPaid: number;
  /** Cash currently frozen for this order. */
  frozenCash: number;
  /** Buys: the price the cash reserve is computed at (limit, or limit-up for B5TC). */
  readonly reservePrice: number;
  /** Sells: the cash frozen up front for fees that could exceed the proceeds (usually 0). */
  readonly sellReserve: number;
  errorCode: number;
  errorMsg: string;
  updateTime: number;
  /** Sequence of the order's latest report. */
  lastReportSeq: number;
  /** Market steps left until a pending cancel completes; undefined when no cancel is pending. */
  cancelStepsLeft: number | undefined;
  /** Held outside the price cage (SZSE): rests without matching until the cage reaches its price. */
  caged: boolean;
}

const FINAL: ReadonlySet<number> = new Set([
  OrderStatus.Filled,
  OrderStatus.CancelFilled,
  OrderStatus.PartiallyCanceled,
  OrderStatus.Rejected,
]);

/** Filled, CancelFilled, PartiallyCanceled and Rejected are final. */
export function isFinal(status: OrderStatus): boolean {
  return FINAL.has(status);
}

/** Shares of the order still open. */
export function remainingVolume(order: Order): number {
  return order.volume - order.filledVolume - order.canceledVolume;
}

/** The order as report / query-record fields (without `reportSeq`). */
export function orderReportBody(order: Order, tradingDay: number): Omit<OrderReport, "reportSeq"> {
  return {
    orderId: order.orderId,
    clOrderId: order.clOrderId,
    symbol: order.symbol,
    side: order.side,
    orderType: order.orderType,
    status: order.status,
    price: order.price,
    volume: order.volume,
    filledVolume: order.filledVolume,
    filledAmount: order.filledAmount,
    canceledVolume: order.canceledVolume,
    frozenCash: order.frozenCash,
    errorCode: order.errorCode,
    errorMsg: order.errorMsg,
    tradingDay,
    createTime: order.createTime,
    updateTime: order.updateTime,
  };
}

/** `O20261126000001`: prefix, trading day, per-day counter. */
function makeId(prefix: string, tradingDay: number, n: number): string {
  return `${prefix}${tradingDay}${String(n).padStart(ID_COUNTER_DIGITS, "0")}`;
}

/** Every order of the day, and the server's order and trade id counters. */
export class OrderStore {
  private readonly all: Order[] = [];
  private readonly byId = new Map<string, Order>();
  private readonly byClOrderId = new Map<string, Map<string, Order>>();
  private readonly byAccount = new Map<string, Order[]>();
  private tradeCounter = 0;

  constructor(private readonly tradingDay: number) {}

  /** Orders in creation order. */
  get list(): readonly Order[] {
    return this.all;
  }

  /** Creation number of the next order. */
  get nextSeq(): number {
    return this.all.length + 1;
  }

  /** The order id of creation number `seq` (unique across accounts for the day). */
  orderIdOf(seq: number): string {
    return makeId(ORDER_ID_PREFIX, this.tradingDay, seq);
  }

  /** The next trade id of the day (unique across accounts). */
  nextTradeId(): string {
    this.tradeCounter += 1;
    return makeId(TRADE_ID_PREFIX, this.tradingDay, this.tradeCounter);
  }

  /** Stores a new order; its `seq` must be {@link nextSeq}. */
  add(order: Order): void {
    if (order.seq !== this.all.length + 1)
      throw new Error(`order ${order.orderId}: seq ${order.seq} out of order`);
    this.all.push(order);
    this.byId.set(order.orderId, order);
    let own = this.byAccount.get(order.accountId);
    if (own === undefined) {
      own = [];
      this.byAccount.set(order.accountId, own);
    }
    own.push(order);
    if (order.clOrderId !== "") {
      let map = this.byClOrderId.get(order.accountId);
      if (map === undefined) {
        map = new Map();
        this.byClOrderId.set(order.accountId, map);
      }
      map.set(order.clOrderId, order);
    }
  }

  /** The account's orders in creation order. */
  accountOrders(accountId: string): readonly Order[] {
    return this.byAccount.get(accountId) ?? [];
  }

  /** The account's order by server id. */
  byOrderId(accountId: string, orderId: string): Order | undefined {
    const order = this.byId.get(orderId);
    return order?.accountId === accountId ? order : undefined;
  }

  /** The account's order by client order id. */
  byClientId(accountId: string, clOrderId: string): Order | undefined {
    return this.byClOrderId.get(accountId)?.get(clOrderId);
  }
}
