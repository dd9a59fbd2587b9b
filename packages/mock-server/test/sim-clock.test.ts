/** The simulated clock through startMockServers and the control API, over TCP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demoConfigInput,
  ErrorCode,
  type MockServers,
  OrderType,
  parseMockConfig,
  Side,
  startMockServers,
} from "../src/index.js";
import { pastMainBoardCage } from "./helpers/broker.js";
import { ACCOUNT, startServers, tradeClient } from "./helpers/servers.js";

const MIN = 60_000;

describe("simulated clock", () => {
  let mock: MockServers;
  beforeAll(async () => {
    mock = await startServers({
      config: parseMockConfig({ ...structuredClone(demoConfigInput), sessionMode: "realtime" }),
      clock: { start: "2026-11-27T09:14:00+08:00", speed: 0 },
    });
  });
  afterAll(async () => {
    await mock.close();
  });

  it("drives sessions and the rollover; control reads and moves it", async () => {
    const c = await tradeClient(mock);
    const login = await c.login(ACCOUNT);
    expect(login).toMatchObject({ errorCode: 0, tradingDay: 20261127 });
    const order = (clOrderId: string) =>
      c.order({
        clOrderId,
        symbol: "SH.600000",
        orderType: OrderType.B5TC,
        side: Side.Ask,
        volume: 100,
        price: 0,
      });
    expect((await order("a")).errorCode).toBe(ErrorCode.ORDER_OUTSIDE_TRADING_HOURS);
    mock.control.advanceClock(16 * MIN); // 09:30
    expect(mock.control.clock()).toEqual({ time: new Date("2026-11-27T09:30:00+08:00"), speed: 0 });
    expect((await order("b")).errorCode).toBe(0);
    // To Monday 09:30: the broker rolls over on its next request.
    mock.control.advanceClock(3 * 1_440 * MIN);
    await c.close();
    const again = await tradeClient(mock);
    expect(await again.login(ACCOUNT)).toMatchObject({ errorCode: 0, tradingDay: 20261130 });
    await again.close();
    expect(() => mock.control.setClockSpeed(-2)).toThrow("expected a number ≥ 0");
  });

  it("refuses both now and clock, and a start that is not a time", async () => {
    await expect(startMockServers({ now: () => new Date(), clock: { start: new Date() } })).rejects.toThrow(
      "give either now or clock, not both",
    );
    await expect(startMockServers({ clock: { start: "Friday morning" } })).rejects.toThrow(
      "clock.start: expected a date or an ISO time",
    );
  });

  it("has no clock controls without a simulated clock", async () => {
    const plain = await startServers();
    expect(plain.control.clock()).toBeUndefined();
    expect(() => plain.control.advanceClock(1)).toThrow("no simulated clock");
    await plain.close();
  });
});

describe("the price cage over TCP on the simulated clock", () => {
  it("refuses an SSE limit buy outside the cage at 10:00 (2017) and accepts the same order in the closing auction at 14:57", async () => {
    const mock = await startServers({
      config: parseMockConfig({ ...structuredClone(demoConfigInput), sessionMode: "realtime" }),
      clock: { start: "2026-11-27T10:00:00+08:00", speed: 0 },
    });
    try {
      const c = await tradeClient(mock);
      expect((await c.login(ACCOUNT)).errorCode).toBe(0);
      const book = mock.broker.snapshot(1, "600000");
      const ask1 = book?.askPrice[0] ?? 0;
      const price = pastMainBoardCage(ask1, book?.limitUp ?? 0);
      const order = (clOrderId: string) =>
        c.order({
          clOrderId,
          symbol: "SH.600000",
          orderType: OrderType.LMT,
          side: Side.Bid,
          volume: 100,
          price,
        });
      expect((await order("caged")).errorCode).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
      mock.control.advanceClock((4 * 60 + 57) * MIN); // 14:57, the closing call auction
      expect((await order("auction")).errorCode).toBe(0);
      await c.close();
    } finally {
      await mock.close();
    }
  });
});
