/**
 * The rules this round added, each at its edges: per-board order caps, fund ticks and stamp duty,
 * the price cage (SSE refuses, SZSE holds), the cancel windows of the call auctions.
 */
import { describe, expect, it } from "vitest";
import { Broker, type MockConfigInput, parseMockConfig } from "../../src/domain/index.js";
import type { OrderReq } from "../../src/protocol/messages.js";
import { ErrorCode, OrderStatus, OrderType } from "../../src/protocol/messages.js";
import {
  baseConfig,
  buy,
  expectOk,
  mainBoardCageTop,
  makeBroker,
  orderReports,
  sell,
  TEN_AM,
  tradesOf,
  y,
} from "../helpers/broker.js";

const code = (broker: Broker, req: OrderReq, account = "acc1") => broker.placeOrder(account, req).errorCode;
const RICH: MockConfigInput["accounts"] = [
  {
    accountId: "acc1",
    password: "p",
    cash: 100_000_000_000,
    positions: ["SH.600000", "SZ.000001", "SZ.300750", "SH.688981", "SH.510300"].map((symbol) => ({
      symbol,
      volume: 10_000_000,
      costPrice: 1,
    })),
  },
];

describe("order caps by board (2016)", () => {
  const b = makeBroker({ accounts: RICH });
  const sellOf = (symbol: string, orderType: OrderType, volume: number, price = 0): OrderReq => ({
    ...sell(symbol, 1, volume),
    orderType,
    price: orderType === OrderType.LMT ? price : 0,
  });
  it.each([
    ["SH.688981", OrderType.LMT, 100_000, y(134.82)],
    ["SH.688981", OrderType.B5TC, 50_000, 0],
    ["SZ.300750", OrderType.LMT, 300_000, y(446.88)],
    ["SZ.300750", OrderType.B5TC, 150_000, 0],
    ["SH.600000", OrderType.LMT, 1_000_000, y(11.25)],
    ["SH.510300", OrderType.B5TC, 1_000_000, 0],
  ])("%s type %i: %i accepted, one more refused", (symbol, orderType, cap, price) => {
    // Sells at the limit-up price rest (limit) or sweep the bids (market): the cap is what decides.
    expect(code(b, sellOf(symbol, orderType, cap, price))).toBe(0);
    const rsp = b.placeOrder("acc1", sellOf(symbol, orderType, cap + 1, price));
    expect(rsp.errorCode).toBe(ErrorCode.ORDER_ABOVE_MAX_VOLUME);
    expect(rsp.errorMsg).toMatch(new RegExp(`maximum of ${cap} shares per (limit|market) order$`));
  });
});

describe("funds and ETFs", () => {
  it("quote in 0.001 and accept a pre-close such as 4.621", () => {
    const b = makeBroker({
      accounts: RICH,
      instruments: [
        { code: "600000", market: "SH", name: "浦发银行", preClose: 10.23 },
        { code: "000001", market: "SZ", name: "平安银行", preClose: 11.52 },
        { code: "300750", market: "SZ", name: "宁德时代", preClose: 372.4 },
        { code: "688981", market: "SH", name: "中芯国际", preClose: 112.35 },
        { code: "510300", market: "SH", name: "沪深300ETF", securityType: "etf", preClose: 4.621 },
      ],
    });
    expect(b.baseInfo(1, "510300")).toMatchObject({
      preClose: y(4.621),
      limitUp: y(5.083),
      limitDown: y(4.159),
    });
    expect(code(b, buy("SH.510300", 4.621, 100))).toBe(0);
    expect(code(b, buy("SH.510300", 4.6215, 100))).toBe(ErrorCode.ORDER_BAD_TICK);
    expect(b.placeOrder("acc1", buy("SH.510300", 4.6215, 100)).errorMsg).toBe(
      "price 4.6215 is not a multiple of the tick 0.001",
    );
    // A stock keeps the 0.01 tick.
    expect(code(b, buy("SH.600000", 10.235, 100))).toBe(ErrorCode.ORDER_BAD_TICK);
  });

  it("refuses a stock pre-close off the 0.01 tick in the config, naming the field", () => {
    expect(() =>
      parseMockConfig(
        baseConfig({
          accounts: [],
          instruments: [{ code: "600000", market: "SH", name: "x", preClose: 4.621 }],
        }),
      ),
    ).toThrow("instruments[0].preClose: expected a multiple of the price tick 0.01");
  });

  it("pay no stamp duty on sells; stocks do", () => {
    const b = makeBroker({ accounts: RICH });
    const etf = expectOk(
      b.placeOrder("acc1", { ...sell("SH.510300", 1, 10_000), orderType: OrderType.B5TC, price: 0 }),
    );
    const stock = expectOk(
      b.placeOrder("acc1", { ...sell("SH.600000", 1, 10_000), orderType: OrderType.B5TC, price: 0 }),
    );
    const feeOf = (orderId: string) => {
      const trades = tradesOf(b, "acc1", orderId);
      const amount = trades.reduce((s, t) => s + t.amount, 0);
      return { amount, fee: trades.reduce((s, t) => s + t.fee, 0) };
    };
    const round = (units: number) => Math.floor((units + 50) / 100) * 100;
    const e = feeOf(etf);
    // commission max(0.025%, 5.00) + transfer 0.001%, no duty.
    expect(e.fee).toBe(Math.max(round(e.amount * 0.00025), 50_000) + round(e.amount * 0.00001));
    const s = feeOf(stock);
    expect(s.fee).toBe(
      Math.max(round(s.amount * 0.00025), 50_000) + round(s.amount * 0.0005) + round(s.amount * 0.00001),
    );
    // The parts of each fill, and of the account's books, add up to the reported fees.
    const partsOf = (orderId: string) => tradesOf(b, "acc1", orderId).map((t) => b.tradeFeeParts(t.tradeId));
    expect(partsOf(etf).every((p) => p?.stampDuty === 0)).toBe(true);
    expect(partsOf(stock).reduce((sum, p) => sum + (p?.stampDuty ?? 0), 0)).toBe(round(s.amount * 0.0005));
    for (const t of tradesOf(b, "acc1")) {
      const p = b.tradeFeeParts(t.tradeId);
      expect(p && p.commission + p.stampDuty + p.transferFee).toBe(t.fee);
    }
    expect(b.books("acc1").fees).toEqual({
      commission: Math.max(round(e.amount * 0.00025), 50_000) + Math.max(round(s.amount * 0.00025), 50_000),
      stampDuty: round(s.amount * 0.0005),
      transferFee: round(e.amount * 0.00001) + round(s.amount * 0.00001),
      total: e.fee + s.fee,
    });
  });
});

