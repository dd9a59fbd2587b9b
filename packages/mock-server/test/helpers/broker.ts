/** Shared fixtures of the domain tests: a small config, a fixed clock, order helpers, a ledger. */
import {
  Broker,
  type BrokerOptions,
  type MockConfigInput,
  PRICE_SCALE,
  parseMockConfig,
} from "../../src/domain/index.js";
import { SimClock } from "../../src/domain/sim-clock.js";
import type { OrderReq, OrderRsp, Report, TradeReport } from "../../src/protocol/messages.js";
import { OrderType, Side } from "../../src/protocol/messages.js";

export const DAY = 20261126;
/** 2026-11-26 10:00:00.000 in Beijing. */
export const TEN_AM = new Date("2026-11-26T02:00:00.000Z");

/** Yuan → scaled, for literals in tests (exact for ≤ 4 decimals). */
export const y = (yuan: number): number => Math.round(yuan * PRICE_SCALE);

export function baseConfig(overrides: Partial<MockConfigInput> = {}): MockConfigInput {
  return {
    tradingDay: DAY,
    accounts: [
      {
        accountId: "acc1",
        password: "pw1",
        orgCode: "0001",
        branchCode: "1001",
        cash: 1_000_000,
        positions: [
          { symbol: "SH.600000", volume: 1_000, costPrice: 10 },
          { symbol: "SZ.000001", volume: 350, ydVolume: 250, costPrice: 11 },
          { symbol: "SH.688981", volume: 450, costPrice: 100 },
        ],
      },
      {
        accountId: "poor",
        password: "pw2",
        cash: 1_000,
        positions: [{ symbol: "SH.600899", volume: 30, costPrice: 3 }],
      },
    ],
    mdUsers: [{ user: "md", password: "mdpw" }],
    instruments: [
      { code: "600000", market: "SH", name: "浦发银行", preClose: 10.23 },
      { code: "000001", market: "SZ", name: "平安银行", preClose: 11.52 },
      { code: "300750", market: "SZ", name: "宁德时代", preClose: 372.4 },
      { code: "688981", market: "SH", name: "中芯国际", preClose: 112.35 },
      { code: "600899", market: "SH", name: "*ST示例", preClose: 3.33 },
      { code: "510300", market: "SH", name: "沪深300ETF", securityType: "etf", preClose: 4.62 },
    ],
    market: { mode: "random-walk", seed: 7, volatility: 0.002 },
    ...overrides,
  };
}

/**
 * The highest buy inside the main-board price cage of 2023 (the higher of 102% of ask 1, floored
 * to the 0.01 tick, and ask 1 + 10 ticks; scaled), worked out independently of the code under test.
 */
export const mainBoardCageTop = (ask1: number): number =>
  Math.max(Math.floor((ask1 * 102) / 100 / 100) * 100, ask1 + 10 * 100);

/** A buy price one tick past the main-board cage, kept within the limit-up price. */
export const pastMainBoardCage = (ask1: number, limitUp: number): number =>
  Math.min(mainBoardCageTop(ask1) + 100, limitUp);

/** Friday 2026-11-27, a trading day, in Beijing at `hh:mm:ss.mmm`. */
export const friday = (time: string): Date => new Date(`2026-11-27T${time}+08:00`);

/**
 * A `realtime` broker on a stopped simulated clock starting Friday 2026-11-27 at `start`
 * (`hh:mm:ss.mmm`), with one account `acc1` (password `p`); `moveTo` steps the clock forward to
 * a later time of that day.
 */
export function simulatedDayBroker(
  start: string,
  account: { cash: number; positions?: { symbol: string; volume: number; costPrice: number }[] },
  overrides: Partial<MockConfigInput> = {},
) {
  const clock = new SimClock({ start: friday(start), speed: 0 });
  const broker = new Broker(
    parseMockConfig(
      baseConfig({
        tradingDay: 20261127,
        sessionMode: "realtime",
        accounts: [{ accountId: "acc1", password: "p", ...account }],
        ...overrides,
      }),
    ),
    { now: () => clock.now() },
  );
  const moveTo = (time: string) => clock.advance(friday(time).getTime() - clock.nowMs());
  return { broker, clock, moveTo };
}

