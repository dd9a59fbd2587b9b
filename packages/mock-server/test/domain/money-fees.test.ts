import { describe, expect, it } from "vitest";
import {
  Broker,
  FeeSchedule,
  formatYuan,
  limitPrices,
  parseMockConfig,
  yuanToScaled,
} from "../../src/domain/index.js";
import type { SecurityRecord } from "../../src/protocol/messages.js";
import { Board, Side } from "../../src/protocol/messages.js";
import { baseConfig, TEN_AM, y } from "../helpers/broker.js";

const fees = new FeeSchedule({
  commissionRate: 0.00025,
  minCommission: 5,
  stampDutyRate: 0.0005,
  transferFeeRate: 0.00001,
});

describe("price scaling", () => {
  it("converts yuan to ×10,000 exactly, half up on the decimal as written", () => {
    expect(yuanToScaled(10.23)).toBe(102300);
    expect(yuanToScaled(0.1 + 0.2)).toBe(3000);
    expect(yuanToScaled(123456.7891)).toBe(1234567891);
    // Math.round(1.00005 * 10000) gives 10000: the float product is 10000.4999…
    expect(yuanToScaled(1.00005)).toBe(10001);
    expect(yuanToScaled(1e-7)).toBe(0);
    expect(yuanToScaled(1458)).toBe(14580000);
    expect(formatYuan(102300)).toBe("10.23");
    expect(formatYuan(102345)).toBe("10.2345");
  });
});

describe("limit prices", () => {
  it("rounds preClose × (1 ± pct) half up to the tick, per board", () => {
    const cfg = parseMockConfig(baseConfig());
    const broker = new Broker(cfg, { now: () => TEN_AM });
    const info = (market: number, code: string) => broker.baseInfo(market, code);
    // main 10%: 10.23 × 1.1 = 11.253 → 11.25; × 0.9 = 9.207 → 9.21
    expect(info(1, "600000")).toMatchObject({ preClose: y(10.23), limitUp: y(11.25), limitDown: y(9.21) });
    // Main-board ST on 2026-11-26, after the 2025-07-07 change, 10%: 3.33 → 3.663 → 3.66; 2.997 → 3.00
    // (the 5% days are in ashare-rules.test.ts).
    expect(info(1, "600899")).toMatchObject({ limitUp: y(3.66), limitDown: y(3) });
    // ChiNext 20%: 372.40 → 446.88 / 297.92
    expect(info(2, "300750")).toMatchObject({ limitUp: y(446.88), limitDown: y(297.92) });
    // STAR 20%: 112.35 → 134.82 / 89.88
    expect(info(1, "688981")).toMatchObject({ limitUp: y(134.82), limitDown: y(89.88) });
    // ETF on the main-board regime, on its 0.001 tick: 4.62 → 5.082 / 4.158
    expect(info(1, "510300")).toMatchObject({ limitUp: y(5.082), limitDown: y(4.158) });
  });

  it("rounds exact halves up (where float arithmetic would not)", () => {
    // 10.25 × 1.1 = 11.275 exactly (10.25 * 1.1 in floats is 11.274999…)
    expect(limitPrices(y(10.25), 10)).toEqual({ limitUp: y(11.28), limitDown: y(9.23) });
    // 2.10 × 1.05 = 2.205 → 2.21; × 0.95 = 1.995 → 2.00
    expect(limitPrices(y(2.1), 5)).toEqual({ limitUp: y(2.21), limitDown: y(2) });
  });

  it("derives the board from the code and name unless configured", () => {
    const cfg = parseMockConfig(
      baseConfig({
        instruments: [
          { code: "301001", market: "SZ", name: "x", preClose: 10 },
          { code: "689009", market: "SH", name: "y", preClose: 10 },
          { code: "000002", market: "SZ", name: "ST万科", preClose: 10 },
          { code: "600000", market: "SH", name: "浦发银行", preClose: 10, board: "st" },
          // The risk warning is its own flag: board "main" keeps it, riskWarning: false drops it.
          { code: "600899", market: "SH", name: "*ST示例", preClose: 10, board: "main", riskWarning: false },
          { code: "000001", market: "SZ", name: "平安银行", preClose: 10 },
          { code: "688981", market: "SH", name: "中芯国际", preClose: 10 },
          { code: "300750", market: "SZ", name: "宁德时代", preClose: 10 },
        ],
      }),
    );
    const broker = new Broker(cfg, { now: () => TEN_AM });
    const rsp = broker.query("acc1", { requestId: 1, kind: 5, posStr: "", queryNum: 500, symbol: "" });
    const boards = Object.fromEntries((rsp.records as SecurityRecord[]).map((r) => [r.symbol, r.board]));
    expect(boards).toMatchObject({
      "SZ.301001": Board.ChiNext,
      "SH.689009": Board.STAR,
      "SZ.000002": Board.ST,
      "SH.600000": Board.ST,
      "SH.600899": Board.Main,
      "SZ.000001": Board.Main,
    });
  });
});

