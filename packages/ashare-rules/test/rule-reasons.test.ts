/** The rules' reasons: every code in both languages, the same parameters, no English in zh. */
import { describe, expect, it } from "vitest";
import { type CageCheck, type ContractRules, checkOrderRules, type OrderDraft } from "../src/order-rules.js";
import { RULE_REASONS, ruleReason } from "../src/rule-reasons.js";

/** The parameter names a render reads, each given as a distinct string. */
function paramsRead(render: (p: never) => string): string[] {
  const read = new Set<string>();
  const params = new Proxy(
    {},
    {
      get: (_target, key) => {
        read.add(String(key));
        return `<${String(key)}>`;
      },
    },
  );
  render(params as never);
  return [...read].sort();
}

const MAIN: ContractRules = {
  vtSymbol: "600000.SSE",
  pricetick: 0.01,
  minVolume: 100,
  volumeStep: 100,
  limitUp: 12.98,
  limitDown: 10.62,
};
const STAR: ContractRules = { ...MAIN, vtSymbol: "688981.SSE", minVolume: 200, volumeStep: 1 };
const buy = (price: number, volume: number): OrderDraft => ({
  direction: "LONG",
  type: "LIMIT",
  price,
  volume,
});
const CAGE: CageCheck = {
  rule: { percent: 2, ticks: 10, action: "hold" },
  kind: "stock",
  quote: { bestBid: 114_900, bestAsk: 115_000, preClose: 115_200 },
};

/** One order per rule code that breaks exactly that rule. */
const BREAKERS = [
  () => checkOrderRules(buy(11.8, 0), MAIN),
  () => checkOrderRules(buy(11.8, 1_000_100), MAIN),
  () => checkOrderRules(buy(11.8, 50), MAIN),
  () => checkOrderRules(buy(11.8, 150), MAIN),
  () => checkOrderRules(buy(11.8, 250), { ...STAR, volumeStep: 100 }),
  () => checkOrderRules(buy(-1, 100), MAIN),
  () => checkOrderRules(buy(11.805, 100), MAIN),
  () => checkOrderRules(buy(12.99, 100), MAIN),
  () => checkOrderRules(buy(10.61, 100), MAIN),
  () => checkOrderRules(buy(11.74, 100), { ...MAIN, limitUp: undefined }, CAGE),
  () => checkOrderRules({ ...buy(11.2, 100), direction: "SHORT" }, { ...MAIN, limitDown: undefined }, CAGE),
];

describe("rule reasons", () => {
  it("has every code in both languages, reading the same parameters", () => {
    const zh = RULE_REASONS["zh-CN"];
    const en = RULE_REASONS.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const code of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(paramsRead(en[code] as (p: never) => string), code).toEqual(
        paramsRead(zh[code] as (p: never) => string),
      );
    }
  });

  it("renders each rule's violation in zh-CN without English words, and in en", () => {
    const seen = new Set<string>();
    for (const breaker of BREAKERS) {
      const violations = breaker();
      expect(violations).toHaveLength(1);
      const [v] = violations;
      if (v === undefined) continue;
      seen.add(v.code);
      const zh = ruleReason("zh-CN", v);
      // Only the symbol's exchange suffix may be Latin in a Chinese reason.
      expect(zh.replace(/\d{6}\.(SSE|SZSE)/g, ""), zh).not.toMatch(/[A-Za-z]/);
      expect(ruleReason("en", v), v.code).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect([...seen].sort()).toEqual(
      Object.keys(RULE_REASONS.en)
        .map((c) => c.slice("rule.".length))
        .sort(),
    );
  });

  it("names the values in both languages", () => {
    const [lot] = checkOrderRules(buy(11.8, 150), MAIN);
    expect(lot && ruleReason("zh-CN", lot)).toBe("买入数量 150 不是整手（100 股）的整数倍");
    expect(lot && ruleReason("en", lot)).toBe("buy volume 150 is not a multiple of the lot (100 shares)");
    const [cap] = checkOrderRules(buy(11.8, 1_000_100), MAIN);
    expect(cap && ruleReason("zh-CN", cap)).toBe("数量 1000100 超过主板限价委托单笔上限 1000000 股");
  });
});
