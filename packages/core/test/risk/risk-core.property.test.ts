// Property tests of RiskCore over random order streams, against a naive model that recomputes
// every figure from full lists: no accepted order exceeds a limit, and every refusal names a limit
// the order really would have exceeded (nothing within the limits is refused).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createOrder,
  createPosition,
  createTrade,
  Direction,
  Exchange,
  type OrderRequest,
  OrderType,
  type RiskConfigInput,
  type RiskCore,
  Status,
} from "../../src/index.js";
import { buy, coreWith, GW, sell } from "../helpers/risk.js";

const SYMBOLS = ["600000", "600001", "000001"] as const;

interface ModelOrder {
  readonly id: string;
  readonly req: OrderRequest;
  traded: number;
}

/** The naive model: lists, recomputed from scratch for every question. */
class Model {
  readonly orderTimes: number[] = [];
  readonly cancelTimes: number[] = [];
  readonly active = new Map<string, ModelOrder>();
  readonly pos = new Map<string, number>();
  readonly mark = new Map<string, number>();

  inWindow(times: readonly number[], now: number): number {
    return times.filter((t) => now - t < 1000).length;
  }
  pending(symbol: string, dir: Direction): number {
    let sum = 0;
    for (const o of this.active.values())
      if (o.req.symbol === symbol && o.req.direction === dir) sum += o.req.volume - o.traded;
    return sum;
  }
  cases(symbol: string): { long: number; short: number; worst: number } {
    const p = this.pos.get(symbol) ?? 0;
    const long = p + this.pending(symbol, Direction.LONG);
    const short = p - this.pending(symbol, Direction.SHORT);
    return { long, short, worst: Math.max(Math.abs(long), Math.abs(short)) };
  }

  /** Every rule the order would break, under `c`. */
  violations(c: RiskConfigInput, req: OrderRequest, now: number): Set<string> {
    const v = new Set<string>();
    const mark = this.mark.get(req.symbol) ?? 0;
    const isBuy = req.direction === Direction.LONG;
    if (c.maxOrderVolume !== undefined && req.volume > c.maxOrderVolume) v.add("maxOrderVolume");
    const orderPrice = req.type === OrderType.LIMIT || req.price > 0 ? req.price : mark;
    const vp = Math.max(orderPrice, mark);
    const needsPrice = [c.maxOrderNotional, c.maxExposurePerSymbol, c.maxExposureTotal].some(
      (x) => x !== undefined,
    );
    if (needsPrice && !(vp > 0)) v.add("referencePrice");
    if (c.maxOrderNotional !== undefined && vp * req.volume > c.maxOrderNotional) v.add("maxOrderNotional");
    if (c.maxOrdersPerSecond !== undefined && this.inWindow(this.orderTimes, now) >= c.maxOrdersPerSecond)
      v.add("maxOrdersPerSecond");
    const actionsWindow = this.inWindow(this.orderTimes, now) + this.inWindow(this.cancelTimes, now);
    if (c.maxActionsPerSecond !== undefined && actionsWindow >= c.maxActionsPerSecond)
      v.add("maxActionsPerSecond");
    if (c.maxOrdersPerDay !== undefined && this.orderTimes.length >= c.maxOrdersPerDay)
      v.add("maxOrdersPerDay");
    const actionsDay = this.orderTimes.length + this.cancelTimes.length;
    if (c.maxActionsPerDay !== undefined && actionsDay >= c.maxActionsPerDay) v.add("maxActionsPerDay");
    if (c.maxActiveOrders !== undefined && this.active.size >= c.maxActiveOrders) v.add("maxActiveOrders");
    const here = [...this.active.values()].filter((o) => o.req.symbol === req.symbol).length;
    if (c.maxActiveOrdersPerSymbol !== undefined && here >= c.maxActiveOrdersPerSymbol)
      v.add("maxActiveOrdersPerSymbol");

    const cs = this.cases(req.symbol);
    const before = Math.abs(isBuy ? cs.long : cs.short);
    const after = Math.abs(isBuy ? cs.long + req.volume : cs.short - req.volume);
    if (after > before) {
      const worstAfter = Math.max(after, Math.abs(isBuy ? cs.short : cs.long));
      const others = SYMBOLS.filter((s) => s !== req.symbol);
      const totalAfter = others.reduce((sum, s) => sum + this.cases(s).worst, 0) + worstAfter;
      const exposureAfter =
        others.reduce((sum, s) => sum + this.cases(s).worst * (this.mark.get(s) ?? 0), 0) + worstAfter * vp;
      if (c.maxPositionPerSymbol !== undefined && after > c.maxPositionPerSymbol)
        v.add("maxPositionPerSymbol");
      if (c.maxPositionTotal !== undefined && totalAfter > c.maxPositionTotal) v.add("maxPositionTotal");
      if (c.maxExposurePerSymbol !== undefined && after * vp > c.maxExposurePerSymbol)
        v.add("maxExposurePerSymbol");
      if (c.maxExposureTotal !== undefined && exposureAfter > c.maxExposureTotal) v.add("maxExposureTotal");
    }
    if (c.selfTradePrevention !== false) {
      for (const o of this.active.values()) {
        if (o.req.symbol !== req.symbol || o.req.direction === req.direction) continue;
        const limit = req.type === OrderType.LIMIT ? req.price : isBuy ? Number.POSITIVE_INFINITY : 0;
        if (o.req.type !== OrderType.LIMIT || (isBuy ? o.req.price <= limit : o.req.price >= limit))
          v.add("selfTradePrevention");
      }
    }
    return v;
  }

