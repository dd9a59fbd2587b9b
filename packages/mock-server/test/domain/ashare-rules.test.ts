import { describe, expect, it } from "vitest";
import { Broker, parseMockConfig, phaseAt, TradingPhase } from "../../src/domain/index.js";
import type { OrderReq } from "../../src/protocol/messages.js";
import { ErrorCode, OrderStatus, OrderType, Side } from "../../src/protocol/messages.js";
import {
  baseConfig,
  buy,
  DAY,
  makeBroker,
  market,
  orderReports,
  sell,
  TEN_AM,
  tradesOf,
  y,
} from "../helpers/broker.js";

const code = (broker: Broker, req: OrderReq, account = "acc1") => broker.placeOrder(account, req).errorCode;

describe("A-share rules", () => {
  it("buys in lots of 100 (main, ChiNext, ETF)", () => {
    const b = makeBroker();
    expect(code(b, buy("SH.600000", 9.21, 150))).toBe(ErrorCode.ORDER_BAD_LOT);
    expect(code(b, buy("SZ.300750", 297.92, 50))).toBe(ErrorCode.ORDER_BAD_LOT);
    expect(code(b, buy("SH.510300", 4.16, 1_001))).toBe(ErrorCode.ORDER_BAD_LOT);
    expect(code(b, buy("SH.600000", 9.21, 100))).toBe(0);
    expect(code(b, buy("SZ.300750", 297.92, 200))).toBe(0);
  });

  it("STAR buys: at least 200, then steps of 1", () => {
    const b = makeBroker();
    expect(code(b, buy("SH.688981", 89.88, 100))).toBe(ErrorCode.ORDER_STAR_MIN_VOLUME);
    expect(code(b, buy("SH.688981", 89.88, 199))).toBe(ErrorCode.ORDER_STAR_MIN_VOLUME);
    expect(code(b, buy("SH.688981", 89.88, 200))).toBe(0);
    expect(code(b, buy("SH.688981", 89.88, 201))).toBe(0);
    expect(code(b, buy("SH.688981", 89.88, 333))).toBe(0);
  });

  it("odd-lot sells only when they close the odd remainder (main board)", () => {
    // SH.600000: 1000 sellable
    expect(code(makeBroker(), sell("SH.600000", 11.25, 50))).toBe(ErrorCode.ORDER_ODD_LOT_SELL);
    expect(code(makeBroker(), sell("SH.600000", 11.25, 1_000))).toBe(0);
    // SZ.000001: 250 sellable (yd) → selling 50 or 250 leaves whole lots; 30 leaves 220
    expect(code(makeBroker(), sell("SZ.000001", 12.67, 30))).toBe(ErrorCode.ORDER_ODD_LOT_SELL);
    expect(code(makeBroker(), sell("SZ.000001", 12.67, 50))).toBe(0);
    expect(code(makeBroker(), sell("SZ.000001", 12.67, 250))).toBe(0);
    expect(code(makeBroker(), sell("SZ.000001", 12.67, 150))).toBe(0);
    // an odd holding below one lot is sold whole
    expect(code(makeBroker(), sell("SH.600899", 3.5, 30), "poor")).toBe(0);
    expect(code(makeBroker(), sell("SH.600899", 3.5, 20), "poor")).toBe(ErrorCode.ORDER_ODD_LOT_SELL);
  });

  it("STAR sells below 200 only to close the whole sellable holding", () => {
    const b = makeBroker(); // SH.688981: 450 sellable
    expect(code(b, sell("SH.688981", 134.82, 150))).toBe(ErrorCode.ORDER_ODD_LOT_SELL);
    expect(code(b, sell("SH.688981", 134.82, 201))).toBe(0); // rests at limit-up: 249 left sellable
    expect(code(b, sell("SH.688981", 134.82, 100))).toBe(ErrorCode.ORDER_ODD_LOT_SELL);
    expect(code(b, sell("SH.688981", 134.82, 49))).toBe(ErrorCode.ORDER_ODD_LOT_SELL);
    expect(code(b, sell("SH.688981", 134.82, 249))).toBe(0);
  });

  it("prices on the 0.01 tick", () => {
    const b = makeBroker();
    expect(code(b, buy("SH.600000", 10.005, 100))).toBe(ErrorCode.ORDER_BAD_TICK);
    expect(code(b, { ...buy("SH.600000", 10, 100), price: 100_001 })).toBe(ErrorCode.ORDER_BAD_TICK);
    expect(code(b, buy("SH.600000", 10.01, 100))).toBe(0);
  });

  it("prices within the daily limits of each board (ST on 2025-07-04: 5%)", () => {
    const b = makeBroker({ tradingDay: 20250704 });
    // main ±10%: 9.21 – 11.25
    expect(code(b, buy("SH.600000", 11.26, 100))).toBe(ErrorCode.ORDER_ABOVE_LIMIT_UP);
    expect(code(b, sell("SH.600000", 9.2, 100))).toBe(ErrorCode.ORDER_BELOW_LIMIT_DOWN);
    expect(code(b, sell("SH.600000", 11.25, 100))).toBe(0);
    expect(code(b, buy("SH.600000", 9.21, 100))).toBe(0);
    // ST ±5%: 3.16 – 3.50
    expect(code(b, buy("SH.600899", 3.51, 100))).toBe(ErrorCode.ORDER_ABOVE_LIMIT_UP);
    expect(code(b, buy("SH.600899", 3.15, 100))).toBe(ErrorCode.ORDER_BELOW_LIMIT_DOWN);
    expect(code(b, buy("SH.600899", 3.16, 100))).toBe(0);
    // ChiNext / STAR ±20%
    expect(code(b, buy("SZ.300750", 446.89, 100))).toBe(ErrorCode.ORDER_ABOVE_LIMIT_UP);
    expect(code(b, buy("SZ.300750", 297.92, 100))).toBe(0);
    expect(code(b, buy("SH.688981", 89.87, 200))).toBe(ErrorCode.ORDER_BELOW_LIMIT_DOWN);
    expect(code(b, sell("SH.688981", 134.82, 200))).toBe(0);
    const rsp = b.placeOrder("acc1", buy("SH.600000", 11.26, 100));
    expect(rsp.errorMsg).toBe("price 11.26 is above the limit-up price 11.25 of SH.600000");
  });

  it("main-board ST: ±5% up to 2025-07-06, ±10% from the 2025-07-07 session (notice of 2025-06-27)", () => {
    // 3.33 × 1.05 = 3.4965 → 3.50, × 0.95 = 3.1635 → 3.16; × 1.1 = 3.663 → 3.66, × 0.9 = 2.997 → 3.00.
    const limits = (day: number) => makeBroker({ tradingDay: day }).baseInfo(1, "600899");
    expect(limits(20250704)).toMatchObject({ limitUp: y(3.5), limitDown: y(3.16) });
    expect(limits(20250706)).toMatchObject({ limitUp: y(3.5), limitDown: y(3.16) });
    expect(limits(20250707)).toMatchObject({ limitUp: y(3.66), limitDown: y(3) });
    const after = makeBroker({ tradingDay: 20250707 });
    expect(code(after, buy("SH.600899", 3.66, 100))).toBe(0);
    expect(code(after, buy("SH.600899", 3.67, 100))).toBe(ErrorCode.ORDER_ABOVE_LIMIT_UP);
    expect(code(after, buy("SH.600899", 2.99, 100))).toBe(ErrorCode.ORDER_BELOW_LIMIT_DOWN);
    // The main board's own ±10% is the same on both days.
    expect(makeBroker({ tradingDay: 20250704 }).baseInfo(1, "600000")).toMatchObject({ limitUp: y(11.25) });
  });

  it("ChiNext: ±10% before 2020-08-24, ±20% from then", () => {
    // 372.40 × 1.1 = 409.64, × 0.9 = 335.16; × 1.2 = 446.88, × 0.8 = 297.92.
    expect(makeBroker({ tradingDay: 20200821 }).baseInfo(2, "300750")).toMatchObject({
      limitUp: y(409.64),
      limitDown: y(335.16),
    });
    expect(makeBroker({ tradingDay: 20200824 }).baseInfo(2, "300750")).toMatchObject({
      limitUp: y(446.88),
      limitDown: y(297.92),
    });
  });

  it("board and risk warning are separate: ChiNext ST keeps ±20%, riskWarning overrides the name", () => {
    const b = makeBroker({
      tradingDay: 20250704,
      accounts: [],
      instruments: [
        { code: "300001", market: "SZ", name: "ST创业", preClose: 10 },
        { code: "600001", market: "SH", name: "普通名", preClose: 10, riskWarning: true },
        { code: "600002", market: "SH", name: "ST旧名", preClose: 10, riskWarning: false },
        { code: "600003", market: "SH", name: "旧写法", preClose: 10, board: "st" },
      ],
    });
    expect(b.baseInfo(2, "300001")).toMatchObject({ limitUp: y(12), limitDown: y(8) });
    expect(b.baseInfo(1, "600001")).toMatchObject({ limitUp: y(10.5), limitDown: y(9.5) });
    expect(b.baseInfo(1, "600002")).toMatchObject({ limitUp: y(11), limitDown: y(9) });
    expect(b.baseInfo(1, "600003")).toMatchObject({ limitUp: y(10.5), limitDown: y(9.5) });
  });

  it("T+1: 2010 for shares bought today, 2009 for shares not held", () => {
    const b = makeBroker(); // SZ.000001: 350 held, 250 since yesterday
    expect(code(b, sell("SZ.000001", 12.67, 300))).toBe(ErrorCode.ORDER_T_PLUS_1);
    expect(code(b, sell("SZ.000001", 12.67, 400))).toBe(ErrorCode.ORDER_INSUFFICIENT_POSITION);
    expect(code(b, sell("SZ.300750", 446.88, 100))).toBe(ErrorCode.ORDER_INSUFFICIENT_POSITION);
    // buy today, then try to sell it
    expect(code(b, buy("SH.600000", 11.25, 100))).toBe(0); // marketable: fills at the asks
    const pos = b.books("acc1").positions.find((p) => p.symbol === "SH.600000");
    expect(pos).toMatchObject({
      volume: 1_100,
      ydVolume: 1_000,
      todayBuyVolume: 100,
      availableVolume: 1_000,
    });
    expect(code(b, sell("SH.600000", 11.25, 1_100))).toBe(ErrorCode.ORDER_T_PLUS_1);
    expect(code(b, sell("SH.600000", 11.25, 1_000))).toBe(0);
    // everything sellable is now frozen by that open sell
    expect(code(b, sell("SH.600000", 11.25, 100))).toBe(ErrorCode.ORDER_T_PLUS_1);
    expect(code(b, sell("SH.600000", 11.25, 200))).toBe(ErrorCode.ORDER_INSUFFICIENT_POSITION);
  });

  it("buys need available cash for amount + estimated fees, to the cent", () => {
    // On 2025-07-04, when the ST stock's limit-up was 3.50 (5%).
    const broker = (cash: number) =>
      new Broker(
        parseMockConfig(
          baseConfig({
            tradingDay: 20250704,
            accounts: [{ accountId: "acc1", password: "p", cash, positions: [] }],
          }),
        ),
        { now: () => TEN_AM },
      );
    // 300 @ 3.33 = 999.00, fees 5.00 + 0.01 (transfer 0.00999 → 0.01) = 1004.01
    expect(code(broker(1004.01), buy("SH.600899", 3.33, 300))).toBe(0);
    const rsp = broker(1004).placeOrder("acc1", buy("SH.600899", 3.33, 300));
    expect(rsp.errorCode).toBe(ErrorCode.ORDER_INSUFFICIENT_CASH);
    expect(rsp.errorMsg).toBe("not enough cash: need 1004.01 (amount 999.00 + fees 5.01), available 1004.00");
    // B5TC buys reserve at the limit-up price: 300 × 3.50 + 5.01 > 1004.01
    expect(code(broker(1004.01), market("SH.600899", Side.Bid, 300))).toBe(ErrorCode.ORDER_INSUFFICIENT_CASH);
    expect(code(broker(1055.01), market("SH.600899", Side.Bid, 300))).toBe(0);
  });

  it("a sell whose minimum commission can exceed its proceeds needs cash for the difference", () => {
    const broker = (cash: number) =>
      new Broker(
        parseMockConfig(
          baseConfig({
            tradingDay: 20250704, // ST limit-down 3.16 (5%)
            accounts: [
              {
                accountId: "acc1",
                password: "p",
                cash,
                positions: [{ symbol: "SH.600899", volume: 30, costPrice: 3 }],
              },
            ],
          }),
        ),
        { now: () => TEN_AM },
      );
    // a first fill of 1 share at 3.16 pays the 5.00 minimum: 1.84 more than it brings, + 0.03 margin
    const rsp = broker(1.86).placeOrder("acc1", sell("SH.600899", 3.16, 30));
    expect(rsp).toMatchObject({
      errorCode: ErrorCode.ORDER_INSUFFICIENT_CASH,
      errorMsg: "not enough cash for the fees of this sell: need 1.87, available 1.86",
    });
    const b = broker(1.87);
    expect(code(b, sell("SH.600899", 3.16, 30))).toBe(0);
    // it hits the bids at once; nothing stays frozen and the proceeds net of fees are credited
    const trades = tradesOf(b, "acc1");
    expect(trades.reduce((s, t) => s + t.volume, 0)).toBe(30);
    expect(b.books("acc1").cash).toMatchObject({
      frozen: 0,
      balance: y(1.87) + trades.reduce((s, t) => s + t.amount - t.fee, 0),
    });
  });

  it("freezes cash on accept and releases it on cancel", () => {
    const b = makeBroker();
    const before = b.books("acc1").cash;
    const rsp = b.placeOrder("acc1", buy("SH.600000", 9.21, 1_000)); // rests at limit-down
    const frozen = y(9_210 + 5 + 0.09); // 9,210.00 + commission 5.00 + transfer 0.0921 → 0.09
    expect(b.books("acc1").cash).toMatchObject({
      frozen,
      available: before.available - frozen,
      balance: before.balance,
    });
    expect(orderReports(b, "acc1", rsp.orderId).at(-1)).toMatchObject({
      status: OrderStatus.New,
      frozenCash: frozen,
    });
    b.cancelOrder("acc1", { orderId: rsp.orderId, clOrderId: "" });
    expect(b.books("acc1").cash).toEqual(before);
    expect(orderReports(b, "acc1", rsp.orderId).at(-1)).toMatchObject({
      status: OrderStatus.CancelFilled,
      frozenCash: 0,
    });
  });

  it("freezes shares for sells and releases them on cancel", () => {
    const b = makeBroker();
    const rsp = b.placeOrder("acc1", sell("SH.600000", 11.25, 400));
    expect(b.books("acc1").positions[0]).toMatchObject({
      symbol: "SH.600000",
      frozenVolume: 400,
      availableVolume: 600,
    });
    b.cancelOrder("acc1", { orderId: rsp.orderId, clOrderId: "" });
    expect(b.books("acc1").positions[0]).toMatchObject({ frozenVolume: 0, availableVolume: 1_000 });
  });

  it("rejects invalid type, side, price and volume (2013, 2014) and unknown securities (2001)", () => {
    const b = makeBroker();
    const base = buy("SH.600000", 10, 100);
    expect(code(b, { ...base, clOrderId: "t1", orderType: 3 })).toBe(ErrorCode.ORDER_INVALID_TYPE_OR_SIDE);
    expect(code(b, { ...base, clOrderId: "t2", side: 0 })).toBe(ErrorCode.ORDER_INVALID_TYPE_OR_SIDE);
    expect(code(b, { ...base, clOrderId: "t3", volume: 0 })).toBe(ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME);
    expect(code(b, { ...base, clOrderId: "t4", volume: -100 })).toBe(ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME);
    expect(code(b, { ...base, clOrderId: "t5", volume: 1_000_100 })).toBe(ErrorCode.ORDER_ABOVE_MAX_VOLUME);
    expect(code(b, { ...base, clOrderId: "t6", volume: 100.5 })).toBe(
      ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME,
    );
    expect(code(b, { ...base, clOrderId: "t7", price: 0 })).toBe(ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME);
    expect(code(b, { ...base, clOrderId: "t8", price: -100 })).toBe(ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME);
    expect(code(b, { ...base, clOrderId: "t9", symbol: "SH.999999" })).toBe(ErrorCode.ORDER_UNKNOWN_SECURITY);
    expect(code(b, { ...base, clOrderId: "t10", symbol: "600000" })).toBe(ErrorCode.ORDER_UNKNOWN_SECURITY);
    // the maximum itself is fine (as far as this rule goes: here it then lacks cash)
    expect(code(b, { ...base, clOrderId: "t11", volume: 1_000_000, price: y(9.21) })).toBe(
      ErrorCode.ORDER_INSUFFICIENT_CASH,
    );
    // a rejected order with an invalid side still gets an encodable report
    const rep = orderReports(b, "acc1", b.placeOrder("acc1", { ...base, clOrderId: "t12", side: 9 }).orderId);
    expect(rep).toHaveLength(1);
    expect(rep[0]).toMatchObject({ status: OrderStatus.Rejected, side: Side.Bid, orderType: OrderType.LMT });
  });

  it("answers a rejection with ORDER_RSP and one Rejected report with the same code and reason", () => {
    const b = makeBroker();
    const rsp = b.placeOrder("acc1", buy("SH.600000", 9.21, 150, "r1"));
    expect(rsp).toMatchObject({ clOrderId: "r1", errorCode: ErrorCode.ORDER_BAD_LOT });
    expect(rsp.orderId).toMatch(new RegExp(`^O${DAY}\\d{6}$`));
    const reports = b.reportsAfter("acc1", 0);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toEqual({
      type: "order",
      body: expect.objectContaining({
        reportSeq: 1,
        orderId: rsp.orderId,
        clOrderId: "r1",
        status: OrderStatus.Rejected,
        errorCode: ErrorCode.ORDER_BAD_LOT,
        errorMsg: rsp.errorMsg,
        volume: 150,
        filledVolume: 0,
        frozenCash: 0,
      }),
    });
    expect(rsp.errorMsg).toBe("buy volume 150 is not a multiple of the lot (100 shares)");
  });

  it("duplicate clOrderId: 2012 with the existing orderId and no report", () => {
    const b = makeBroker();
    const first = b.placeOrder("acc1", buy("SH.600000", 9.21, 100, "dup"));
    const seq = b.lastReportSeq("acc1");
    const again = b.placeOrder("acc1", buy("SH.600000", 9.5, 200, "dup"));
    expect(again).toMatchObject({
      clOrderId: "dup",
      orderId: first.orderId,
      errorCode: ErrorCode.ORDER_DUPLICATE_CL_ORDER_ID,
    });
    expect(b.lastReportSeq("acc1")).toBe(seq);
    // the same clOrderId in another account is a different order
    expect(b.placeOrder("poor", buy("SH.600899", 3.16, 100, "dup")).errorCode).toBe(0);
  });

  it("fault injection: the next N orders are rejected with 2015", () => {
    const b = makeBroker();
    b.rejectNextOrders(2);
    expect(code(b, buy("SH.600000", 9.21, 100))).toBe(ErrorCode.ORDER_REJECTED);
    expect(code(b, buy("SH.600000", 9.21, 100))).toBe(ErrorCode.ORDER_REJECTED);
    expect(code(b, buy("SH.600000", 9.21, 100))).toBe(0);
  });
});

