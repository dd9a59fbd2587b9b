import { readTickCsv } from "@tsgate/strategy";
import { describe, expect, it } from "vitest";
import { FullPathBacktestEngine } from "../src/full-path-backtest-engine.js";
import { BuyTheDipStrategy as BuyTheDip } from "./sample-strategy.js";
import { staircaseCsv } from "./staircase-day.js";

describe("FullPathBacktestEngine", () => {
  it("replays every row through the gateway, with the broker's fees on the fills", async () => {
    const result = await new FullPathBacktestEngine().run({
      strategyClass: BuyTheDip,
      strategyName: "dip",
      vtSymbols: ["600000.SSE"],
      ticks: readTickCsv(staircaseCsv(["2026-12-01"])),
    });
    expect(result.engine).toBe("full-path");
    expect(result.tickCount).toBe(90);
    expect(result.trades.map((t) => [t.datetime.toISOString(), t.direction, t.price, t.fee])).toEqual([
      // 7.18 at 09:31:00 is the dip: the buy at its ask takes it at once (719 yuan: 5 + 0.007).
      ["2026-12-01T01:31:00.000Z", "LONG", 7.19, 5.01],
    ]);
  }, 120_000);

  it("refuses ticks that are not in lockstep, naming the instrument and the moment", async () => {
    const csv = `${staircaseCsv(["2026-12-01"], ["600000", "600001"]).trim().split("\n").slice(0, -1).join("\n")}\n`;
    await expect(
      new FullPathBacktestEngine().run({
        strategyClass: BuyTheDip,
        strategyName: "dip",
        vtSymbols: ["600000.SSE", "600001.SSE"],
        ticks: readTickCsv(csv),
      }),
    ).rejects.toThrow(/at 2026-12-01T01:34:27\.000Z: no tick of 600001\.SSE/);
  });

  it("stops at a row the broker does not trade (the lunch break in realtime sessions), naming its time", async () => {
    const csv = `date,market,code,time,last,volume,bid1,bidVol1,ask1,askVol1
2026-12-01,SH,600000,11:29:57,7.30,100,7.29,5000,7.31,5000
2026-12-01,SH,600000,12:00:00,7.30,100,7.29,5000,7.31,5000
`;
    const job = { strategyClass: BuyTheDip, strategyName: "dip", vtSymbols: ["600000.SSE"] };
    await expect(new FullPathBacktestEngine().run({ ...job, ticks: readTickCsv(csv) })).rejects.toThrow(
      /at 2026-12-01T04:00:00\.000Z: the broker published 0 of 1 rows/,
    );
    const open = await new FullPathBacktestEngine({ sessionMode: "always-open" }).run({
      ...job,
      ticks: readTickCsv(csv),
    });
    expect(open.tickCount).toBe(2);
  }, 120_000);

  it("stops at a row inside a call auction, where the broker shows its own price, naming its time", async () => {
    const csv = `date,market,code,time,last,volume,bid1,bidVol1,ask1,askVol1
2026-12-01,SH,600000,14:56:57,7.30,100,7.29,5000,7.31,5000
2026-12-01,SH,600000,14:58:00,7.40,100,7.39,5000,7.41,5000
`;
    await expect(
      new FullPathBacktestEngine().run({
        strategyClass: BuyTheDip,
        strategyName: "dip",
        vtSymbols: ["600000.SSE"],
        ticks: readTickCsv(csv),
      }),
    ).rejects.toThrow(/at 2026-12-01T06:58:00\.000Z: the broker published its own prices, not the rows/);
  }, 120_000);

  it("refuses bars: the mock replays ticks", async () => {
    await expect(
      new FullPathBacktestEngine().run({
        strategyClass: BuyTheDip,
        strategyName: "dip",
        vtSymbols: ["600000.SSE"],
        bars: [],
      }),
    ).rejects.toThrow(/the full-path backtest replays ticks/);
  });
});