describe("same-day turnaround (T+0)", () => {
  const config = (sameDayTurnaround: boolean) =>
    baseConfig({
      accounts: [{ accountId: "acc1", password: "p", cash: 1_000_000, positions: [] }],
      instruments: [
        {
          code: "511010",
          market: "SH",
          name: "国债ETF",
          securityType: "etf",
          preClose: 130.5,
          sameDayTurnaround,
        },
      ],
    });
  const roundTrip = (sameDay: boolean) => {
    const b = new Broker(parseMockConfig(config(sameDay)), { now: () => TEN_AM });
    const ask = b.snapshot(1, "511010")?.askPrice[0] ?? 0;
    expectOk(b.placeOrder("acc1", { ...buy("SH.511010", 1, 100), price: ask }));
    return b.placeOrder("acc1", { ...sell("SH.511010", 1, 100), orderType: OrderType.B5TC, price: 0 })
      .errorCode;
  };

  it("lets a T+0 fund be sold the day it is bought; T+1 otherwise", () => {
    expect(roundTrip(true)).toBe(0);
    expect(roundTrip(false)).toBe(ErrorCode.ORDER_T_PLUS_1);
  });

  it("refuses T+0 for a stock in the config, naming the field", () => {
    expect(() =>
      parseMockConfig(
        baseConfig({
          accounts: [],
          instruments: [{ code: "600000", market: "SH", name: "x", preClose: 10, sameDayTurnaround: true }],
        }),
      ),
    ).toThrow("instruments[0].sameDayTurnaround: A-share stocks are T+1");
  });
});

