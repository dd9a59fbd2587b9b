import { Direction } from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { type BarData, FastBacktestEngine, readBarCsv, StrategyTemplate } from "../src/index.js";

// vnpy DataManager's export header (vnpy_datamanager/engine.py, output_data_to_csv).
const BARS = `symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest
600000,SSE,2026-12-01 09:30:00,7.30,7.32,7.28,7.31,10000,73100,0
600000,SSE,2026-12-01 09:31:00,7.29,7.33,7.27,7.32,8000,58560,0
600000,SSE,2026-12-02 09:30:00,7.36,7.40,7.35,7.38,9000,66420,0
600000,SSE,2026-12-02 09:31:00,7.37,7.39,7.30,7.31,9000,66000,0
`;

/** Buys on the first bar at 7.30 (and at 7.20, which no bar reaches), sells on the third (the next day) at 7.36. */
class ThreeBars extends StrategyTemplate {
  parameters = {};
  variables = { bars: 0 };
  override onBar(_bar: BarData): void {
    this.variables.bars += 1;
    if (this.variables.bars === 1) {
      this.buy(7.3, 100);
      this.buy(7.2, 100);
    }
    if (this.variables.bars === 3) this.sell(7.36, this.pos);
  }
}

describe("bar backtest", () => {
  it("reads vnpy's exported bars, naming a bad row", () => {
    const bars = [...readBarCsv(BARS)];
    expect(bars).toHaveLength(4);
    expect(bars[0]).toMatchObject({
      vtSymbol: "600000.SSE",
      openPrice: 7.3,
      highPrice: 7.32,
      volume: 10_000,
      interval: 1,
    });
    expect(bars[0]!.datetime.toISOString()).toBe("2026-12-01T01:30:00.000Z");
    const bad = BARS.replace("7.36,7.40,7.35", "7.36,7.30,7.35");
    expect(() => [...readBarCsv(bad, { source: "bars.csv" })]).toThrow(
      /bars\.csv line 4, column high: 7\.3 is below/,
    );
  });

  it("fills an order on the next bar that reaches it, at the open when the open is better", async () => {
    const result = await new FastBacktestEngine().run({
      strategyClass: ThreeBars,
      strategyName: "three",
      vtSymbols: ["600000.SSE"],
      bars: readBarCsv(BARS),
    });
    expect(result.barCount).toBe(4);
    // Buy 7.30 placed on bar 1; bar 2 opens at 7.29 (below the limit): filled at 7.29.
    // Sell 7.36 placed on bar 3; bar 4 reaches 7.39 but opens at 7.37 (above the limit): filled at 7.37.
    expect(result.trades.map((t) => [t.direction, t.price, t.datetime.toISOString().slice(11, 16)])).toEqual([
      [Direction.LONG, 7.29, "01:31"],
      [Direction.SHORT, 7.37, "01:31"],
    ]);
  });

  it("wants ticks or bars, not both or neither", async () => {
    const job = { strategyClass: ThreeBars, strategyName: "x", vtSymbols: ["600000.SSE"] };
    await expect(new FastBacktestEngine().run(job)).rejects.toThrow(/ticks or bars \(exactly one\)/);
  });
});
