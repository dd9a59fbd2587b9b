import {
  createOrderRequest,
  createTick,
  Direction,
  EVENT_TRADE,
  Exchange,
  MainEngine,
  OrderType,
  type TradeData,
} from "@tsgate/core";
import { expect, it } from "vitest";
import { ASHARE_FEES, feeOf, orderFeeOf } from "../src/backtest/fees.js";
import { ReplayGateway } from "../src/backtest/replay-gateway.js";

it("rounds each fee part half up to the fen, as the mock broker does", () => {
  // 730 yuan sold: commission 0.1825 → minimum 5; stamp duty 0.365 → 0.37; transfer 0.0073 → 0.01.
  expect(feeOf(ASHARE_FEES, Direction.SHORT, 7.3, 100)).toBe(5.38);
  // 100,000 yuan bought: commission 25; transfer 1.
  expect(orderFeeOf(ASHARE_FEES, Direction.LONG, 100_000)).toBe(26);
  expect(orderFeeOf(ASHARE_FEES, Direction.LONG, 0)).toBe(0);
});

it("charges the minimum commission once per order, however it fills", async () => {
  const main = new MainEngine();
  try {
    const gateway = main.addGateway(ReplayGateway, "R", { vtSymbols: ["600000.SSE"] });
    const trades: TradeData[] = [];
    main.eventEngine.register(EVENT_TRADE, (e) => trades.push(e.data));
    main.connect({}, "R");
    const tick = (askPrice1: number, askVolume1: number, second: number) =>
      createTick({
        gatewayName: "R",
        symbol: "600000",
        exchange: Exchange.SSE,
        datetime: new Date(Date.UTC(2026, 11, 1, 2, 0, second)),
        lastPrice: 7.3,
        bidPrice1: 7.29,
        bidVolume1: 1000,
        askPrice1,
        askVolume1,
      });
    gateway.feed(tick(7.31, 100, 0));
    main.sendOrder(
      createOrderRequest({
        symbol: "600000",
        exchange: Exchange.SSE,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        volume: 300,
        price: 7.31,
      }),
      "R",
    );
    gateway.feed(tick(7.31, 200, 1));
    while (main.eventEngine.pending > 0) await main.eventEngine.flush();
    expect(trades.map((t) => [t.volume, t.fee])).toEqual([
      [100, 5.01], // the minimum commission and the first fill's transfer fee (0.00731 → 0.01)
      [200, 0.01], // 2,193 yuan so far: commission still below the minimum; transfer 0.02 in all
    ]);
    expect(trades.reduce((a, t) => a + t.fee, 0)).toBeCloseTo(
      orderFeeOf(ASHARE_FEES, Direction.LONG, 7.31 * 300),
      10,
    );
  } finally {
    await main.close();
  }
});