describe("trading sessions", () => {
  function realtimeBroker() {
    let now = new Date("2026-11-26T01:00:00.000Z");
    const broker = new Broker(parseMockConfig(baseConfig({ sessionMode: "realtime" })), { now: () => now });
    // Beijing time "HH:MM:SS.mmm" on the trading day
    const at = (time: string) => {
      now = new Date(`2026-11-26T${time}+08:00`);
    };
    return { broker, at };
  }

  it("classifies the phases of the day", () => {
    expect(phaseAt(91_459_999)).toBe(TradingPhase.Closed);
    expect(phaseAt(91_500_000)).toBe(TradingPhase.OpeningAuction);
    expect(phaseAt(92_600_000)).toBe(TradingPhase.PreOpen);
    expect(phaseAt(93_000_000)).toBe(TradingPhase.Continuous);
    expect(phaseAt(113_000_000)).toBe(TradingPhase.LunchBreak);
    expect(phaseAt(130_000_000)).toBe(TradingPhase.Continuous);
    expect(phaseAt(145_700_000)).toBe(TradingPhase.ClosingAuction);
    expect(phaseAt(150_000_000)).toBe(TradingPhase.Closed);
  });

  it("accepts orders 09:15–11:30 and 13:00–15:00 in realtime mode, else 2011", () => {
    const { broker, at } = realtimeBroker();
    const cases: [string, number][] = [
      ["09:14:59.999", ErrorCode.ORDER_OUTSIDE_TRADING_HOURS],
      ["09:15:00.000", 0],
      ["09:27:00.000", 0],
      ["10:00:00.000", 0],
      ["11:29:59.999", 0],
      ["11:30:00.000", ErrorCode.ORDER_OUTSIDE_TRADING_HOURS],
      ["12:59:59.999", ErrorCode.ORDER_OUTSIDE_TRADING_HOURS],
      ["13:00:00.000", 0],
      ["14:58:00.000", 0],
      ["15:00:00.000", ErrorCode.ORDER_OUTSIDE_TRADING_HOURS],
      ["20:00:00.000", ErrorCode.ORDER_OUTSIDE_TRADING_HOURS],
    ];
    for (const [time, expected] of cases) {
      at(time);
      expect([time, code(broker, buy("SH.600000", 9.21, 100))]).toEqual([time, expected]);
    }
    at("12:00:00.000");
    expect(broker.placeOrder("acc1", buy("SH.600000", 9.21, 100)).errorMsg).toBe(
      "outside trading hours (12:00:00): orders are accepted 09:15–11:30 and 13:00–15:00",
    );
  });

  it("does not move the market outside sessions in realtime mode; cancels still work", () => {
    const { broker, at } = realtimeBroker();
    at("10:00:00.000");
    const rsp = broker.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    expect(broker.stepMarket()).toHaveLength(6);
    at("12:00:00.000");
    expect(broker.stepMarket()).toEqual([]);
    expect(broker.cancelOrder("acc1", { orderId: rsp.orderId, clOrderId: "" }).errorCode).toBe(0);
  });

  it("always-open mode accepts orders at any hour", () => {
    const b = makeBroker({}, { now: () => new Date("2026-11-26T19:00:00.000Z") }); // 03:00 Beijing
    expect(code(b, buy("SH.600000", 9.21, 100))).toBe(0);
    expect(b.stepMarket()).toHaveLength(6);
  });
});
