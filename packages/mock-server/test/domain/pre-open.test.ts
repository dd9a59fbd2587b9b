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

    // 09:25: the auction has uncrossed; a crossing buy and a market sell are accepted and held.
    moveTo("09:25:00.000");
    const open = broker.stepMarket().find((m) => m.code === "600000");
    const held = expectOk(place(crossingBuy(300)));
    const heldMarket = expectOk(place(market("SH.600000", Side.Ask, 100)));
    expect(status(held)).toBe(OrderStatus.New);
    expect(status(heldMarket)).toBe(OrderStatus.New);
    // A cancel is accepted (Canceling) and held too.
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

  it("still takes orders at 09:29:59.999 without matching them, and a held order can be cancelled before it is processed", () => {
    const { broker, moveTo, place, cancel, status, crossingBuy, crossingSell } = preOpenBroker();
    moveTo("09:29:59.999");
    const held = expectOk(place(crossingBuy(200)));
    expect(cancel(held)).toMatchObject({ errorCode: 0, status: OrderStatus.Canceling });
    // A second cancel of the same order is already pending.
    expect(cancel(held).errorCode).toBe(ErrorCode.CANCEL_ALREADY_PENDING);
    const sold = expectOk(place(crossingSell(100)));
    expect(tradesOf(broker, "acc1", sold)).toEqual([]);
    moveTo("09:30:00.000");
    broker.stepMarket();
    // The order came first, so it was processed first (filled at 09:30), then its cancel found it final.
    const fills = tradesOf(broker, "acc1", held);
    expect(fills.reduce((sum, t) => sum + t.volume, 0)).toBe(200);
    expect(status(held)).toBe(OrderStatus.Filled);
    expect(tradesOf(broker, "acc1", sold).length).toBeGreaterThan(0);
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
