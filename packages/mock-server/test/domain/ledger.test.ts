import { describe, expect, it } from "vitest";
import type { Broker } from "../../src/domain/index.js";
import { mulberry32 } from "../../src/domain/prng.js";
import type { OrderReport, OrderReq } from "../../src/protocol/messages.js";
import { OrderStatus, OrderType, QueryKind, Side } from "../../src/protocol/messages.js";
import { ledgerFromTrades, makeBroker, tradesOf } from "../helpers/broker.js";

const SYMBOLS = ["SH.600000", "SZ.000001", "SZ.300750", "SH.688981", "SH.600899", "SH.510300"];
const FINAL = new Set<number>([
  OrderStatus.Filled,
  OrderStatus.CancelFilled,
  OrderStatus.PartiallyCanceled,
  OrderStatus.Rejected,
]);

function allOrders(broker: Broker, accountId: string): OrderReport[] {
  const out: OrderReport[] = [];
  let posStr = "";
  for (;;) {
    const rsp = broker.query(accountId, {
      requestId: 1,
      kind: QueryKind.Orders,
      posStr,
      queryNum: 500,
      symbol: "",
    });
    expect(rsp.errorCode).toBe(0);
    out.push(...(rsp.records as OrderReport[]));
    if (rsp.isLast) return out;
    posStr = rsp.nextPosStr;
  }
}

type Start = Parameters<typeof ledgerFromTrades>[0];

function startOf(broker: Broker, accountId: string): Start {
  const books = broker.books(accountId);
  return {
    balance: books.cash.balance,
    positions: new Map(
      books.positions.map((p) => [
        p.symbol,
        { volume: p.volume, ydVolume: p.ydVolume, costAmount: p.costAmount },
      ]),
    ),
  };
}

