import { describe, expect, it } from "vitest";
import { Broker, demoConfig, ReplayCsvError } from "../../src/domain/index.js";
import type { MarketData } from "../../src/protocol/messages.js";
import { Market, Side } from "../../src/protocol/messages.js";
import { buy, DAY, expectOk, makeBroker, replayBroker, TEN_AM, tradesOf, y } from "../helpers/broker.js";

function run(broker: Broker, steps: number): MarketData[][] {
  const out: MarketData[][] = [];
  for (let i = 0; i < steps; i++) out.push(broker.stepMarket());
  return out;
}

describe("random-walk market", () => {
  it("is deterministic: same seed, same snapshots; another seed, other snapshots", () => {
    const a = run(makeBroker(), 300);
    const b = run(makeBroker(), 300);
    expect(b).toEqual(a);
    const c = run(makeBroker({}, { seed: 99 }), 300);
    expect(c).not.toEqual(a);
    const d = run(makeBroker({ market: { mode: "random-walk", seed: 99, volatility: 0.002 } }), 300);
    expect(d).toEqual(c);
  });

  it("produces well-formed snapshots: limits, ticks, 5 levels, cumulative volume and turnover", () => {
    const broker = makeBroker({ market: { mode: "random-walk", seed: 3, volatility: 0.01 } });
    const first = broker.snapshot(Market.SH, "600000");
    expect(first).toMatchObject({
      mdSeq: 0,
      last: y(10.23),
      open: 0,
      volume: 0,
      turnover: 0,
      tradingDay: DAY,
      time: 100_000_000,
    });
    const prev = new Map<string, MarketData>();
    const problems: string[] = [];
    const check = (ok: boolean, what: string, s: MarketData) => {
      if (!ok && problems.length < 10) problems.push(`${s.code}@${s.volume}: ${what}`);
    };
    for (const step of run(broker, 2_000)) {
      expect(step).toHaveLength(6);
      for (const s of step) {
        check(s.bidPrice.length === 5 && s.askVolume.length === 5, "5 levels", s);
        const tick = s.code === "510300" ? 10 : 100; // the ETF quotes in 0.001
        check(s.last % tick === 0, "last on tick", s);
        check(s.last >= s.limitDown && s.last <= s.limitUp, "last within limits", s);
        check(s.high >= s.last && s.low <= s.last && s.open > 0, "open/high/low", s);
        for (let i = 0; i < 5; i++) {
          const bid = s.bidPrice[i] ?? 0;
          const ask = s.askPrice[i] ?? 0;
          check(bid === 0 || bid >= s.limitDown, "bid within limits", s);
          check(ask === 0 || ask <= s.limitUp, "ask within limits", s);
          check((s.bidVolume[i] ?? 0) % 100 === 0 && (s.askVolume[i] ?? 0) % 100 === 0, "volumes in lots", s);
          check(i === 0 || bid === 0 || bid < (s.bidPrice[i - 1] ?? 0), "bids descending", s);
          check(i === 0 || ask === 0 || ask > (s.askPrice[i - 1] ?? 0), "asks ascending", s);
        }
        const [bid1 = 0, ask1 = 0] = [s.bidPrice[0], s.askPrice[0]];
        check(bid1 === 0 || ask1 === 0 || ask1 === bid1 + tick, "one-tick spread", s);
        const p = prev.get(s.code);
        if (p) {
          check(s.volume > p.volume, "volume grows", s);
          check(s.turnover - p.turnover === s.last * (s.volume - p.volume), "turnover = Σ price × volume", s);
        }
        prev.set(s.code, s);
      }
    }
    expect(problems).toEqual([]);
    // the walk moves: the day's range is not a single price
    const catl = prev.get("300750");
    expect(catl && catl.high > catl.low && catl.turnover > 0).toBe(true);
  });

  it("drives resting orders: a buy below the market fills at its price once the walk comes down", () => {
    const broker = makeBroker({ market: { mode: "random-walk", seed: 11, volatility: 0.003 } });
    const id = expectOk(broker.placeOrder("acc1", buy("SH.600000", 10.13, 300)));
    let steps = 0;
    while (tradesOf(broker, "acc1", id).length === 0 && steps < 5_000) {
      const snap = broker.stepMarket().find((s) => s.code === "600000");
      steps += 1;
      if (tradesOf(broker, "acc1", id).length > 0) expect(snap?.last).toBeLessThanOrEqual(y(10.13));
    }
    expect(steps).toBeLessThan(5_000);
    expect(tradesOf(broker, "acc1", id).every((t) => t.price === y(10.13) && t.side === Side.Bid)).toBe(true);
  });

  it("produces one snapshot per instrument per step for thousands of steps", () => {
    // Speed is measured in bench/run.ts, not here.
    const broker = new Broker(demoConfig, { now: () => TEN_AM });
    let snapshots = 0;
    for (let i = 0; i < 5_000; i++) snapshots += broker.stepMarket().length;
    expect(snapshots).toBe(40_000);
  });
});

