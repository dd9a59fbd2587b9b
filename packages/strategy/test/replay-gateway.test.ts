import {
  createCancelRequest,
  createOrderRequest,
  createTick,
  Direction,
  EVENT_TRADE,
  Exchange,
  MainEngine,
  OrderType,
  Status,
  type TradeData,
} from "@tsgate/core";
import { afterAll, describe, expect, it } from "vitest";
import { ASHARE_FEES, orderFeeOf } from "../src/backtest/fees.js";
import { ReplayGateway } from "../src/backtest/replay-gateway.js";

const main = new MainEngine();
afterAll(() => main.close());

/** A tick whose last is its bid; `askVolume1` shown, `volume` cumulative for the day. */
function tick(second: number, bid: number, ask: number, day = 1, askVolume1 = 0, volume = 0) {
  return createTick({
    gatewayName: "REPLAY",
    symbol: "600000",
    exchange: Exchange.SSE,
    datetime: new Date(Date.UTC(2026, 11, day, 2, 0, second)),
    lastPrice: bid,
    bidPrice1: bid,
    bidVolume1: 1_000,
    askPrice1: ask,
    askVolume1,
    volume,
  });
}

async function settle() {
  while (main.eventEngine.pending > 0) await main.eventEngine.flush();
}

describe("ReplayGateway", () => {
  it("matches as the mock broker: the book on arrival at its prices, later ticks at the limit", async () => {
    const gateway = main.addGateway(ReplayGateway, "R1", { vtSymbols: ["600000.SSE"] });
    const trades: TradeData[] = [];
    main.eventEngine.register(EVENT_TRADE, (e) => trades.push(e.data));
    main.connect({}, "R1");
    gateway.feed(tick(0, 7.3, 7.31, 1, 100));
    await settle();
    const req = (direction: Direction, price: number) =>
      createOrderRequest({
        symbol: "600000",
        exchange: Exchange.SSE,
        direction,
        type: OrderType.LIMIT,
        volume: 200,
        price,
      });
    // Takes the 100 shown at 7.31 at once; the other 100 rests.
    const buy = main.sendOrder(req(Direction.LONG, 7.31), "R1");
    await settle();
    expect(trades.map((t) => [t.vtOrderid, t.price, t.volume])).toEqual([[buy, 7.31, 100]]);
    expect(main.getOrder(buy)?.status).toBe(Status.PARTTRADED);
    gateway.feed(tick(1, 7.29, 7.3, 1, 500)); // the ask crosses the resting rest: it fills at its limit
    await settle();
    expect(trades.map((t) => [t.vtOrderid, t.price, t.volume]).at(-1)).toEqual([buy, 7.31, 100]);
    expect(main.getOrder(buy)?.status).toBe(Status.ALLTRADED);
    const low = main.sendOrder(req(Direction.LONG, 7.28), "R1");
    await settle();
    expect(main.getOrder(low)?.status).toBe(Status.NOTTRADED); // nothing shown at or below 7.28
    gateway.feed(tick(2, 7.28, 7.29, 1, 500, 300)); // trades 300 at 7.28: the resting buy fills from them
    await settle();
    expect(trades.map((t) => [t.vtOrderid, t.price, t.volume]).at(-1)).toEqual([low, 7.28, 200]);
    // T+1: shares bought today cannot be sold today.
    const early = main.sendOrder(req(Direction.SHORT, 7.3), "R1");
    await settle();
    expect(main.getOrder(early)?.status).toBe(Status.REJECTED);
    expect(main.getOrder(early)?.statusMsg).toMatch(/T\+1: 600000\.SSE has 0 shares sellable today/);
    gateway.feed(tick(0, 7.29, 7.3, 2)); // the next day
    await settle();
    const sell = main.sendOrder(req(Direction.SHORT, 7.3), "R1");
    gateway.feed(tick(3, 7.29, 7.3, 2)); // bid below the limit: rests
    await settle();
    expect(trades).toHaveLength(3);
    main.cancelOrder(createCancelRequest(main.getOrder(sell)!), "R1");
    gateway.feed(tick(4, 7.35, 7.36, 2)); // would cross, but cancelled
    await settle();
    expect(trades).toHaveLength(3);
    expect(main.getOrder(sell)?.status).toBe(Status.CANCELLED);
  });

  it("rejects an order off the board lot or the price tick, saying which", async () => {
    main.addGateway(ReplayGateway, "R2", { vtSymbols: ["600000.SSE"] });
    main.connect({}, "R2");
    const send = (volume: number, price: number) =>
      main.sendOrder(
        createOrderRequest({
          symbol: "600000",
          exchange: Exchange.SSE,
          direction: Direction.LONG,
          type: OrderType.LIMIT,
          volume,
          price,
        }),
        "R2",
      );
    const [lot, tickSize] = [send(150, 7.3), send(100, 7.305)];
    await settle();
    expect(main.getOrder(lot)?.statusMsg).toMatch(/volume 150 is not a multiple of 100/);
    expect(main.getOrder(tickSize)?.statusMsg).toMatch(/price 7.305 is not a multiple of 0.01/);
  });

  it("charges the minimum commission once per order, however it fills, as the broker does", async () => {
    const gateway = main.addGateway(ReplayGateway, "R3", { vtSymbols: ["600000.SSE"] });
    const fees: [number, number][] = [];
    main.eventEngine.register(EVENT_TRADE, (e) => {
      if (e.data.gatewayName === "R3") fees.push([e.data.volume, e.data.fee]);
    });
    main.connect({}, "R3");
    gateway.feed(tick(0, 7.3, 7.31, 1, 100));
    const order = createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 300,
      price: 7.31,
    });
    main.sendOrder(order, "R3"); // takes the 100 shown
    gateway.feed(tick(1, 7.3, 7.31, 1, 200)); // the rest, at its limit
    await settle();
    expect(fees).toEqual([
      [100, 5.01], // the minimum commission and the first fill's transfer fee (0.00731 → 0.01)
      [200, 0.01], // 2,193 yuan so far: commission still below the minimum; transfer 0.02 in all
    ]);
    expect(fees.reduce((a, [, fee]) => a + fee, 0)).toBeCloseTo(
      orderFeeOf(ASHARE_FEES, Direction.LONG, 7.31 * 300),
      10,
    );
  });
});
