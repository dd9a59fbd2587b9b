import { describe, expect, it } from "vitest";
import { type ContractRules, checkOrderRules, maxOrderVolume } from "../src/index.js";
import { ruleReason } from "../src/rule-reasons.js";

const contract = (vtSymbol: string, minVolume = 100, volumeStep = 100): ContractRules => ({
  vtSymbol,
  pricetick: 0.01,
  minVolume,
  volumeStep,
});
const draft = (type: "LIMIT" | "MARKET", volume: number) => ({
  direction: "SHORT" as const,
  type,
  price: 10,
  volume,
});

describe("order caps by board", () => {
  it("has the exchanges' caps", () => {
    expect(maxOrderVolume("star", "limit")).toBe(100_000);
    expect(maxOrderVolume("star", "market")).toBe(50_000);
    expect(maxOrderVolume("chinext", "limit")).toBe(300_000);
    expect(maxOrderVolume("chinext", "market")).toBe(150_000);
    expect(maxOrderVolume("main", "limit")).toBe(1_000_000);
    expect(maxOrderVolume("main", "market")).toBe(1_000_000);
  });

  it.each([
    ["688981.SSE", "LIMIT", 100_000, "per limit order on STAR"],
    ["688981.SSE", "MARKET", 50_000, "per market order on STAR"],
    ["300750.SZSE", "LIMIT", 300_000, "per limit order on ChiNext"],
    ["301001.SZSE", "MARKET", 150_000, "per market order on ChiNext"],
    ["600000.SSE", "LIMIT", 1_000_000, "per limit order on main board"],
    ["510300.SSE", "MARKET", 1_000_000, "per market order on main board"],
  ] as const)("%s %s: %i accepted, one more refused", (vt, type, cap, where) => {
    const c = contract(vt);
    expect(checkOrderRules(draft(type, cap), c)).toEqual([]);
    const refused = checkOrderRules(draft(type, cap + 1), c);
    expect(refused.map((v) => v.code)).toEqual(["max-volume"]);
    expect(refused.map((v) => ruleReason("en", v))).toEqual([
      `volume ${cap + 1} is above the maximum of ${cap} shares ${where}`,
    ]);
  });

  it("a contract's own tighter cap wins", () => {
    const c = { ...contract("600000.SSE"), maxVolume: 500 };
    const [first] = checkOrderRules(draft("LIMIT", 501), c);
    expect(first && ruleReason("en", first)).toBe("volume 501 is above the maximum of 500 shares per order");
    expect(first && ruleReason("zh-CN", first)).toBe("数量 501 超过该合约单笔委托上限 500 股");
  });
});
