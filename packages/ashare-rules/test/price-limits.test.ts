import { describe, expect, it } from "vitest";
import { dailyLimits, limitPercent, MAIN_ST_TEN_PERCENT_FROM, type SecurityProfile } from "../src/index.js";

const stock = (board: SecurityProfile["board"], riskWarning = false): SecurityProfile => ({
  exchange: board === "chinext" ? "SZSE" : "SSE",
  board,
  kind: "stock",
  riskWarning,
});

describe("limitPercent (dated)", () => {
  it("main-board ST: 5% on 2025-07-04, 10% from 2025-07-07 (notice of 2025-06-27)", () => {
    expect(MAIN_ST_TEN_PERCENT_FROM).toBe(20250707);
    expect(limitPercent(stock("main", true), 20250704)).toBe(5);
    expect(limitPercent(stock("main", true), 20250706)).toBe(5);
    expect(limitPercent(stock("main", true), 20250707)).toBe(10);
    expect(limitPercent(stock("main", true), 20261202)).toBe(10);
  });

  it("board and risk warning are separate: a ChiNext ST or STAR ST stock keeps 20%", () => {
    expect(limitPercent(stock("chinext", true), 20250704)).toBe(20);
    expect(limitPercent(stock("star", true), 20250704)).toBe(20);
    expect(limitPercent(stock("main"), 20250704)).toBe(10);
  });

  it("ChiNext: 10% before 2020-08-24, 20% from then", () => {
    expect(limitPercent(stock("chinext"), 20200821)).toBe(10);
    expect(limitPercent(stock("chinext"), 20200824)).toBe(20);
  });

  it("funds: 10%, whatever the name says", () => {
    expect(limitPercent({ board: "main", kind: "fund", riskWarning: false }, 20250704)).toBe(10);
  });
});

describe("dailyLimits", () => {
  it("rounds half up to the tick of the kind", () => {
    // 3.33 × 1.05 = 3.4965 → 3.50; × 0.95 = 3.1635 → 3.16.
    expect(dailyLimits(stock("main", true), 33_300, 20250704)).toEqual({
      limitUp: 35_000,
      limitDown: 31_600,
    });
    // 3.33 × 1.1 = 3.663 → 3.66; × 0.9 = 2.997 → 3.00.
    expect(dailyLimits(stock("main", true), 33_300, 20250707)).toEqual({
      limitUp: 36_600,
      limitDown: 30_000,
    });
    // An ETF at 4.621: 5.0831 → 5.083; 4.1589 → 4.159 (0.001 tick).
    const etf: SecurityProfile = { exchange: "SSE", board: "main", kind: "fund", riskWarning: false };
    expect(dailyLimits(etf, 46_210, 20250707)).toEqual({ limitUp: 50_830, limitDown: 41_590 });
  });
});
