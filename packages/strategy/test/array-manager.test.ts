import { Exchange } from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { ArrayManager, type BarData } from "../src/index.js";

function bar(close: number, range = 0.2): BarData {
  return {
    symbol: "600000",
    exchange: Exchange.SSE,
    vtSymbol: "600000.SSE",
    datetime: new Date(0),
    interval: 1,
    openPrice: close,
    highPrice: close + range / 2,
    lowPrice: close - range / 2,
    closePrice: close,
    volume: 100,
    turnover: close * 100,
  };
}

describe("ArrayManager", () => {
  it("keeps the last `size` bars and is inited once full", () => {
    const am = new ArrayManager(3);
    for (const c of [1, 2, 3]) {
      expect(am.inited).toBe(false);
      am.updateBar(bar(c));
    }
    expect(am.inited).toBe(true);
    am.updateBar(bar(4));
    expect(am.close).toEqual([2, 3, 4]);
  });

  it("computes indicators over the bars held, NaN until enough", () => {
    const am = new ArrayManager(20);
    expect(am.sma(5)).toBeNaN();
    for (let i = 1; i <= 20; i++) am.updateBar(bar(i));
    expect(am.sma(5)).toBeCloseTo((16 + 17 + 18 + 19 + 20) / 5, 10);
    expect(am.rsi(14)).toBe(100); // only gains
    const flat = new ArrayManager(10);
    for (let i = 0; i < 10; i++) flat.updateBar(bar(7));
    expect(flat.boll(10, 2)).toEqual({ upper: 7, middle: 7, lower: 7 });
    expect(flat.macd(3, 6, 2).macd).toBeCloseTo(0, 10);
    expect(flat.ema(5)).toBeCloseTo(7, 10);
    expect(flat.atr(5)).toBeCloseTo(0.2, 10); // every true range is the bar's own 0.2
  });

  it("refuses a window larger than the bars it can hold", () => {
    expect(() => new ArrayManager(10).sma(11)).toThrow(/window: expected an integer 1–10, got 11/);
    expect(() => new ArrayManager(1)).toThrow(/size/);
  });
});