describe("CSV replay", () => {
  const csv = [
    "# recorded 2026-11-26",
    "market,code,time,last,volume,bid1,bidVol1,ask1,askVol1",
    "SH,600000,09:30:00.500,10.25,1000,10.24,500,10.25,300",
    "SH,600000,093003,10.27,200,,,,",
    "SZ,000001,93006000,11.50,700,11.49,100,11.50,200",
    "",
    "SH,600000,09:30:06,10.20,300,10.19,100,10.2,100",
  ].join("\n");

  it("replays rows per instrument as the same snapshots", () => {
    const broker = replayBroker(csv);
    const s1 = broker.stepMarket();
    expect(s1.map((s) => s.code)).toEqual(["600000", "000001"]);
    expect(s1[0]).toMatchObject({
      time: 93_000_500,
      last: y(10.25),
      open: y(10.25),
      high: y(10.25),
      low: y(10.25),
      volume: 1_000,
      turnover: y(10_250),
      bidPrice: [y(10.24), 0, 0, 0, 0],
      bidVolume: [500, 0, 0, 0, 0],
      askPrice: [y(10.25), 0, 0, 0, 0],
      askVolume: [300, 0, 0, 0, 0],
      preClose: y(10.23),
      limitUp: y(11.25),
    });
    expect(s1[1]).toMatchObject({ code: "000001", time: 93_006_000, last: y(11.5), volume: 700 });
    const s2 = broker.stepMarket();
    expect(s2).toHaveLength(1); // SZ.000001 ran out of rows
    // no depth columns in this row: a book is synthesised around the last price
    expect(s2[0]).toMatchObject({ time: 93_003_000, last: y(10.27), high: y(10.27), volume: 1_200 });
    expect([s2[0]?.bidPrice[0], s2[0]?.askPrice[0]]).toContain(y(10.27));
    const s3 = broker.stepMarket();
    expect(s3[0]).toMatchObject({
      time: 93_006_000,
      last: y(10.2),
      low: y(10.2),
      high: y(10.27),
      open: y(10.25),
    });
    expect(broker.stepMarket()).toEqual([]);
  });

  it("loops when asked", () => {
    const broker = replayBroker(csv, { market: { mode: "replay", csvPath: "x.csv", loop: true } });
    const lasts = run(broker, 5).map((step) => step.find((s) => s.code === "600000")?.last);
    expect(lasts).toEqual([y(10.25), y(10.27), y(10.2), y(10.25), y(10.27)]);
  });

  it("uses the clock when there is no time column", () => {
    const broker = replayBroker("market,code,last,volume\nSH,600000,10.30,100");
    expect(broker.stepMarket()[0]?.time).toBe(100_000_000);
  });

  it("names the line and column of a bad row", () => {
    const bad = (text: string) => () => replayBroker(text);
    expect(bad("market,code,last,volume\nSH,600000,abc,100")).toThrow(
      new ReplayCsvError("test.csv line 2, column last: expected a positive price in yuan"),
    );
    expect(bad("market,code,last,volume\n\nSH,600000,20.00,100")).toThrow(
      /line 3, column last: price 20.00 is outside the daily limits/,
    );
    expect(bad("market,code,last,volume\nSH,600000,10.001,100")).toThrow(
      /column last: expected a multiple of the tick/,
    );
    expect(bad("market,code,last,volume\nSH,600001,10.00,100")).toThrow(
      /line 2, column code: SH.600001 is not a configured instrument/,
    );
    expect(bad("market,code,last,volume\nSH,600000,10.00,-1")).toThrow(
      /column volume: expected a non-negative whole number/,
    );
    expect(bad("market,code,last,volume\nSH,600000,10.00")).toThrow(/line 2: expected 4 values, found 3/);
    expect(bad("market,code,last\nSH,600000,10.00")).toThrow(/column volume: required column missing/);
    expect(bad("market,code,last,volume,lats\n")).toThrow(/column lats: unknown column/);
    expect(bad("market,code,time,last,volume\nSH,600000,9h30,10.00,1")).toThrow(
      /column time: expected HH:MM:SS/,
    );
    expect(bad("# nothing")).toThrow(/no header line/);
  });
});
