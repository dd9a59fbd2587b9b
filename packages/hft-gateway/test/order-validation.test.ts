import {
  type ContractData,
  createContract,
  Direction,
  Exchange,
  Offset,
  type OrderRequest,
  OrderType,
  Product,
} from "@tsgate/core";
import { fromScaled } from "@tsgate/hft-native";
import { describe, expect, it } from "vitest";
import { formatPrice, validateOrder as validateIn } from "../src/order-validation.js";
import { rawOrderRequest } from "./helpers/raw-requests.js";

/** The checks with English reasons, which most cases match (zh-CN: the last describe). */
const validateOrder = (req: OrderRequest, contract: ContractData | undefined) =>
  validateIn(req, contract, "en");

const main: ContractData = createContract({
  gatewayName: "HFT",
  symbol: "600000",
  exchange: Exchange.SSE,
  name: "浦发银行",
  product: Product.EQUITY,
  size: 1,
  pricetick: 0.01,
  minVolume: 100,
  volumeStep: 100,
  limitUp: 12.98,
  limitDown: 10.62,
  netPosition: true,
});
const star: ContractData = createContract({
  ...main,
  symbol: "688981",
  name: "中芯国际",
  minVolume: 200,
  volumeStep: 1,
  limitUp: 134.82,
  limitDown: 89.88,
});

function buy(price: number, volume = 100, extra: Partial<Parameters<typeof rawOrderRequest>[0]> = {}) {
  return rawOrderRequest({
    symbol: "600000",
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume,
    price,
    ...extra,
  });
}

function reason(result: ReturnType<typeof validateOrder>): string {
  return result.ok ? "ok" : result.reason;
}

describe("validateOrder", () => {
  it("converts a good limit buy to the vendor's terms", () => {
    expect(validateOrder(buy(11.8, 300), main)).toEqual({
      ok: true,
      order: { symbol: "SH.600000", side: "Bid", orderType: "LMT", volume: 300, price: 11.8 },
    });
  });

  it("sends a market order as B5TC with price 0 and skips price checks", () => {
    const result = validateOrder(buy(0, 100, { type: OrderType.MARKET }), main);
    expect(result).toEqual({
      ok: true,
      order: { symbol: "SH.600000", side: "Bid", orderType: "B5TC", volume: 100, price: 0 },
    });
  });

  it("checks lots for buys: multiples of 100, STAR at least 200 then steps of 1", () => {
    expect(reason(validateOrder(buy(11.8, 150), main))).toMatch(/not a multiple of the lot \(100 shares\)/);
    expect(reason(validateOrder(buy(11.8, 50), main))).toMatch(/below the minimum of 100/);
    const starBuy = (volume: number) => buy(112.35, volume, { symbol: "688981" });
    expect(reason(validateOrder(starBuy(199), star))).toMatch(/below the minimum of 200/);
    expect(validateOrder(starBuy(201), star).ok).toBe(true);
  });

  it("leaves odd-lot sells to the server (they depend on the live holding)", () => {
    expect(validateOrder(buy(11.8, 150, { direction: Direction.SHORT }), main)).toMatchObject({
      ok: true,
      order: { side: "Ask", volume: 150 },
    });
  });

  it("refuses non-integer, zero and negative volumes", () => {
    for (const volume of [0, -100, 100.5, Number.NaN]) {
      expect(reason(validateOrder(buy(11.8, volume), main))).toMatch(/not a positive whole number/);
    }
  });

  it("checks the tick with exact integer arithmetic", () => {
    // 2.01 * 100 is 200.99999999999997 in floating point; the scaled check is exact.
    const cheap = createContract({ ...main, limitUp: 2.2, limitDown: 1.8 });
    expect(validateOrder(buy(2.01), cheap).ok).toBe(true);
    expect(validateOrder(buy(fromScaled(20100)), cheap).ok).toBe(true);
    expect(validateOrder(buy(0.1 + 0.2 + 1.7), cheap).ok).toBe(true);
    expect(reason(validateOrder(buy(2.015), cheap))).toMatch(/not a multiple of the tick 0.01/);
    expect(reason(validateOrder(buy(2.01234), cheap))).toMatch(/at most 4 decimals/);
  });

  it("checks the daily limits", () => {
    expect(validateOrder(buy(12.98), main).ok).toBe(true);
    expect(validateOrder(buy(10.62), main).ok).toBe(true);
    expect(reason(validateOrder(buy(12.99), main))).toBe(
      "price 12.99 is above the limit-up price 12.98 of 600000.SSE",
    );
    expect(reason(validateOrder(buy(10.61), main))).toBe(
      "price 10.61 is below the limit-down price 10.62 of 600000.SSE",
    );
  });

  it("refuses a non-positive limit price", () => {
    expect(reason(validateOrder(buy(0), main))).toMatch(/not a positive price/);
    expect(reason(validateOrder(buy(-1), main))).toMatch(/not a positive price/);
  });

  it("sends FAK/FOK for SZSE as the market orders IOC/AON, without a price", () => {
    const sz = createContract({
      ...main,
      symbol: "000001",
      exchange: Exchange.SZSE,
      limitUp: 12.67,
      limitDown: 10.37,
    });
    const at = { symbol: "000001", exchange: Exchange.SZSE };
    expect(validateOrder(buy(11.8, 300, { ...at, type: OrderType.FAK }), sz)).toEqual({
      ok: true,
      order: { symbol: "SZ.000001", side: "Bid", orderType: "IOC", volume: 300, price: 0 },
    });
    expect(validateOrder(buy(0, 300, { ...at, type: OrderType.FOK }), sz)).toEqual({
      ok: true,
      order: { symbol: "SZ.000001", side: "Bid", orderType: "AON", volume: 300, price: 0 },
    });
  });

  it("refuses unsupported order types and directions; FAK/FOK for SSE by name", () => {
    expect(reason(validateOrder(buy(11.8, 100, { type: OrderType.FAK }), main))).toBe(
      "order type FAK (IOC, 即时成交剩余撤销 (fill what can be filled, cancel the rest)) is not accepted by SSE: use LIMIT or MARKET there",
    );
    expect(reason(validateOrder(buy(11.8, 100, { type: OrderType.FOK }), main))).toMatch(
      /^order type FOK \(AON, 全额成交或撤销 .*\) is not accepted by SSE/,
    );
    expect(reason(validateOrder(buy(11.8, 100, { type: "STOP" as OrderType }), main))).toBe(
      "order type STOP is not supported: use LIMIT, MARKET, FAK or FOK",
    );
    expect(reason(validateOrder(buy(11.8, 100, { direction: Direction.NET }), main))).toMatch(
      /not an order direction/,
    );
  });

  it("accepts NONE, LONG+OPEN and SHORT+CLOSE*, refuses margin-style offsets", () => {
    expect(validateOrder(buy(11.8, 100, { offset: Offset.NONE }), main).ok).toBe(true);
    expect(validateOrder(buy(11.8, 100, { offset: Offset.OPEN }), main).ok).toBe(true);
    for (const offset of [Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY]) {
      expect(validateOrder(buy(11.8, 100, { direction: Direction.SHORT, offset }), main).ok).toBe(true);
    }
    expect(
      reason(validateOrder(buy(11.8, 100, { direction: Direction.SHORT, offset: Offset.OPEN }), main)),
    ).toMatch(/margin account/);
    expect(reason(validateOrder(buy(11.8, 100, { offset: Offset.CLOSE }), main))).toMatch(/margin account/);
  });

  it("refuses other exchanges and unknown contracts", () => {
    expect(reason(validateOrder(buy(11.8, 100, { exchange: Exchange.SHFE }), main))).toMatch(
      /SSE and SZSE only/,
    );
    expect(reason(validateOrder(buy(11.8), undefined))).toMatch(/no contract for 600000.SSE/);
  });

  it("formats prices without float noise", () => {
    expect(formatPrice(0.1 + 0.2)).toBe("0.3");
    expect(formatPrice(12.98)).toBe("12.98");
  });

  it("names limits with the decimals of the tick", () => {
    const round = createContract({ ...main, limitUp: 12.9, limitDown: 10.6 });
    expect(reason(validateOrder(buy(12.91), round))).toBe(
      "price 12.91 is above the limit-up price 12.90 of 600000.SSE",
    );
    expect(reason(validateOrder(buy(10.5), round))).toMatch(/below the limit-down price 10\.60 of/);
    expect(formatPrice(4.617, 0.001)).toBe("4.617");
  });
});

