/**
 * 09:25–09:30 on the simulated clock: after the opening uncross the trading host accepts orders
 * and cancels but processes neither until continuous trading starts at 09:30 (then in arrival
 * order); the market shows its open and does not trade. Edges: 09:24:59.999 (the auction, cancels
 * refused), 09:25, 09:29:59.999, 09:30.
 */
import { describe, expect, it } from "vitest";
import type { Broker } from "../../src/domain/index.js";
import { ErrorCode, OrderStatus, Side } from "../../src/protocol/messages.js";
import {
  buy,
  expectOk,
  market,
  orderReports,
  pastMainBoardCage,
  sell,
  simulatedDayBroker,
  tradesOf,
} from "../helpers/broker.js";

function preOpenBroker() {
  const { broker, moveTo } = simulatedDayBroker("09:14:00.000", {
    cash: 1_000_000,
    positions: [{ symbol: "SH.600000", volume: 1_000, costPrice: 10 }],
  });
  const place = (req: Parameters<Broker["placeOrder"]>[1]) => broker.placeOrder("acc1", req);
  const cancel = (orderId: string) => broker.cancelOrder("acc1", { orderId, clOrderId: "" });
  const status = (orderId: string) => orderReports(broker, "acc1", orderId).at(-1)?.status;
  /** A buy `ticks` above ask 1 (crossing the book, inside the price cage). */
  const crossingBuy = (volume: number, ticks = 2) => {
    const ask1 = broker.snapshot(1, "600000")?.askPrice[0] ?? 0;
    return { ...buy("SH.600000", 1, volume), price: ask1 + ticks * 100 };
  };
  /** A sell `ticks` below bid 1. */
  const crossingSell = (volume: number, ticks = 2) => {
    const bid1 = broker.snapshot(1, "600000")?.bidPrice[0] ?? 0;
    return { ...sell("SH.600000", 1, volume), price: bid1 - ticks * 100 };
  };
  return { broker, moveTo, place, cancel, status, crossingBuy, crossingSell };
}

