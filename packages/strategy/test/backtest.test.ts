import { createTrade, Direction, Exchange } from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { MaCrossStrategy } from "../examples/ma-cross.js";
import {
  ASHARE_FEES,
  beijingDate,
  dailyResults,
  dailyToCsv,
  FastBacktestEngine,
  feeOf,
  readTickCsv,
  resultToJson,
  summarize,
  tradesToCsv,
} from "../src/index.js";
import { syntheticCsv } from "./synthetic-day.js";

const VT = "600000.SSE";

describe("readTickCsv", () => {
  it("reads tsgate replay rows, summing volume and turnover into the cumulative fields", () => {
    const ticks = [
      ...readTickCsv(
        "market,code,time,last,volume,bid1,ask1\nSH,600000,09:25:00,7.30,1000,7.29,7.31\nSH,600000,093003,7.32,200,,\n",
        { date: "2026-12-01" },
      ),
    ];
    expect(ticks).toHaveLength(2);
    expect(ticks[1]).toMatchObject({ vtSymbol: VT, lastPrice: 7.32, volume: 1200, turnover: 7300 + 1464 });
    expect(ticks[0]!.datetime.toISOString()).toBe("2026-12-01T01:25:00.000Z");
    expect(ticks[0]).toMatchObject({ bidPrice1: 7.29, askPrice1: 7.31 });
  });

  it("reads vnpy tick rows (Beijing datetime, cumulative volume)", () => {
    const text =
      "symbol,exchange,datetime,last_price,volume,turnover,bid_price_1,ask_price_1\n000001,SZSE,2026-12-01 09:30:00.500000,11.01,3000,33030,11.00,11.02\n";
    const [tick] = [...readTickCsv(text)];
    expect(tick).toMatchObject({
      vtSymbol: "000001.SZSE",
      lastPrice: 11.01,
      volume: 3000,
      bidPrice1: 11,
      askPrice1: 11.02,
    });
    expect(tick!.datetime.toISOString()).toBe("2026-12-01T01:30:00.500Z");
  });

  it("names the line and column of a bad value", () => {
    const bad = "market,code,time,last,volume\nSH,600000,09:30:00,7.30,100\nSH,600000,09:30:03,abc,100\n";
    expect(() => [...readTickCsv(bad, { date: "2026-12-01", source: "day.csv" })]).toThrow(
      'day.csv line 3, column last: expected a number ≥ 0, got "abc"',
    );
    expect(() => [...readTickCsv("market,code,time,last,volume\nSH,600000,09:30:00,7.30,100\n")]).toThrow(
      /column date/,
    );
  });
});

describe("daily results", () => {
  it("marks positions and fills to each day's close, after fees", () => {
    const at = (iso: string) => new Date(iso);
    const trade = (direction: Direction, price: number, datetime: Date, id: string) =>
      createTrade({
        gatewayName: "R",
        symbol: "600000",
        exchange: Exchange.SSE,
        orderid: id,
        tradeid: id,
        direction,
        price,
        volume: 1000,
        fee: feeOf(ASHARE_FEES, direction, price, 1000),
        datetime,
      });
    const trades = [
      trade(Direction.LONG, 10, at("2026-12-01T02:00:00Z"), "1"),
      trade(Direction.SHORT, 10.5, at("2026-12-02T02:00:00Z"), "2"),
    ];
    const closes = new Map([
      ["2026-12-01", new Map([[VT, 10.2]])],
      ["2026-12-02", new Map([[VT, 10.4]])],
    ]);
    // Day 1: 1000 × (10.20 − 10.00) = 200, fee max(5, 2.5) + 0.10 = 5.10.
    // Day 2: 1000 × (10.40 − 10.20) − 1000 × (10.40 − 10.50) = 300, fee 5 + 5.25 + 0.105 → 10.36.
    const daily = dailyResults(trades, closes, 100_000);
    expect(daily.map((d) => [d.grossPnl, d.fee, d.netPnl, d.balance])).toEqual([
      [200, 5.1, 194.9, 100_194.9],
      [300, 10.36, 289.64, 100_484.54],
    ]);
    const summary = summarize(daily, 100_000);
    expect(summary).toMatchObject({
      totalNetPnl: 484.54,
      totalFee: 15.46,
      totalTurnover: 20_500,
      tradeCount: 2,
      maxDrawdown: 0,
    });
    expect(summary.sharpeRatio).toBeGreaterThan(0);
  });

  it("measures the drawdown from the peak balance", () => {
    const closes = new Map([
      ["2026-12-01", new Map([[VT, 10]])],
      ["2026-12-02", new Map([[VT, 9]])],
    ]);
    const buy = createTrade({
      gatewayName: "R",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      tradeid: "1",
      direction: Direction.LONG,
      price: 10,
      volume: 100,
      fee: 0,
      datetime: new Date("2026-12-01T02:00:00Z"),
    });
    const summary = summarize(dailyResults([buy], closes, 1_000), 1_000);
    expect(summary.maxDrawdown).toBe(-100);
    expect(summary.maxDrawdownPercent).toBeCloseTo(-0.1, 10);
  });
});

