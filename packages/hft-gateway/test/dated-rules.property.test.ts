/**
 * The dated rules of `@tsgate/ashare-rules` (used by the gateway and the order form) against the
 * mock broker's own implementation: for any trading day 2019–2027, board, risk warning, kind and
 * previous close, both give the same daily limits; for any book and price in continuous trading,
 * both put a limit order inside or outside the same price cage, and the broker refuses (SSE) or
 * holds (SZSE) exactly the orders the shared rule says. Seeded (FC_SEED=<n>).
 */
import {
  boardOfCode,
  cageBounds,
  cageRuleOf,
  dailyLimits,
  type SecurityProfile,
  toPriceUnits,
} from "@tsgate/ashare-rules";
import {
  Broker,
  ErrorCode,
  parseMockConfig,
  OrderType as WireOrderType,
  Side as WireSide,
} from "@tsgate/mock-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const SEED = Number(process.env.FC_SEED ?? 20_261_202);

/** A trading day between 2019-01-02 and 2027-12-31 (weekends included: the rules do not care). */
const dayArb = fc
  .date({ min: new Date("2019-01-02T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate());

/** The switch days of the rules, and their eves, so every edge is drawn often. */
const edgeDayArb = fc.constantFrom(
  20190719,
  20190722,
  20200821,
  20200824,
  20230407,
  20230410,
  20250704,
  20250707,
);

const instrumentArb = fc.record({
  code: fc.constantFrom("600000", "000001", "300750", "301001", "688981", "689009", "510300", "159915"),
  st: fc.boolean(),
  preCloseUnits: fc.integer({ min: 100, max: 3_000 }).map((k) => k * 100),
});

type Inst = { code: string; st: boolean; preCloseUnits: number };
const isFund = (code: string) => code.startsWith("51") || code.startsWith("15");
const marketOf = (code: string) => (code.startsWith("6") || code.startsWith("5") ? "SH" : "SZ");
const profileOf = (i: Inst): SecurityProfile => ({
  exchange: marketOf(i.code) === "SH" ? "SSE" : "SZSE",
  board: boardOfCode(i.code),
  kind: isFund(i.code) ? "fund" : "stock",
  riskWarning: i.st && !isFund(i.code),
});

function brokerOf(i: Inst, day: number, cage = false): Broker {
  const market = marketOf(i.code);
  return new Broker(
    parseMockConfig({
      tradingDay: day,
      accounts: [
        {
          accountId: "p",
          password: "x",
          cash: 100_000_000,
          positions: [{ symbol: `${market}.${i.code}`, volume: 1_000_000, costPrice: 1 }],
        },
      ],
      instruments: [
        {
          code: i.code,
          market,
          name: "名称",
          securityType: isFund(i.code) ? "etf" : "stock",
          preClose: i.preCloseUnits / 10_000,
          riskWarning: i.st && !isFund(i.code),
        },
      ],
      rules: { priceCage: cage },
    }),
    { now: () => new Date("2026-11-26T02:00:00.000Z") },
  );
}

describe("dated rules: @tsgate/ashare-rules and the mock broker agree", () => {
  it("on the daily limits of every board, flag and kind, on any day", () => {
    fc.assert(
      fc.property(instrumentArb, fc.oneof(dayArb, edgeDayArb), (i, day) => {
        const broker = brokerOf(i, day);
        const info = broker.baseInfo(marketOf(i.code) === "SH" ? 1 : 2, i.code);
        expect(info).toMatchObject(dailyLimits(profileOf(i), i.preCloseUnits, day));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("on the price cage: inside is accepted, outside refused (SSE, 2017) or held (SZSE)", () => {
    fc.assert(
      fc.property(
        instrumentArb,
        fc.oneof(dayArb, edgeDayArb),
        fc.boolean(),
        fc.integer({ min: -40, max: 40 }),
        (i, day, buy, offsetTicks) => {
          const broker = brokerOf(i, day, true);
          const profile = profileOf(i);
          const market = marketOf(i.code);
          const snap = broker.snapshot(market === "SH" ? 1 : 2, i.code);
          if (snap === undefined) throw new Error("no snapshot");
          const quote = {
            bestBid: snap.bidPrice[0],
            bestAsk: snap.askPrice[0],
            last: snap.last,
            preClose: snap.preClose,
          };
          const tick = profile.kind === "stock" ? 100 : 10;
          const rule = cageRuleOf(profile, day);
          // Prices around the cage bound (or the touch when there is no cage), within the limits.
          const base = rule === undefined ? (buy ? snap.askPrice[0] : snap.bidPrice[0]) : undefined;
          const bound =
            base ??
            (buy
              ? cageBounds(rule!, profile.kind, quote).maxBuy
              : cageBounds(rule!, profile.kind, quote).minSell);
          const price = Math.min(
            snap.limitUp,
            Math.max(snap.limitDown, (bound ?? snap.last) + offsetTicks * tick),
          );
          const volume = profile.board === "star" && profile.kind === "stock" ? 200 : 100;
          const rsp = broker.placeOrder("p", {
            clOrderId: "",
            symbol: `${market}.${i.code}`,
            orderType: WireOrderType.LMT,
            side: buy ? WireSide.Bid : WireSide.Ask,
            volume,
            price,
          });
          const { maxBuy, minSell } =
            rule === undefined ? { maxBuy: Infinity, minSell: 0 } : cageBounds(rule, profile.kind, quote);
          const inside = buy ? price <= maxBuy : price >= minSell;
          const context = `${i.code} ${day} ${buy ? "buy" : "sell"} ${price}: ${rsp.errorCode} ${rsp.errorMsg}`;
          if (inside || rule?.action === "hold") {
            expect(rsp.errorCode, context).toBe(ErrorCode.OK);
          } else {
            expect(rsp.errorCode, context).toBe(ErrorCode.ORDER_OUTSIDE_PRICE_CAGE);
          }
          if (!inside && rule?.action === "hold") {
            // Held: accepted, nothing filled although the price may cross the book.
            const filled = broker.books("p").positions[0]?.volume;
            expect(filled, context).toBe(1_000_000);
          }
          expect(toPriceUnits(price / 10_000)).toBe(price);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
