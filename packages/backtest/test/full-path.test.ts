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