describe("FastBacktestEngine", () => {
  const job = () => ({
    strategyClass: MaCrossStrategy,
    strategyName: "ma",
    vtSymbols: [VT],
    setting: { fastWindow: 3, slowWindow: 10 },
    ticks: readTickCsv(syntheticCsv(["2026-12-01", "2026-12-02", "2026-12-03"])),
  });

  it("runs the sample strategy's own code over replayed ticks and accounts for every fill", async () => {
    const result = await new FastBacktestEngine().run(job());
    const { trades, daily, summary } = result;
    expect(result.tickCount).toBe(3 * (1 + 2400 + 2340));
    expect(daily.map((d) => d.date)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03"]);
    expect(trades.length).toBeGreaterThanOrEqual(4);
    // T+1: a sell never fills on the day of the buy before it.
    for (let i = 1; i < trades.length; i += 2) {
      expect(beijingDate(trades[i]!.datetime) > beijingDate(trades[i - 1]!.datetime)).toBe(true);
    }
    // Buys and sells alternate (the strategy is flat or long 100) and never sell short.
    trades.forEach((t, i) => {
      expect(t.direction).toBe(i % 2 === 0 ? Direction.LONG : Direction.SHORT);
    });
    for (const t of trades) expect(t.fee).toBe(feeOf(ASHARE_FEES, t.direction, t.price, t.volume));
    expect(summary.tradeCount).toBe(trades.length);
    expect(summary.endBalance).toBeCloseTo(summary.capital + summary.totalNetPnl, 6);
    expect(summary.totalFee).toBeCloseTo(
      trades.reduce((a, t) => a + t.fee, 0),
      6,
    );
    expect(summary.totalTurnover).toBeCloseTo(
      trades.reduce((a, t) => a + t.price * t.volume, 0),
      6,
    );
  });

  it("gives the same trades on every run (no dependence on machine speed)", async () => {
    const key = (r: Awaited<ReturnType<FastBacktestEngine["run"]>>) =>
      r.trades.map((t) => `${t.datetime.toISOString()} ${t.direction} ${t.price}`);
    const [a, b] = [await new FastBacktestEngine().run(job()), await new FastBacktestEngine().run(job())];
    expect(key(a)).toEqual(key(b));
  });

  it("exports JSON and CSV", async () => {
    const result = await new FastBacktestEngine().run(job());
    expect(JSON.parse(resultToJson(result)).summary.tradeCount).toBe(result.trades.length);
    const tradeLines = tradesToCsv(result).trim().split("\n");
    expect(tradeLines[0]).toBe("datetime,vtSymbol,direction,price,volume,fee,vtOrderid,vtTradeid");
    expect(tradeLines).toHaveLength(result.trades.length + 1);
    expect(dailyToCsv(result).trim().split("\n")[1]).toMatch(/^2026-12-01,\d+,/);
  });
});
