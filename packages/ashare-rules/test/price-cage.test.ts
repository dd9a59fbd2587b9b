import { describe, expect, it } from "vitest";
import {
  type CageQuote,
  type ContractRules,
  cageBounds,
  cageRuleOf,
  checkOrderRules,
  isInsideCage,
} from "../src/index.js";
import { ruleReason } from "../src/rule-reasons.js";

const MAIN_SSE = { exchange: "SSE", board: "main", kind: "stock" } as const;
const MAIN_SZSE = { exchange: "SZSE", board: "main", kind: "stock" } as const;
const CHINEXT = { exchange: "SZSE", board: "chinext", kind: "stock" } as const;
const STAR = { exchange: "SSE", board: "star", kind: "stock" } as const;

describe("cageRuleOf (dated)", () => {
  it("main board: none before 2023-04-10, 2% or 10 ticks from then; SSE refuses, SZSE holds", () => {
    expect(cageRuleOf(MAIN_SSE, 20230407)).toBeUndefined();
    expect(cageRuleOf(MAIN_SSE, 20230410)).toEqual({ percent: 2, ticks: 10, action: "refuse" });
    expect(cageRuleOf(MAIN_SZSE, 20230410)).toEqual({ percent: 2, ticks: 10, action: "hold" });
  });

  it("ChiNext: 2% from 2020-08-24, the 10-tick arm from 2023-04-10", () => {
    expect(cageRuleOf(CHINEXT, 20200821)).toBeUndefined();
    expect(cageRuleOf(CHINEXT, 20200824)).toEqual({ percent: 2, ticks: 0, action: "hold" });
    expect(cageRuleOf(CHINEXT, 20230410)).toEqual({ percent: 2, ticks: 10, action: "hold" });
  });

  it("STAR: none before its first trading day 2019-07-22", () => {
    expect(cageRuleOf(STAR, 20190719)).toBeUndefined();
    expect(cageRuleOf(STAR, 20190722)).toEqual({ percent: 2, ticks: 0, action: "refuse" });
  });

  it("STAR: 2% without a tick arm; funds have no cage", () => {
    expect(cageRuleOf(STAR, 20261202)).toEqual({ percent: 2, ticks: 0, action: "refuse" });
    expect(cageRuleOf({ exchange: "SSE", board: "main", kind: "fund" }, 20261202)).toBeUndefined();
  });
});

describe("cageBounds", () => {
  const rule = { percent: 2, ticks: 10, action: "refuse" } as const;

  it("takes the 10-tick arm for cheap stocks and 2% for dear ones", () => {
    // Ask 3.00: 2% is 3.06, 10 ticks 3.10 → 3.10. Bid 2.99: 98% is 2.9302 → 2.94, −10 ticks 2.89 → 2.89.
    const cheap: CageQuote = { bestBid: 29_900, bestAsk: 30_000, preClose: 30_000 };
    expect(cageBounds(rule, "stock", cheap)).toEqual({ maxBuy: 31_000, minSell: 28_900 });
    // Ask 100.00: 102.00 vs 100.10 → 102.00. Bid 99.99: 97.9902 → 98.00 (up to the tick), vs 99.89 → 98.00.
    const dear: CageQuote = { bestBid: 999_900, bestAsk: 1_000_000, preClose: 1_000_000 };
    expect(cageBounds(rule, "stock", dear)).toEqual({ maxBuy: 1_020_000, minSell: 980_000 });
  });

  it("edges: the bound itself is inside, one tick past it is not", () => {
    const q: CageQuote = { bestBid: 999_900, bestAsk: 1_000_000, preClose: 1_000_000 };
    expect(isInsideCage(rule, "stock", "buy", 1_020_000, q)).toBe(true);
    expect(isInsideCage(rule, "stock", "buy", 1_020_100, q)).toBe(false);
    expect(isInsideCage(rule, "stock", "sell", 980_000, q)).toBe(true);
    expect(isInsideCage(rule, "stock", "sell", 979_900, q)).toBe(false);
  });

  it("falls back from the opposite side to the same side, the last price, the previous close", () => {
    const star = { percent: 2, ticks: 0, action: "refuse" } as const;
    expect(cageBounds(star, "stock", { bestBid: 100_000, preClose: 50_000 }).maxBuy).toBe(102_000);
    expect(cageBounds(star, "stock", { last: 200_000, preClose: 50_000 }).maxBuy).toBe(204_000);
    expect(cageBounds(star, "stock", { preClose: 50_000 })).toEqual({ maxBuy: 51_000, minSell: 49_000 });
  });
});

describe("checkOrderRules with a cage", () => {
  const c: ContractRules = { vtSymbol: "000001.SZSE", pricetick: 0.01, minVolume: 100, volumeStep: 100 };
  const cage = {
    rule: { percent: 2, ticks: 10, action: "hold" as const },
    kind: "stock" as const,
    quote: { bestBid: 114_900, bestAsk: 115_000, preClose: 115_200 },
  };
  it("names the bound and what the exchange does", () => {
    // 11.50 × 1.02 = 11.73; + 10 ticks = 11.60 → 11.73.
    const buy = { direction: "LONG" as const, type: "LIMIT" as const, volume: 100 };
    expect(checkOrderRules({ ...buy, price: 11.73 }, c, cage)).toEqual([]);
    const refused = checkOrderRules({ ...buy, price: 11.74 }, c, cage);
    expect(refused).toEqual([
      { code: "cage-buy", params: { price: "11.74", cage: "11.73", vtSymbol: "000001.SZSE", held: true } },
    ]);
    expect(refused.map((v) => ruleReason("en", v))).toEqual([
      "buy price 11.74 is above the price cage 11.73 of 000001.SZSE (the exchange holds it until the cage reaches it)",
    ]);
  });
});