describe("price cage", () => {
  /** A broker with the cage on and a settable clock (realtime sessions). */
  function cageBroker(day = 20261126, mode: "always-open" | "realtime" = "always-open") {
    let now = TEN_AM;
    const broker = new Broker(
      parseMockConfig(
        baseConfig({ accounts: RICH, tradingDay: day, sessionMode: mode, rules: { priceCage: true } }),
      ),
      { now: () => now },
    );
    return { broker, setNow: (d: Date) => (now = d) };
  }
  const book = (b: Broker, market: number, code: string) => {
    const s = b.snapshot(market, code);
    if (s === undefined) throw new Error("no snapshot");
    return { bid1: s.bidPrice[0] ?? 0, ask1: s.askPrice[0] ?? 0 };
  };
  const minSell = (bid1: number, ticks = 10) =>
    Math.min(Math.ceil((bid1 * 98) / 100 / 100) * 100, bid1 - ticks * 100);

  it("SSE main board: the bound is accepted, one tick past it refused with 2017", () => {
    const { broker } = cageBroker();
    const { bid1, ask1 } = book(broker, 1, "600000");
    const up = mainBoardCageTop(ask1);
    expect(code(broker, { ...buy("SH.600000", 1, 100), price: up + 100 })).toBe(
      ErrorCode.ORDER_OUTSIDE_PRICE_CAGE,
    );
    const down = minSell(bid1);
    const rsp = broker.placeOrder("acc1", { ...sell("SH.600000", 1, 100), price: down - 100 });
    expect(rsp.errorCode).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
    expect(rsp.errorMsg).toMatch(/^sell price \S+ of SH\.600000 is below the price cage \(2% or 10 ticks/);
    expect(code(broker, { ...buy("SH.600000", 1, 100), price: up })).toBe(0);
    expect(code(broker, { ...sell("SH.600000", 1, 100), price: down })).toBe(0);
  });

  it("STAR: 2% without the 10-tick arm", () => {
    const { broker } = cageBroker();
    const { ask1 } = book(broker, 1, "688981");
    const up = Math.floor((ask1 * 102) / 100 / 100) * 100;
    expect(code(broker, { ...buy("SH.688981", 1, 200), price: up })).toBe(0);
    const rsp = broker.placeOrder("acc1", { ...buy("SH.688981", 1, 200), price: up + 100 });
    expect(rsp.errorCode).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
    expect(rsp.errorMsg).toMatch(/\(2% from the best opposite price\)$/);
  });

  it("has no cage before 2023-04-10 on the main board, and none for funds", () => {
    const { broker } = cageBroker(20230407);
    const { ask1 } = book(broker, 1, "600000");
    expect(code(broker, { ...buy("SH.600000", 1, 100), price: mainBoardCageTop(ask1) + 100 })).toBe(0);
    const etf = cageBroker().broker;
    expect(code(etf, { ...buy("SH.510300", 1, 100), price: y(5.08) })).toBe(0);
  });

  it("SZSE: an order outside the cage is accepted and held, not matched, until the cage reaches it", () => {
    const { broker, setNow } = cageBroker(20261126, "realtime");
    const { ask1 } = book(broker, 2, "000001");
    const price = mainBoardCageTop(ask1) + 100;
    const orderId = expectOk(broker.placeOrder("acc1", { ...buy("SZ.000001", 1, 100), price }));
    // Marketable (above the ask) but held: no fill on arrival.
    expect(tradesOf(broker, "acc1", orderId)).toEqual([]);
    expect(orderReports(broker, "acc1", orderId).at(-1)?.status).toBe(OrderStatus.New);
    // The call auctions have no cage: it takes part in the closing auction and executes at its
    // single price when the auction uncrosses at 15:00.
    setNow(new Date("2026-11-26T06:57:30.000Z"));
    broker.stepMarket();
    expect(tradesOf(broker, "acc1", orderId)).toEqual([]);
    setNow(new Date("2026-11-26T07:00:00.000Z"));
    broker.stepMarket();
    const fills = tradesOf(broker, "acc1", orderId);
    expect(fills.reduce((s, t) => s + t.volume, 0)).toBe(100);
    expect(fills.every((t) => t.price <= price)).toBe(true);
  });

  it("is off by default in always-open mode, so marketable limits still cross the book", () => {
    const b = makeBroker({ accounts: RICH });
    expect(code(b, buy("SH.600000", 11.25, 100))).toBe(0);
  });
});

describe("cancel windows of the call auctions (3004)", () => {
  it("refuses cancels 09:20–09:25 and 14:57–15:00 and accepts them just outside", () => {
    let now = new Date("2026-11-26T01:19:59.999Z"); // 09:19:59.999
    const b = new Broker(parseMockConfig(baseConfig({ accounts: RICH, sessionMode: "realtime" })), {
      now: () => now,
    });
    const place = () => expectOk(b.placeOrder("acc1", buy("SH.600000", 9.21, 100)));
    const cancel = (orderId: string) => b.cancelOrder("acc1", { orderId, clOrderId: "" });
    expect(cancel(place()).errorCode).toBe(0);
    now = new Date("2026-11-26T01:20:00.000Z");
    const held = place();
    const refused = cancel(held);
    expect(refused).toMatchObject({
      errorCode: ErrorCode.CANCEL_NOT_ALLOWED_NOW,
      status: OrderStatus.CancelRejected,
    });
    expect(refused.errorMsg).toBe("cancels are not accepted 09:20:00–09:25:00 (call auction); now 09:20:00");
    now = new Date("2026-11-26T01:24:59.999Z");
    expect(cancel(held).errorCode).toBe(ErrorCode.CANCEL_NOT_ALLOWED_NOW);
    now = new Date("2026-11-26T01:25:00.000Z");
    expect(cancel(held).errorCode).toBe(0);
    now = new Date("2026-11-26T06:56:59.999Z");
    expect(cancel(place()).errorCode).toBe(0);
    now = new Date("2026-11-26T06:57:00.000Z");
    const late = place();
    expect(cancel(late).errorCode).toBe(ErrorCode.CANCEL_NOT_ALLOWED_NOW);
    now = new Date("2026-11-26T06:59:59.999Z");
    expect(cancel(late).errorCode).toBe(ErrorCode.CANCEL_NOT_ALLOWED_NOW);
  });

  it("always-open mode accepts cancels at any time", () => {
    const b = new Broker(parseMockConfig(baseConfig({ accounts: RICH })), {
      now: () => new Date("2026-11-26T01:21:00.000Z"),
    });
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 9.21, 100)));
    expect(b.cancelOrder("acc1", { orderId: id, clOrderId: "" }).errorCode).toBe(0);
  });
});