describe("validateOrder in zh-CN", () => {
  const zh = (req: OrderRequest, contract: ContractData | undefined) => validateIn(req, contract, "zh-CN");
  it.each([
    [
      buy(11.8, 100, { exchange: Exchange.SHFE }),
      main,
      "refusal.exchange",
      "本接口不交易交易所 SHFE（只支持 SSE 和 SZSE）",
    ],
    [
      buy(11.8),
      undefined,
      "refusal.noContract",
      "没有 600000.SSE 的合约信息：代码不存在，或合约尚未加载（请等待交易登录完成）",
    ],
    [
      buy(11.8, 100, { direction: Direction.NET }),
      main,
      "refusal.direction",
      "方向 NET 不是委托方向：买入用 LONG，卖出用 SHORT",
    ],
    [buy(11.8, 100, { offset: Offset.CLOSE }), main, "refusal.offset", undefined],
    [buy(11.8, 100, { type: OrderType.FAK }), main, "refusal.orderTypeExchange", undefined],
    [buy(11.8, 150), main, "rule.lot", "买入数量 150 不是整手（100 股）的整数倍"],
    [buy(12.99), main, "rule.limit-up", "价格 12.99 高于 600000.SSE 的涨停价 12.98"],
  ] as const)("%#: refuses with code %s and a Chinese reason", (req, contract, code, expected) => {
    const result = zh(req, contract);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    if (expected !== undefined) expect(result.reason).toBe(expected);
    // Only the API's own names (enum values, symbols, exchanges, connect()) may be Latin.
    const words = result.reason.match(/[A-Za-z]{2,}/g) ?? [];
    for (const word of words)
      expect(word, result.reason).toMatch(
        /^(SHFE|SSE|SZSE|LONG|SHORT|NET|NONE|OPEN|CLOSE|LIMIT|MARKET|FAK|FOK|IOC|AON)$/,
      );
  });
});