  cancelViolations(c: RiskConfigInput, now: number): Set<string> {
    const v = new Set<string>();
    if (c.maxCancelsPerSecond !== undefined && this.inWindow(this.cancelTimes, now) >= c.maxCancelsPerSecond)
      v.add("maxCancelsPerSecond");
    const actionsWindow = this.inWindow(this.orderTimes, now) + this.inWindow(this.cancelTimes, now);
    if (c.maxActionsPerSecond !== undefined && actionsWindow >= c.maxActionsPerSecond)
      v.add("maxActionsPerSecond");
    if (c.maxCancelsPerDay !== undefined && this.cancelTimes.length >= c.maxCancelsPerDay)
      v.add("maxCancelsPerDay");
    if (
      c.maxActionsPerDay !== undefined &&
      this.orderTimes.length + this.cancelTimes.length >= c.maxActionsPerDay
    )
      v.add("maxActionsPerDay");
    return v;
  }
}

// Each limit is off half the time, so orders pass often enough to build state.
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const configArb: fc.Arbitrary<RiskConfigInput> = fc.record({
  maxOrdersPerSecond: optional(fc.integer({ min: 1, max: 8 })),
  maxOrdersPerDay: optional(fc.integer({ min: 1, max: 60 })),
  maxCancelsPerSecond: optional(fc.integer({ min: 1, max: 5 })),
  maxCancelsPerDay: optional(fc.integer({ min: 1, max: 30 })),
  maxActionsPerSecond: optional(fc.integer({ min: 1, max: 10 })),
  maxActionsPerDay: optional(fc.integer({ min: 1, max: 80 })),
  maxOrderVolume: optional(fc.integer({ min: 300, max: 1000 })),
  maxOrderNotional: optional(fc.integer({ min: 2000, max: 12_000 })),
  maxActiveOrders: optional(fc.integer({ min: 1, max: 8 })),
  maxActiveOrdersPerSymbol: optional(fc.integer({ min: 1, max: 4 })),
  maxPositionPerSymbol: optional(fc.integer({ min: 500, max: 3000 })),
  maxPositionTotal: optional(fc.integer({ min: 1000, max: 6000 })),
  maxExposurePerSymbol: optional(fc.integer({ min: 5000, max: 40_000 })),
  maxExposureTotal: optional(fc.integer({ min: 10_000, max: 80_000 })),
  selfTradePrevention: fc.boolean(),
});

type Action =
  | { kind: "send"; buy: boolean; symbol: number; volume: number; price: number; market: boolean }
  | { kind: "cancel"; pick: number }
  | { kind: "fill"; pick: number; share: number }
  | { kind: "tick"; symbol: number; price: number }
  | { kind: "position"; symbol: number }
  | { kind: "wait"; ms: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("send" as const),
      buy: fc.boolean(),
      symbol: fc.integer({ min: 0, max: 2 }),
      volume: fc.integer({ min: 1, max: 6 }).map((lots) => lots * 100),
      price: fc.integer({ min: 1, max: 20 }),
      market: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("fill" as const),
      pick: fc.nat(),
      share: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("tick" as const),
      symbol: fc.integer({ min: 0, max: 2 }),
      price: fc.integer({ min: 1, max: 20 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("position" as const), symbol: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 3,
    // Mostly short gaps (bursts that reach the per-second limits), some exactly on the window's
    // edge, some long ones that empty it.
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      ms: fc.oneof(
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(500, 1000),
        fc.integer({ min: 0, max: 1500 }),
      ),
    }),
  },
);

function report(core: RiskCore, o: ModelOrder, status: Status): void {
  core.onOrder(
    createOrder({
      gatewayName: GW,
      orderid: o.id.slice(GW.length + 1),
      symbol: o.req.symbol,
      exchange: o.req.exchange,
      direction: o.req.direction,
      type: o.req.type,
      price: o.req.price,
      volume: o.req.volume,
      traded: o.traded,
      status,
    }),
  );
}

