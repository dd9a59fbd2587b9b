/**
 * The price cage follows the simulated clock: with the default config of a `realtime` session it
 * applies in continuous trading only (09:30–11:30, 13:00–14:57), not in the call auctions nor in
 * 09:25–09:30. Edges: 09:29:59.999, 09:30, 11:29:59.999, 13:00, 14:56:59.999, 14:57.
 */
import { describe, expect, it } from "vitest";
import type { Broker } from "../../src/domain/index.js";
import { ErrorCode, OrderStatus } from "../../src/protocol/messages.js";
import {
  buy,
  expectOk,
  orderReports,
  pastMainBoardCage,
  simulatedDayBroker,
  tradesOf,
} from "../helpers/broker.js";

function clockBroker() {
  // No `rules.priceCage`: the default of a realtime session.
  const { broker, moveTo: advance } = simulatedDayBroker("09:14:00.000", { cash: 10_000_000 });
  const moveTo = (time: string) => {
    advance(time);
    broker.stepMarket();
  };
  /** A buy 11 ticks above 102% of ask 1: outside the cage (2% or 10 ticks) of a ~10-yuan stock. */
  const outsideBuy = (symbol: "SH.600000" | "SZ.000001") => {
    const s = broker.snapshot(symbol === "SH.600000" ? 1 : 2, symbol.slice(3));
    const ask1 = s?.askPrice[0] ?? 0;
    return { ...buy(symbol, 1, 100), price: pastMainBoardCage(ask1, s?.limitUp ?? 0) };
  };
  const place = (req: Parameters<Broker["placeOrder"]>[1]) => broker.placeOrder("acc1", req);
  return { broker, moveTo, outsideBuy, place };
}

describe("the price cage on the simulated clock", () => {
  it("SSE: no cage at 09:29:59.999 and 14:57; refused (2017) at 09:30, 11:29:59.999, 13:00 and 14:56:59.999", () => {
    const { moveTo, outsideBuy, place } = clockBroker();
    const outcome = (time: string) => {
      moveTo(time);
      return place(outsideBuy("SH.600000")).errorCode;
    };
    expect(outcome("09:20:00.000")).toBe(0);
    expect(outcome("09:29:59.999")).toBe(0);
    expect(outcome("09:30:00.000")).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
    expect(outcome("11:29:59.999")).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
    expect(outcome("13:00:00.000")).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
    expect(outcome("14:56:59.999")).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
    expect(outcome("14:57:00.000")).toBe(0);
  });

  it("SZSE: held from 09:30 (accepted, not matched), then takes part in the closing auction, uncrossed at 15:00 even when the clock jumps over 14:57–15:00", () => {
    const { broker, moveTo, outsideBuy, place } = clockBroker();
    moveTo("09:30:00.000");
    const req = outsideBuy("SZ.000001");
    const held = expectOk(place(req));
    expect(orderReports(broker, "acc1", held).at(-1)?.status).toBe(OrderStatus.New);
    expect(tradesOf(broker, "acc1", held)).toEqual([]);
    moveTo("14:56:59.999");
    expect(tradesOf(broker, "acc1", held)).toEqual([]);
    moveTo("15:00:00.000");
    const fills = tradesOf(broker, "acc1", held);
    expect(fills.reduce((sum, t) => sum + t.volume, 0)).toBe(100);
    expect(fills.every((t) => t.tradeTime === 150_000_000 && t.price <= req.price)).toBe(true);
  });
});
