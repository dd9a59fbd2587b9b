/** The shared display rules: short ids, cost price, price decimals, exchange from the code, CJK columns. */
import { formatPrice as gatewayFormatPrice } from "@tsgate/hft-gateway";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { padCells, table } from "../src/cli/format.js";
import { parseVtSymbolInput } from "../src/order-input.js";
import { costPriceDetail, costPriceText } from "../src/shared/cost-price.js";
import { resolveId, shortenIdsInText, shortIds } from "../src/shared/display-id.js";
import { exchangeOfCode } from "../src/shared/exchange-of-code.js";
import { decimalsOf, formatPrice } from "../src/shared/price-format.js";

const A = "HFT.26120214000001234560001";
const B = "HFT.26120214000001234560002";
const OLD = "HFT.26120109300000999990001";

describe("short display ids", () => {
  it("are the shortest unique tail of at least 4 characters", () => {
    expect(shortIds([A, B])).toEqual(
      new Map([
        [A, "0001"],
        [B, "0002"],
      ]),
    );
    // An adopted order of an earlier session with the same counter: both grow until they differ.
    const ids = shortIds([A, B, OLD]);
    expect(ids.get(B)).toBe("0002");
    expect(ids.get(A)).not.toBe(ids.get(OLD));
    expect(A.endsWith(ids.get(A) ?? "x")).toBe(true);
    expect(ids.get(A)?.length).toBeLessThan(12);
    // Short local ids stay whole.
    expect(shortIds(["SIM.7"]).get("SIM.7")).toBe("7");
  });

  it("resolve back when unique, and say when they are not", () => {
    expect(resolveId("0002", [A, B])).toEqual({ kind: "one", vtId: B });
    expect(resolveId(A, [A, B])).toEqual({ kind: "one", vtId: A });
    expect(resolveId("0001", [A, B, OLD])).toEqual({ kind: "many", vtIds: [A, OLD] });
    expect(resolveId("0003", [A, B])).toEqual({ kind: "none" });
  });
});

describe("ids in log messages", () => {
  it("are shortened like in the tables; other numbers stay", () => {
    const ids = shortIds([A, B]);
    expect(shortenIdsInText("委托 26120214000001234560002 被拒绝 (2008)：need 146307029.94", ids)).toBe(
      "委托 0002 被拒绝 (2008)：need 146307029.94",
    );
    expect(shortenIdsInText("委托 99999999999999999 未知", ids)).toBe("委托 99999999999999999 未知");
  });
});

describe("cost price (diluted, 摊薄成本)", () => {
  it("shows the broker's diluted cost to the tick, never a negative price", () => {
    expect(costPriceText({ volume: 10_100, price: 10.8567 }, 0.01, "zh-CN")).toBe("10.86");
    // Sold 10,000 of 10,100 at a profit: the cost is already recovered.
    expect(costPriceText({ volume: 100, price: -86.6798 }, 0.01, "zh-CN")).toBe("已回本");
    expect(costPriceText({ volume: 100, price: -86.6798 }, 0.01, "en")).toBe("recovered");
    expect(costPriceText({ volume: 0, price: 0 }, 0.01, "en")).toBe("—");
    expect(costPriceDetail({ volume: 100, price: -86.6798 }, 0.01, "zh-CN")).toBe("摊薄成本价 -86.68/股");
  });
});

describe("prices to the tick", () => {
  it("use the tick's decimals", () => {
    expect(decimalsOf(0.01)).toBe(2);
    expect(decimalsOf(0.001)).toBe(3);
    expect(formatPrice(11.8, 0.01)).toBe("11.80");
    expect(formatPrice(3.912, 0.001)).toBe("3.912");
    expect(formatPrice(0.1 + 0.2)).toBe("0.3");
  });
});

describe("the gateway's messages and the UIs format prices alike", () => {
  it("for every tick and price", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.01, 0.001, 0.005, 0.05, 0.1, 1, 0.0001),
        fc.integer({ min: 1, max: 100_000_000 }),
        (tick, units) => {
          const price = units / 10_000;
          expect(gatewayFormatPrice(price, tick)).toBe(formatPrice(price, tick));
          expect(gatewayFormatPrice(price)).toBe(formatPrice(price));
        },
      ),
    );
  });
});

describe("exchange from the code", () => {
  it("follows the SSE and SZSE code ranges", () => {
    expect(exchangeOfCode("600000")).toBe("SSE");
    expect(exchangeOfCode("688981")).toBe("SSE");
    expect(exchangeOfCode("510300")).toBe("SSE");
    expect(exchangeOfCode("000001")).toBe("SZSE");
    expect(exchangeOfCode("300750")).toBe("SZSE");
    expect(exchangeOfCode("159915")).toBe("SZSE");
    expect(exchangeOfCode("123456")).toBeUndefined();
    expect(exchangeOfCode("60000")).toBeUndefined();
  });

  it("lets a bare code stand for the instrument, and names the field otherwise", () => {
    expect(parseVtSymbolInput("600000").vtSymbol).toBe("600000.SSE");
    expect(parseVtSymbolInput("000001.szse").vtSymbol).toBe("000001.SZSE");
    expect(() => parseVtSymbolInput("123456")).toThrow(/instrument: cannot tell the exchange of "123456"/);
  });
});

describe("terminal columns", () => {
  it("count a CJK character as two cells", () => {
    expect(padCells("浦发银行", 10)).toBe("浦发银行  ");
    const [header, first, second] = table(
      ["name", "last"],
      [
        ["浦发银行", "11.80"],
        ["ETF", "3.912"],
      ],
    );
    expect(header).toBe("name      last");
    expect(first).toBe("浦发银行  11.80");
    expect(second).toBe("ETF       3.912");
  });
});