/** Recomputes each account's books from its trade and order reports and compares with the broker's. */
function checkLedger(broker: Broker, starts: Map<string, Start>): void {
  for (const [accountId, start] of starts) {
    const trades = tradesOf(broker, accountId);
    const derived = ledgerFromTrades(start, trades);
    const { cash, positions } = broker.books(accountId);
    const orders = allOrders(broker, accountId);
    const open = orders.filter((o) => !FINAL.has(o.status));
    expect(cash.balance).toBe(derived.balance);
    expect(cash.totalFee).toBe(derived.totalFee);
    expect(cash.balance).toBeGreaterThanOrEqual(0);
    expect(cash.available).toBeGreaterThanOrEqual(0);
    expect(cash.frozen).toBe(open.reduce((s, o) => s + o.frozenCash, 0));
    for (const p of positions) {
      const d = derived.positions.get(p.symbol) ?? {
        volume: 0,
        ydVolume: 0,
        todayBuyVolume: 0,
        costAmount: 0,
      };
      expect([p.symbol, p.volume, p.ydVolume, p.todayBuyVolume, p.costAmount]).toEqual([
        p.symbol,
        d.volume,
        d.ydVolume,
        d.todayBuyVolume,
        d.costAmount,
      ]);
      const frozenBySells = open
        .filter((o) => o.side === Side.Ask && o.symbol === p.symbol)
        .reduce((s, o) => s + o.volume - o.filledVolume - o.canceledVolume, 0);
      expect(p.frozenVolume).toBe(frozenBySells);
      expect(p.availableVolume).toBeGreaterThanOrEqual(0);
    }
    const byOrder = new Map<string, typeof trades>();
    for (const t of trades) byOrder.set(t.orderId, [...(byOrder.get(t.orderId) ?? []), t]);
    for (const o of orders) {
      const own = byOrder.get(o.orderId) ?? [];
      expect(o.filledVolume).toBe(own.reduce((s, t) => s + t.volume, 0));
      expect(o.filledAmount).toBe(own.reduce((s, t) => s + t.amount, 0));
      if (FINAL.has(o.status) && o.status !== OrderStatus.Rejected) {
        expect(o.filledVolume + o.canceledVolume).toBe(o.volume);
        expect(o.frozenCash).toBe(0);
      }
    }
    const seqs = broker.reportsAfter(accountId, 0).map((r) => r.body.reportSeq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }
}

describe("ledger invariant", () => {
  it("positions and cash recomputed from trade reports equal the books after a random order flow", () => {
    const broker = makeBroker(
      {
        accounts: [
          {
            accountId: "rich",
            password: "p",
            cash: 200_000_000,
            positions: [
              { symbol: "SH.600000", volume: 200_000, costPrice: 10.5 },
              { symbol: "SZ.000001", volume: 100_000, costPrice: 11.8 },
              { symbol: "SZ.300750", volume: 10_000, ydVolume: 7_000, costPrice: 300 },
              { symbol: "SH.688981", volume: 23_456, costPrice: 100.1234 },
              { symbol: "SH.600899", volume: 100_070, costPrice: 3.3 },
              { symbol: "SH.510300", volume: 500_050, costPrice: 4.1 },
            ],
          },
          {
            accountId: "lean",
            password: "p",
            cash: 200_000,
            positions: [{ symbol: "SH.600899", volume: 1_530, costPrice: 3.2 }],
          },
        ],
        market: { mode: "random-walk", seed: 4242, volatility: 0.004 },
        matching: { cancelDelaySteps: 1 },
      },
      {},
    );
    const accounts = ["rich", "lean"];
    const starts = new Map(accounts.map((a) => [a, startOf(broker, a)]));
    const random = mulberry32(20261126);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const placed: [string, string][] = [];
    let orders = 0;
    let rejected = 0;
    for (let step = 0; orders < 4_000; step++) {
      const r = random();
      if (r < 0.5) {
        const accountId = random() < 0.8 ? "rich" : "lean";
        const symbol = pick(SYMBOLS);
        const [mkt, code] = symbol.split(".") as [string, string];
        const snap = broker.snapshot(mkt === "SH" ? 1 : 2, code);
        if (snap === undefined) throw new Error(symbol);
        const side = random() < 0.5 ? Side.Bid : Side.Ask;
        const orderType = random() < 0.85 ? OrderType.LMT : OrderType.B5TC;
        const ticks = Math.round((random() - 0.5) * 20);
        const price = orderType === OrderType.LMT ? snap.last + ticks * 100 : 0;
        const star = symbol === "SH.688981";
        const size = random();
        const volume =
          size < 0.1
            ? 1 + Math.floor(random() * 150) // odd lots
            : size < 0.2
              ? (50 + Math.floor(random() * 100)) * 100 // bigger than the book: partial fills
              : star
                ? 200 + Math.floor(random() * 800)
                : (1 + Math.floor(random() * 20)) * 100;
        const req: OrderReq = { clOrderId: `o${orders}`, symbol, orderType, side, volume, price };
        const rsp = broker.placeOrder(accountId, req);
        orders += 1;
        if (rsp.errorCode !== 0) rejected += 1;
        placed.push([accountId, rsp.orderId]);
      } else if (r < 0.8 && placed.length > 0) {
        const [accountId, orderId] = pick(placed);
        broker.cancelOrder(accountId, { orderId, clOrderId: "" });
      } else {
        broker.stepMarket();
      }
      if (step % 1_500 === 0) checkLedger(broker, starts);
    }
    for (let i = 0; i < 50; i++) broker.stepMarket();
    checkLedger(broker, starts);

    // the flow exercised fills, rejections and cancels on both accounts
    const trades = accounts.flatMap((a) => tradesOf(broker, a));
    expect(trades.length).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(300);
    expect(orders - rejected).toBeGreaterThan(1_000);
    const statuses = new Set(accounts.flatMap((a) => allOrders(broker, a).map((o) => o.status)));
    for (const s of [
      OrderStatus.Filled,
      OrderStatus.PartiallyCanceled,
      OrderStatus.CancelFilled,
      OrderStatus.Rejected,
      OrderStatus.New,
    ]) {
      expect(statuses).toContain(s);
    }
    // balance + Σ costAmount only changes by what the config set (diluted cost)
    for (const a of accounts) {
      const start = starts.get(a) as Start;
      const before = start.balance + [...start.positions.values()].reduce((s, p) => s + p.costAmount, 0);
      const { cash, positions } = broker.books(a);
      expect(cash.balance + positions.reduce((s, p) => s + p.costAmount, 0)).toBe(before);
    }
  });
});