describe("09:25–09:30: accepted, not processed until continuous trading", () => {
  it("refuses cancels at 09:24:59.999, holds orders and cancels from 09:25 to 09:29:59.999, processes them at 09:30", () => {
    const { broker, moveTo, place, cancel, status, crossingBuy } = preOpenBroker();
    moveTo("09:20:00.000");
    const inAuction = expectOk(place(buy("SH.600000", 9.5, 100)));
    moveTo("09:24:59.999");
    expect(cancel(inAuction).errorCode).toBe(ErrorCode.CANCEL_NOT_ALLOWED_NOW);

    // 09:25: the auction has uncrossed; a crossing buy and a market sell are accepted and held by
    // the broker (PendingNew: not at the exchange yet), their cash and shares reserved.
    moveTo("09:25:00.000");
    const open = broker.stepMarket().find((m) => m.code === "600000");
    const held = expectOk(place(crossingBuy(300)));
    const heldMarket = expectOk(place(market("SH.600000", Side.Ask, 100)));
    expect(status(held)).toBe(OrderStatus.PendingNew);
    expect(status(heldMarket)).toBe(OrderStatus.PendingNew);
    expect(broker.books("acc1").cash.frozen).toBeGreaterThan(0);
    // A cancel of an order at the exchange is accepted (Canceling) and held too.
    const canceling = cancel(inAuction);
    expect(canceling).toMatchObject({ errorCode: 0, status: OrderStatus.Canceling });

    // 09:29:59.999: nothing processed, the market has not traded.
    moveTo("09:29:59.999");
    const still = broker.stepMarket().find((m) => m.code === "600000");
    expect(still?.volume).toBe(open?.volume);
    expect(still?.last).toBe(open?.last);
    expect(tradesOf(broker, "acc1", held)).toEqual([]);
    expect(tradesOf(broker, "acc1", heldMarket)).toEqual([]);
    expect(status(inAuction)).toBe(OrderStatus.Canceling);

    // 09:30: processed in arrival order, at 09:30:00.000.
    moveTo("09:30:00.000");
    const placedAt930 = expectOk(place(crossingBuy(100)));
    const fills = tradesOf(broker, "acc1", held);
    expect(fills.reduce((sum, t) => sum + t.volume, 0)).toBe(300);
    expect(fills.every((t) => t.tradeTime === 93_000_000)).toBe(true);
    expect(status(held)).toBe(OrderStatus.Filled);
    expect(tradesOf(broker, "acc1", heldMarket).reduce((sum, t) => sum + t.volume, 0)).toBe(100);
    expect(orderReports(broker, "acc1", inAuction).at(-1)).toMatchObject({
      status: OrderStatus.CancelFilled,
      updateTime: 93_000_000,
    });
    // From 09:30 an order is matched on arrival.
    expect(status(placedAt930)).toBe(OrderStatus.Filled);
  });

  it("still takes orders at 09:29:59.999; a held order cancelled before 09:30 is withdrawn at once and never reaches the exchange", () => {
    const { broker, moveTo, place, cancel, status, crossingBuy, crossingSell } = preOpenBroker();
    moveTo("09:29:59.999");
    const held = expectOk(place(crossingBuy(200)));
    expect(cancel(held)).toMatchObject({ errorCode: 0, status: OrderStatus.Canceling });
    expect(status(held)).toBe(OrderStatus.CancelFilled);
    expect(cancel(held).errorCode).toBe(ErrorCode.CANCEL_ALREADY_FINAL);
    const sold = expectOk(place(crossingSell(100)));
    expect(tradesOf(broker, "acc1", sold)).toEqual([]);
    // Nothing reached the exchange yet, so nothing counts as a programmatic-trading request.
    expect(broker.programmaticCounts("acc1")).toMatchObject({ orders: 0, cancels: 0 });
    moveTo("09:30:00.000");
    broker.stepMarket();
    expect(tradesOf(broker, "acc1", held)).toEqual([]);
    expect(tradesOf(broker, "acc1", sold).length).toBeGreaterThan(0);
    expect(broker.programmaticCounts("acc1")).toMatchObject({ orders: 1, cancels: 0 });
  });

  it("puts held limit orders through the price cage at 09:30: SSE refuses (2017, reservations released), SZSE holds", () => {
    const { broker, moveTo, place, status } = preOpenBroker();
    /** A buy 11 ticks past the cage (2% or 10 ticks above ask 1), inside the daily limit. */
    const outsideBuy = (market: number, code: string) => {
      const s = broker.snapshot(market, code);
      const ask1 = s?.askPrice[0] ?? 0;
      return {
        ...buy(`${market === 1 ? "SH" : "SZ"}.${code}`, 1, 100),
        price: pastMainBoardCage(ask1, s?.limitUp ?? 0),
      };
    };
    moveTo("09:26:00.000");
    const sse = expectOk(place(outsideBuy(1, "600000")));
    const szse = expectOk(place(outsideBuy(2, "000001")));
    expect(status(sse)).toBe(OrderStatus.PendingNew);
    moveTo("09:30:00.000");
    broker.stepMarket();
    expect(orderReports(broker, "acc1", sse).at(-1)).toMatchObject({
      status: OrderStatus.Rejected,
      errorCode: ErrorCode.ORDER_OUTSIDE_PRICE_CAGE,
      updateTime: 93_000_000,
    });
    expect(orderReports(broker, "acc1", sse).at(-1)?.errorMsg).toMatch(/above the price cage/);
    expect(status(szse)).toBe(OrderStatus.New);
    expect(tradesOf(broker, "acc1", szse)).toEqual([]);
    // Only the held SZSE order still reserves cash.
    const szseOrder = orderReports(broker, "acc1", szse).at(-1);
    expect(broker.books("acc1").cash.frozen).toBeGreaterThanOrEqual((szseOrder?.price ?? 0) * 100);
    expect(broker.books("acc1").cash.frozen).toBeLessThan((szseOrder?.price ?? 0) * 100 * 2);
  });

  it("processes what was held at 09:30 when the clock jumps from the pre-open past it", () => {
    const { broker, moveTo, place, status, crossingBuy } = preOpenBroker();
    moveTo("09:26:00.000");
    const held = expectOk(place(crossingBuy(100)));
    moveTo("10:15:00.000");
    broker.stepMarket();
    expect(status(held)).toBe(OrderStatus.Filled);
    expect(tradesOf(broker, "acc1", held).every((t) => t.tradeTime === 93_000_000)).toBe(true);
  });
});
