import { describe, expect, it } from "vitest";
import {
  type ContractRules,
  checkOrder as checkIn,
  type OrderDraft,
  scalePrice,
} from "../src/shared/order-checks.js";

/** The problems' English texts, which most cases below match. */
const checkOrder = (draft: OrderDraft, contract: ContractRules | undefined) =>
  checkIn(draft, contract, "en").map((p) => p.text);

const MAIN: ContractRules = {
  vtSymbol: "600000.SSE",
  pricetick: 0.01,
  minVolume: 100,
  volumeStep: 100,
  limitUp: 12.98,
  limitDown: 10.62,
};
const STAR: ContractRules = {
  vtSymbol: "688981.SSE",
  pricetick: 0.01,
  minVolume: 200,
  volumeStep: 1,
  limitUp: 134.82,
  limitDown: 89.88,
};
const buy = (price: number, volume: number) => ({
  direction: "LONG" as const,
  type: "LIMIT" as const,
  price,
  volume,
});

describe("checkOrder", () => {
  it("says each problem in the page's language and names its field", () => {
    expect(checkIn(buy(11.805, 150), MAIN, "zh-CN")).toEqual([
      { field: "volume", text: "买入数量 150 不是整手（100 股）的整数倍" },
      { field: "price", text: "价格 11.805 不是最小价位 0.01 的整数倍" },
    ]);
    expect(checkIn(buy(11.8, 100), undefined, "zh-CN")).toEqual([
      { field: "instrument", text: "未知合约：请在行情表中选择（合约信息在交易登录后加载）" },
    ]);
  });

  it("passes a valid limit buy", () => {
    expect(checkOrder(buy(11.8, 300), MAIN)).toEqual([]);
    expect(checkOrder(buy(12.98, 100), MAIN)).toEqual([]);
    expect(checkOrder(buy(10.62, 100), MAIN)).toEqual([]);
  });

  it("refuses buys outside the lot", () => {
    expect(checkOrder(buy(11.8, 150), MAIN)).toEqual([
      "buy volume 150 is not a multiple of the lot (100 shares)",
    ]);
    expect(checkOrder(buy(11.8, 50), MAIN)[0]).toContain("below the minimum of 100");
    expect(checkOrder(buy(11.8, 0), MAIN)[0]).toContain("not a positive whole number");
    expect(checkOrder(buy(11.8, 100.5), MAIN)[0]).toContain("not a positive whole number");
  });

  it("applies the STAR board's 200 + steps of 1", () => {
    expect(checkOrder(buy(112.35, 201), STAR)).toEqual([]);
    expect(checkOrder(buy(112.35, 199), STAR)[0]).toContain("below the minimum of 200");
  });

  it("lets sells be odd lots (the broker checks holdings)", () => {
    expect(checkOrder({ direction: "SHORT", type: "LIMIT", price: 11.8, volume: 37 }, MAIN)).toEqual([]);
  });

  it("checks the tick with exact scaled integers", () => {
    expect(checkOrder(buy(11.805, 100), MAIN)).toEqual(["price 11.805 is not a multiple of the tick 0.01"]);
    expect(checkOrder(buy(0.1 + 0.2 + 11, 100), MAIN)).toEqual([]);
    expect(checkOrder(buy(2.01, 100), { ...MAIN, limitUp: undefined, limitDown: undefined })).toEqual([]);
  });

  it("checks the daily price limits", () => {
    expect(checkOrder(buy(12.99, 100), MAIN)).toEqual([
      "price 12.99 is above the limit-up price 12.98 of 600000.SSE",
    ]);
    expect(checkOrder(buy(10.61, 100), MAIN)).toEqual([
      "price 10.61 is below the limit-down price 10.62 of 600000.SSE",
    ]);
  });

  it("applies the board's order cap, as the gateway does", () => {
    expect(checkOrder(buy(112.35, 100_000), STAR)).toEqual([]);
    expect(checkOrder(buy(112.35, 100_001), STAR)).toEqual([
      "volume 100001 is above the maximum of 100000 shares per limit order on STAR",
    ]);
    expect(checkOrder({ direction: "SHORT", type: "MARKET", price: 0, volume: 50_001 }, STAR)).toEqual([
      "volume 50001 is above the maximum of 50000 shares per market order on STAR",
    ]);
  });

  it("ignores the price of market orders", () => {
    expect(checkOrder({ direction: "LONG", type: "MARKET", price: Number.NaN, volume: 100 }, MAIN)).toEqual(
      [],
    );
  });

  it("needs a contract", () => {
    expect(checkOrder(buy(11.8, 100), undefined)[0]).toContain("unknown instrument");
  });
});

describe("scalePrice", () => {
  it("scales by 10,000 exactly and refuses more than 4 decimals", () => {
    expect(scalePrice(2.01)).toBe(20100);
    expect(scalePrice(1458.0001)).toBe(14580001);
    expect(scalePrice(1.00001)).toBeUndefined();
    expect(scalePrice(Number.NaN)).toBeUndefined();
  });
});
