/**
 * A whole simulated trading day on the simulated clock, and the rollover to the next one: the
 * opening and closing call auctions (indicative price, single-price uncrossing), the lunch break,
 * the cancel windows, expiry of day orders, T+1 unlock, yesterday volume, new previous close and
 * limits, the weekend skipped and a holiday.
 */
import { describe, expect, it } from "vitest";
import type { Broker } from "../../src/domain/index.js";
import { SimClock } from "../../src/domain/sim-clock.js";
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

/** Friday 2026-11-27, 09:14:00 in Beijing. */
const FRIDAY_0914 = new Date("2026-11-27T09:14:00+08:00");
const MIN = 60_000;

function dayBroker(holidays: number[] = []) {
  const { broker, clock } = simulatedDayBroker(
    "09:14:00.000",
    { cash: 1_000_000, positions: [{ symbol: "SH.600000", volume: 1_000, costPrice: 10 }] },
    { holidays },
  );
  /** Moves the clock to `hhmm` (exchange time) of the clock's day, or of a later day `plusDays` ahead. */
  const at = (hhmm: string, plusDays = 0) => {
    const [h, m] = hhmm.split(":").map(Number) as [number, number];
    const target = new Date(FRIDAY_0914.getTime() + plusDays * 1_440 * MIN);
    target.setUTCHours(h - 8, m, 0, 0); // Beijing = UTC+8; the target dates here never cross UTC midnight
    const ms = target.getTime() - clock.nowMs();
    if (ms < 0) throw new Error(`cannot go back to ${hhmm}`);
    clock.advance(ms);
  };
  return { broker, clock, at };
}