describe("fees (hand-computed, to the cent, half up)", () => {
  it("buy 1000 @ 10.00: commission 2.50 → minimum 5.00, transfer 0.10", () => {
    expect(fees.feeOf(Side.Bid, y(10_000))).toEqual({
      commission: y(5),
      stampDuty: 0,
      transferFee: y(0.1),
      total: y(5.1),
    });
  });
  it("sell 1000 @ 10.00: adds stamp duty 5.00", () => {
    expect(fees.feeOf(Side.Ask, y(10_000))).toEqual({
      commission: y(5),
      stampDuty: y(5),
      transferFee: y(0.1),
      total: y(10.1),
    });
  });
  it("buy 100 @ 1458.00 = 145,800: commission 36.45, transfer 1.458 → 1.46", () => {
    expect(fees.feeOf(Side.Bid, y(145_800))).toEqual({
      commission: y(36.45),
      stampDuty: 0,
      transferFee: y(1.46),
      total: y(37.91),
    });
  });
  it("buy 2000 @ 10.01 = 20,020: commission 5.005 → 5.01 (half up), transfer 0.2002 → 0.20", () => {
    expect(fees.feeOf(Side.Bid, y(20_020))).toMatchObject({
      commission: y(5.01),
      transferFee: y(0.2),
      total: y(5.21),
    });
  });
  it("sell 100 @ 5.00 = 500: stamp 0.25, transfer 0.005 → 0.01 (half up)", () => {
    expect(fees.feeOf(Side.Ask, y(500))).toEqual({
      commission: y(5),
      stampDuty: y(0.25),
      transferFee: y(0.01),
      total: y(5.26),
    });
  });
  it("sell 300 @ 41.15 = 12,345: stamp 6.1725 → 6.17, transfer 0.12345 → 0.12", () => {
    expect(fees.feeOf(Side.Ask, y(12_345))).toEqual({
      commission: y(5),
      stampDuty: y(6.17),
      transferFee: y(0.12),
      total: y(11.29),
    });
  });
  it("charges an order's fee across its fills: the minimum once, increments after", () => {
    // 1000 @ 10.00 filled as 400 then 600: 5.04 then 0.06 = 5.10 in total
    expect(fees.fillFee(Side.Bid, 0, y(4_000))).toBe(y(5.04));
    expect(fees.fillFee(Side.Bid, y(4_000), y(10_000))).toBe(y(0.06));
    expect(fees.total(Side.Bid, 0)).toBe(0);
  });
  it("is configurable", () => {
    const cheap = new FeeSchedule({
      commissionRate: 0.0001,
      minCommission: 0.1,
      stampDutyRate: 0.001,
      transferFeeRate: 0,
    });
    // 10,000: commission 1.00, stamp 10.00
    expect(cheap.feeOf(Side.Ask, y(10_000))).toEqual({
      commission: y(1),
      stampDuty: y(10),
      transferFee: 0,
      total: y(11),
    });
    expect(cheap.feeOf(Side.Bid, y(100))).toEqual({
      commission: y(0.1),
      stampDuty: 0,
      transferFee: 0,
      total: y(0.1),
    });
  });
  it("reserves amount + fees for buys and fee overhang for cheap sells", () => {
    expect(fees.buyReserve(0, 1000, y(10))).toBe(y(10_005.1));
    // after 400 filled at 10.00 the rest (600 @ 10.00) needs 6,000 + (5.10 − 5.04)
    expect(fees.buyReserve(y(4_000), 600, y(10))).toBe(y(6_000.06));
    expect(fees.sellReserve(1000, y(10))).toBe(0);
    // one share at 3.00 pays the 5.00 minimum: 2.00 more than it brings, + 0.03 rounding margin
    expect(fees.sellReserve(1000, y(3))).toBe(y(2.03));
  });
});
