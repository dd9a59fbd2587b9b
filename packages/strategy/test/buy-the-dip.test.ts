import { Direction, MainEngine } from "@tsgate/core";
import { expect, it } from "vitest";
import { BuyTheDip } from "../examples/buy-the-dip.js";
import { FastBacktestEngine, ReplayGateway, readTickCsv, StrategyEngine } from "../src/index.js";

const CSV = `date,market,code,time,last,volume,bid1,bidVol1,ask1,askVol1
2026-12-01,SH,600000,09:30:00,7.30,100,7.29,5000,7.31,5000
2026-12-01,SH,600000,09:30:03,7.18,100,7.17,5000,7.19,5000
2026-12-01,SH,600000,09:30:06,7.19,100,7.18,5000,7.19,5000
2026-12-01,SH,600000,09:30:09,7.31,100,7.30,5000,7.32,5000
2026-12-02,SH,600000,09:30:00,7.31,100,7.30,5000,7.32,5000
2026-12-02,SH,600000,09:30:03,7.33,100,7.32,5000,7.34,5000
`;

it("buys the dip and sells the recovery, each order taking the book it saw, as at the broker", async () => {
  const result = await new FastBacktestEngine().run({
    strategyClass: BuyTheDip,
    strategyName: "dip",
    vtSymbols: ["600000.SSE"],
    ticks: readTickCsv(CSV),
  });
  // 09:30:03 (7.18) is the dip: a buy at its ask 7.19 takes that ask at once. 09:30:09 (7.31) is
  // back above 7.30, but shares bought today cannot be sold today (T+1): that sell is rejected.
  // The next day, at 09:30:00 (7.31), a sell at the bid 7.30 takes that bid at once.
  expect(result.trades.map((t) => [t.datetime.toISOString(), t.direction, t.price])).toEqual([
    ["2026-12-01T01:30:03.000Z", Direction.LONG, 7.19],
    ["2026-12-02T01:30:00.000Z", Direction.SHORT, 7.3],
  ]);
  // As the broker charges, each part rounded half up to the fen: buy 719 yuan: commission 5 (the
  // minimum) + transfer 0.01 (0.00719) = 5.01; sell 730 yuan: 5 + stamp duty 0.37 (0.365) +
  // transfer 0.01 (0.0073) = 5.38.
  expect(result.summary.totalFee).toBe(10.39);
});

it("gives the same trades live, with ticks arriving on their own timers, as in the fast backtest", async () => {
  const fast = await new FastBacktestEngine().run({
    strategyClass: BuyTheDip,
    strategyName: "dip",
    vtSymbols: ["600000.SSE"],
    ticks: readTickCsv(CSV),
  });
  const main = new MainEngine();
  try {
    const gateway = main.addGateway(ReplayGateway, undefined, { vtSymbols: ["600000.SSE"] });
    const engine = new StrategyEngine(main);
    engine.addStrategy(BuyTheDip, "dip", ["600000.SSE"]);
    main.connect({}, gateway.gatewayName);
    await engine.initStrategy("dip");
    engine.startStrategy("dip");
    for (const tick of readTickCsv(CSV)) {
      gateway.feed(tick);
      // A live feed: the next tick comes on a later timer, with no explicit wait for the events.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const live = main.getAllTrades().map((t) => [t.datetime.toISOString(), t.direction, t.price]);
    expect(live).toEqual(fast.trades.map((t) => [t.datetime.toISOString(), t.direction, t.price]));
    engine.close();
  } finally {
    await main.close();
  }
});