export function makeBroker(overrides: Partial<MockConfigInput> = {}, options: BrokerOptions = {}): Broker {
  return new Broker(parseMockConfig(baseConfig(overrides)), { now: () => TEN_AM, ...options });
}

/** A broker whose market replays `csv` (see csv-replay.ts). */
export function replayBroker(
  csv: string,
  overrides: Partial<MockConfigInput> = {},
  options: BrokerOptions = {},
): Broker {
  return makeBroker(
    { market: { mode: "replay", csvPath: "test.csv" }, ...overrides },
    { readFile: () => csv, ...options },
  );
}

let clCounter = 0;
export function limit(
  symbol: string,
  side: Side,
  priceYuan: number,
  volume: number,
  clOrderId?: string,
): OrderReq {
  clCounter += 1;
  return {
    clOrderId: clOrderId ?? `c${clCounter}`,
    symbol,
    orderType: OrderType.LMT,
    side,
    volume,
    price: y(priceYuan),
  };
}
export function market(symbol: string, side: Side, volume: number): OrderReq {
  clCounter += 1;
  return { clOrderId: `m${clCounter}`, symbol, orderType: OrderType.B5TC, side, volume, price: 0 };
}
export const buy = (symbol: string, priceYuan: number, volume: number, cl?: string) =>
  limit(symbol, Side.Bid, priceYuan, volume, cl);
export const sell = (symbol: string, priceYuan: number, volume: number, cl?: string) =>
  limit(symbol, Side.Ask, priceYuan, volume, cl);

export function expectOk(rsp: OrderRsp): string {
  if (rsp.errorCode !== 0) throw new Error(`order rejected ${rsp.errorCode}: ${rsp.errorMsg}`);
  return rsp.orderId;
}

/** Order reports of one order, in sequence. */
export function orderReports(broker: Broker, accountId: string, orderId: string) {
  return broker
    .reportsAfter(accountId, 0)
    .filter((r): r is Extract<Report, { type: "order" }> => r.type === "order" && r.body.orderId === orderId)
    .map((r) => r.body);
}

export function tradesOf(broker: Broker, accountId: string, orderId?: string): TradeReport[] {
  return broker
    .reportsAfter(accountId, 0)
    .filter((r): r is Extract<Report, { type: "trade" }> => r.type === "trade")
    .map((r) => r.body)
    .filter((t) => orderId === undefined || t.orderId === orderId);
}

/** Positions and cash recomputed from the starting books and the trade reports. */
export function ledgerFromTrades(
  start: {
    balance: number;
    positions: Map<string, { volume: number; ydVolume: number; costAmount: number }>;
  },
  trades: readonly TradeReport[],
) {
  let balance = start.balance;
  let totalFee = 0;
  const positions = new Map<
    string,
    { volume: number; ydVolume: number; todayBuyVolume: number; costAmount: number }
  >();
  for (const [symbol, p] of start.positions) {
    positions.set(symbol, {
      volume: p.volume,
      ydVolume: p.ydVolume,
      todayBuyVolume: p.volume - p.ydVolume,
      costAmount: p.costAmount,
    });
  }
  for (const t of trades) {
    let p = positions.get(t.symbol);
    if (p === undefined) {
      p = { volume: 0, ydVolume: 0, todayBuyVolume: 0, costAmount: 0 };
      positions.set(t.symbol, p);
    }
    expectInt(t.amount === t.price * t.volume, `trade ${t.tradeId}: amount ≠ price × volume`);
    totalFee += t.fee;
    if (t.side === Side.Bid) {
      balance -= t.amount + t.fee;
      p.volume += t.volume;
      p.todayBuyVolume += t.volume;
      p.costAmount += t.amount + t.fee;
    } else {
      balance += t.amount - t.fee;
      p.volume -= t.volume;
      p.ydVolume -= t.volume;
      p.costAmount -= t.amount - t.fee;
    }
  }
  return { balance, totalFee, positions };
}

function expectInt(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}