describe("RiskCore over random order streams", () => {
  it("never lets an order past a limit, and refuses only what a limit forbids", () => {
    const stats = new Map<string, number>();
    fc.assert(
      fc.property(configArb, fc.array(actionArb, { minLength: 40, maxLength: 150 }), (config, actions) => {
        const { core, clock } = coreWith(config);
        const model = new Model();
        let seq = 0;
        let tradeSeq = 0;
        for (const a of actions) {
          const now = clock.ms;
          if (a.kind === "wait") clock.advance(a.ms);
          else if (a.kind === "tick") {
            core.onTick(`${SYMBOLS[a.symbol]}.SSE`, a.price);
            model.mark.set(SYMBOLS[a.symbol] as string, a.price);
          } else if (a.kind === "position") {
            const symbol = SYMBOLS[a.symbol] as string;
            core.onPosition(
              createPosition({
                gatewayName: GW,
                symbol,
                exchange: Exchange.SSE,
                direction: Direction.NET,
                volume: model.pos.get(symbol) ?? 0,
              }),
            );
          } else if (a.kind === "send") {
            const symbol = SYMBOLS[a.symbol] as string;
            const type = a.market ? OrderType.MARKET : OrderType.LIMIT;
            const price = a.market ? 0 : a.price;
            const req = a.buy ? buy(a.volume, price, symbol, type) : sell(a.volume, price, symbol, type);
            const broken = model.violations(core.config, req, now);
            const why = core.checkOrder(req, GW);
            if (why === undefined) {
              expect([...broken], `accepted ${JSON.stringify(req)}`).toEqual([]);
              stats.set("accepted", (stats.get("accepted") ?? 0) + 1);
              seq += 1;
              const id = `${GW}.${seq}`;
              core.trackSent(id, req, GW);
              model.orderTimes.push(now);
              model.active.set(id, { id, req, traded: 0 });
              if (!model.mark.has(symbol) && price > 0) model.mark.set(symbol, price);
            } else {
              expect(broken.has(why.rule), `refused by ${why.rule}, model breaks ${[...broken]}`).toBe(true);
              stats.set(why.rule, (stats.get(why.rule) ?? 0) + 1);
            }
          } else {
            const actives = [...model.active.values()];
            if (actives.length === 0) continue;
            const o = actives[a.pick % actives.length] as ModelOrder;
            if (a.kind === "cancel") {
              const broken = model.cancelViolations(core.config, now);
              const why = core.checkCancel({
                orderid: o.id,
                symbol: o.req.symbol,
                exchange: o.req.exchange,
                vtSymbol: o.req.vtSymbol,
              });
              if (why === undefined) {
                expect([...broken]).toEqual([]);
                model.cancelTimes.push(now);
                model.active.delete(o.id);
                report(core, o, Status.CANCELLED);
              } else {
                expect(broken.has(why.rule)).toBe(true);
                stats.set(why.rule, (stats.get(why.rule) ?? 0) + 1);
              }
            } else {
              const remaining = o.req.volume - o.traded;
              const qty = Math.max(1, Math.floor((remaining * a.share) / 100));
              const price = o.req.price > 0 ? o.req.price : (model.mark.get(o.req.symbol) ?? 10);
              tradeSeq += 1;
              core.onTrade(
                createTrade({
                  gatewayName: GW,
                  symbol: o.req.symbol,
                  exchange: o.req.exchange,
                  orderid: o.id.slice(GW.length + 1),
                  tradeid: `t${tradeSeq}`,
                  direction: o.req.direction,
                  price,
                  volume: qty,
                  datetime: new Date(now),
                }),
              );
              const signedQty = o.req.direction === Direction.SHORT ? -qty : qty;
              model.pos.set(o.req.symbol, (model.pos.get(o.req.symbol) ?? 0) + signedQty);
              if (!model.mark.has(o.req.symbol)) model.mark.set(o.req.symbol, price);
              o.traded += qty;
              if (o.traded === o.req.volume) {
                model.active.delete(o.id);
                report(core, o, Status.ALLTRADED);
              } else report(core, o, Status.PARTTRADED);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    // The streams must reach every rule, or the property proves little.
    const reached = [...stats.keys()].sort();
    if (process.env.RISK_STATS) console.log(Object.fromEntries(stats));
    for (const rule of [
      "accepted",
      "maxOrdersPerSecond",
      "maxCancelsPerSecond",
      "maxActionsPerSecond",
      "maxOrdersPerDay",
      "maxOrderVolume",
      "maxOrderNotional",
      "maxActiveOrders",
      "maxActiveOrdersPerSymbol",
      "maxPositionPerSymbol",
      "maxPositionTotal",
      "maxExposurePerSymbol",
      "maxExposureTotal",
      "selfTradePrevention",
      "referencePrice",
    ])
      expect(reached, JSON.stringify(Object.fromEntries(stats))).toContain(rule);
  });
});