describe("a simulated trading day and the rollover", () => {
  it("runs Friday's sessions, expires day orders, skips the weekend and rolls over to Monday", () => {
    const { broker: b, at } = dayBroker();
    const place = (req: Parameters<Broker["placeOrder"]>[1]) => b.placeOrder("acc1", req);
    // 09:14: closed.
    expect(place(buy("SH.600000", 9.21, 100)).errorCode).toBe(ErrorCode.ORDER_OUTSIDE_TRADING_HOURS);
    // 09:15 opening call auction: orders and cancels accepted...
    at("09:15");
    const early = expectOk(place(buy("SH.600000", 9.21, 100)));
    expect(b.cancelOrder("acc1", { orderId: early, clOrderId: "" }).errorCode).toBe(0);
    // A buy crossing the book waits for the uncrossing; level 1 shows the indicative price on both
    // sides with the volume that would execute; market orders are refused in the auction.
    const askBefore = b.snapshot(1, "600000")?.askPrice[0] ?? 0;
    const opening = expectOk(place({ ...buy("SH.600000", 1, 300), price: askBefore + 500 }));
    expect(place(market("SH.600000", Side.Bid, 100)).errorMsg).toMatch(
      /^market orders are accepted in continuous trading only/,
    );
    const [indicative] = b.stepMarket().filter((m) => m.code === "600000");
    expect(indicative?.bidPrice[0]).toBe(indicative?.askPrice[0]);
    expect(indicative?.bidVolume[0]).toBe(indicative?.askVolume[0]);
    expect(indicative?.bidVolume[0]).toBeGreaterThanOrEqual(300);
    expect(orderReports(b, "acc1", opening).at(-1)?.status).toBe(OrderStatus.New);
    // ...09:20–09:25 orders accepted, cancels refused.
    at("09:20");
    const locked = expectOk(place(buy("SH.600000", 9.21, 100)));
    expect(b.cancelOrder("acc1", { orderId: locked, clOrderId: "" }).errorCode).toBe(
      ErrorCode.CANCEL_NOT_ALLOWED_NOW,
    );
    // 09:25: the opening auction uncrosses at one price, which is the day's open.
    at("09:25");
    const openSnap = b.stepMarket().find((m) => m.code === "600000");
    const openFills = tradesOf(b, "acc1", opening);
    expect(openFills.reduce((sum, t) => sum + t.volume, 0)).toBe(300);
    expect(new Set(openFills.map((t) => t.price)).size).toBe(1);
    expect(openFills[0]?.price).toBe(indicative?.bidPrice[0]);
    expect(openFills[0]?.tradeTime).toBe(92_500_000);
    expect(openSnap?.open).toBe(openFills[0]?.price);
    // Continuous trading: the market moves; buy 200 shares that fill at once (marketable).
    at("09:30");
    expect(b.stepMarket().length).toBeGreaterThan(0);
    // At ask 1 + 2 ticks: inside the price cage (on in realtime mode), crossing the book.
    const ask1 = b.snapshot(1, "600000")?.askPrice[0] ?? 0;
    const bought = expectOk(place({ ...buy("SH.600000", 1, 200), price: ask1 + 200 }));
    expect(orderReports(b, "acc1", bought).at(-1)?.status).toBe(OrderStatus.Filled);
    // T+1: what was bought today cannot be sold today.
    expect(place(sell("SH.600000", 9.21, 1_100)).errorCode).toBe(ErrorCode.ORDER_T_PLUS_1);
    // Lunch break: closed, the market does not move.
    at("11:30");
    expect(place(buy("SH.600000", 9.21, 100)).errorCode).toBe(ErrorCode.ORDER_OUTSIDE_TRADING_HOURS);
    expect(b.stepMarket()).toEqual([]);
    at("13:00");
    for (let i = 0; i < 20; i++) b.stepMarket();
    // Closing call auction: no cancels; a sell crossing the book executes at the closing price.
    at("14:57");
    expect(b.cancelOrder("acc1", { orderId: locked, clOrderId: "" }).errorCode).toBe(
      ErrorCode.CANCEL_NOT_ALLOWED_NOW,
    );
    const bidBefore = b.snapshot(1, "600000")?.bidPrice[0] ?? 0;
    const closing = expectOk(place({ ...sell("SH.600000", 1, 100), price: bidBefore - 500 }));
    expect(tradesOf(b, "acc1", closing)).toEqual([]);
    at("15:00");
    expect(place(buy("SH.600000", 9.21, 100)).errorCode).toBe(ErrorCode.ORDER_OUTSIDE_TRADING_HOURS);
    const closeFills = tradesOf(b, "acc1", closing);
    expect(closeFills.reduce((sum, t) => sum + t.volume, 0)).toBe(100);
    expect(closeFills[0]?.tradeTime).toBe(150_000_000);
    const close = b.snapshot(1, "600000")?.last ?? 0;
    expect(close).toBe(closeFills[0]?.price);
    const friday = b.books("acc1").positions.find((p) => p.symbol === "SH.600000");
    expect(friday).toMatchObject({ volume: 1_400, ydVolume: 900, todayBuyVolume: 500 });

    // Saturday: no trading, no rollover.
    at("10:00", 1);
    expect(place(buy("SH.600000", 9.21, 100)).errorMsg).toBe(
      "no trading today (20261128: weekend or exchange holiday)",
    );
    expect(b.tradingDay).toBe(20261127);
    expect(b.stepMarket()).toEqual([]);

    // Monday 09:15: the next trading day.
    at("09:15", 3);
    expect(b.tradingDay).toBe(20261130);
    // Friday's open order expired at the rollover, with its reason.
    expect(orderReports(b, "acc1", locked).at(-1)).toMatchObject({
      status: OrderStatus.CancelFilled,
      errorMsg: "day order expired at the close of 20261127",
      tradingDay: 20261127,
    });
    // T+1 unlock: yesterday volume is everything held; sellable today.
    const monday = b.books("acc1").positions.find((p) => p.symbol === "SH.600000");
    expect(monday).toMatchObject({ volume: 1_400, ydVolume: 1_400, todayBuyVolume: 0, frozenVolume: 0 });
    expect(b.books("acc1").cash.frozen).toBe(0);
    // New previous close = Friday's last price, and the limits from it.
    const info = b.baseInfo(1, "600000");
    expect(info?.preClose).toBe(close);
    expect(info?.limitUp).toBe(Math.floor((close * 110 + 5_000) / 10_000) * 100);
    expect(info?.limitDown).toBe(Math.floor((close * 90 + 5_000) / 10_000) * 100);
    // New ids for the new day; the client order ids of Friday can be used again.
    at("09:30", 3);
    const again = place({ ...sell("SH.600000", 11, 1_400), clOrderId: "fri-1" });
    expect(again.errorCode).toBe(0);
    expect(again.orderId.startsWith("O20261130")).toBe(true);
  });

  it("skips a configured holiday", () => {
    const { broker: b, at } = dayBroker([20261130]);
    at("09:30", 3); // Monday, a holiday
    expect(b.tradingDay).toBe(20261127);
    expect(b.placeOrder("acc1", buy("SH.600000", 9.21, 100)).errorCode).toBe(
      ErrorCode.ORDER_OUTSIDE_TRADING_HOURS,
    );
    at("09:30", 4); // Tuesday
    expect(b.placeOrder("acc1", buy("SH.600000", 9.21, 100)).errorCode).toBe(0);
    expect(b.tradingDay).toBe(20261201);
  });
});

describe("SimClock", () => {
  it("runs at its speed from its start, steps by hand and changes speed without a jump", () => {
    let real = 1_000;
    const c = new SimClock({ start: new Date(0), speed: 60, realNow: () => real });
    real += 1_000;
    expect(c.nowMs()).toBe(60_000);
    c.advance(5_000);
    expect(c.nowMs()).toBe(65_000);
    c.setSpeed(0);
    real += 1_000;
    expect(c.nowMs()).toBe(65_000);
    expect(() => c.setSpeed(-1)).toThrow("SimClock speed: expected a number ≥ 0 (0 = stopped), got -1");
    expect(() => c.advance(-1)).toThrow("SimClock advance: expected ms ≥ 0, got -1");
    expect(() => new SimClock({ start: new Date(Number.NaN) })).toThrow(
      "SimClock start: expected a valid date",
    );
  });
});
