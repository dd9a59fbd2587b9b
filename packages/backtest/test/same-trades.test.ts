// The "Done when": one sample strategy gives the same trades in the full-path backtest,
// in the fast mode, and live against the mock servers fed the same data on their own clock.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSubscribeRequest, Exchange, MainEngine, type TradeData } from "@tsgate/core";
import { HftGateway } from "@tsgate/hft-gateway";
import { startMockServers } from "@tsgate/mock-server";
import { FastBacktestEngine, readTickCsv, StrategyEngine } from "@tsgate/strategy";
import { describe, expect, it } from "vitest";
import { backtestGatewaySetting, backtestMockConfig } from "../src/backtest-mock-config.js";
import { FullPathBacktestEngine } from "../src/full-path-backtest-engine.js";
import { BuyTheDipStrategy as BuyTheDip } from "./sample-strategy.js";
import { HOLD_ROWS, LEVELS, staircaseCsv } from "./staircase-day.js";

// BuyTheDip keeps one reference price: it trades one instrument.
const VT_SYMBOLS = ["600000.SSE"];
const CODES = ["600000"];
const job = (dates: string[]) => ({
  strategyClass: BuyTheDip,
  strategyName: "dip",
  vtSymbols: VT_SYMBOLS,
  ticks: readTickCsv(staircaseCsv(dates, CODES)),
});
/** What must agree: symbol, side, price, volume, in order (and, between backtests, the time). */
const shape = (t: TradeData) => `${t.vtSymbol} ${t.direction} ${t.volume}@${t.price}`;
const timed = (t: TradeData) => `${t.datetime.toISOString()} ${shape(t)}`;

describe("same trades in every mode", () => {
  it("full path and fast mode agree over two days (T+1 sells on the second)", async () => {
    const full = await new FullPathBacktestEngine().run(job(["2026-11-30", "2026-12-01"]));
    const fast = await new FastBacktestEngine().run(job(["2026-11-30", "2026-12-01"]));
    expect(full.trades.map(shape)).toEqual([
      "600000.SSE LONG 100@7.19",
      "600000.SSE SHORT 100@7.29",
      "600000.SSE LONG 100@7.19",
    ]);
    expect(full.trades.map(timed)).toEqual(fast.trades.map(timed));
    expect(full.tickCount).toBe(fast.tickCount);
    expect(full.daily).toEqual(fast.daily);
    expect(full.summary).toEqual(fast.summary);
  }, 120_000);

  it("live against the mock servers on their own clock gives the same trades", async () => {
    const fast = await new FastBacktestEngine().run(job(["2026-12-01"]));
    // The mock replays the same rows (without the date column: its day is its clock's).
    const csvPath = join(tmpdir(), `tsgate-live-${process.pid}.csv`);
    writeFileSync(csvPath, staircaseCsv(["2026-12-01"], CODES, false));
    const mock = await startMockServers({
      config: backtestMockConfig({
        csvPath,
        preCloses: new Map(VT_SYMBOLS.map((s, i) => [s, 7.3 + i * 0.01])),
        capital: 1_000_000,
        fees: { commissionRate: 0.00025, minCommission: 5, stampDutyRate: 0.0005, transferFeeRate: 0.00001 },
        sessionMode: "realtime",
      }),
      marketRateHz: 0,
      clock: { start: "2026-12-01T09:30:00+08:00", speed: 1 },
    });
    const main = new MainEngine();
    try {
      main.addGateway(HftGateway, "HFT");
      main.connect(backtestGatewaySetting(mock), "HFT");
      await main.waitForReady("HFT", 30_000);
      const engine = new StrategyEngine(main);
      engine.addStrategy(BuyTheDip, "dip", VT_SYMBOLS);
      await engine.initStrategy("dip");
      engine.startStrategy("dip");
      for (const vtSymbol of VT_SYMBOLS)
        main.subscribe(
          createSubscribeRequest({ symbol: vtSymbol.slice(0, 6), exchange: Exchange.SSE }),
          "HFT",
        );
      // Live: the market steps on its own timer, 10 rows a second; each price holds HOLD_ROWS rows
      // (1 s), the slack the strategy's reaction has on this shared machine.
      const done = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (mock.control.marketStats().steps > LEVELS.length * HOLD_ROWS + 5) {
            clearInterval(check);
            resolve();
          }
        }, 100);
      });
      mock.control.setMarketRate(10);
      await done;
      const own = main.getAllTrades().filter((t) => main.getOrder(t.vtOrderid)?.reference === "dip");
      expect(own.map(shape)).toEqual(fast.trades.map(shape));
      expect(own.length).toBe(1); // T+1: the recovery's sell is rejected, by the broker as by the fast mode
      engine.close();
    } finally {
      await main.close();
      await mock.close();
    }
  }, 120_000);
});
