import { describe, expect, it } from "vitest";
import { ProgrammaticCounters } from "../../src/domain/programmatic-counters.js";
import { RiskCode, RiskLevel } from "../../src/protocol/messages.js";
import { buy, expectOk, makeBroker } from "../helpers/broker.js";

const DAY = 20261126;
const T = 100_000_000; // 10:00:00.000

describe("ProgrammaticCounters", () => {
  it("warns at 240 in one second (80% of 300) and flags high-frequency at 300, once each", () => {
    const c = new ProgrammaticCounters();
    const notices = [];
    for (let i = 1; i <= 239; i++) notices.push(...c.record("a", DAY, T + (i % 1000)));
    expect(notices).toEqual([]);
    const warn = c.record("a", DAY, T + 500);
    expect(warn).toEqual([
      {
        level: RiskLevel.Warning,
        code: RiskCode.REQUESTS_PER_SECOND,
        message: "approaching high-frequency trading: 240 orders + cancels in one second, threshold 300",
      },
    ]);
    for (let i = 241; i <= 299; i++) expect(c.record("a", DAY, T + 999)).toEqual([]);
    expect(c.counts("a", DAY)).toMatchObject({ peakPerSecond: 299, highFrequency: false });
    const critical = c.record("a", DAY, T + 999);
    expect(critical).toMatchObject([{ level: RiskLevel.Critical, code: RiskCode.REQUESTS_PER_SECOND }]);
    expect(critical[0]?.message).toMatch(/^high-frequency trading: 300 orders \+ cancels in one second/);
    expect(c.counts("a", DAY)).toMatchObject({ orders: 300, peakPerSecond: 300, highFrequency: true });
    // Once a day: a second burst notifies nothing more.
    for (let i = 0; i < 300; i++) expect(c.record("a", DAY, T + 1_000)).toEqual([]);
  });

  it("counts per exchange second: 299 in each of two seconds is no burst", () => {
    const c = new ProgrammaticCounters();
    for (let i = 0; i < 299; i++) c.record("a", DAY, T + 999);
    for (let i = 0; i < 299; i++) c.record("a", DAY, T + 1_000);
    expect(c.counts("a", DAY)).toMatchObject({ total: 598, peakPerSecond: 299, highFrequency: false });
  });

  it("warns at 16,000 a day and flags high-frequency at 20,000", () => {
    const c = new ProgrammaticCounters();
    const seen: number[] = [];
    for (let i = 1; i <= 20_000; i++) {
      // 100 a second: never a burst.
      const time = T + Math.floor(i / 100) * 1_000;
      for (const n of c.record("a", DAY, time)) {
        expect(n.code).toBe(RiskCode.REQUESTS_PER_DAY);
        seen.push(i);
      }
    }
    expect(seen).toEqual([16_000, 20_000]);
    expect(c.counts("a", DAY)).toMatchObject({ total: 20_000, highFrequency: true });
  });

  it("counts cancels within 1 s of their order as instant, and starts again on a new day", () => {
    const c = new ProgrammaticCounters();
    c.record("a", DAY, T + 999, T); // 999 ms: instant
    c.record("a", DAY, T + 1_000, T); // 1 s: not
    c.record("a", DAY, T, 95_959_500); // 09:59:59.500 → 10:00:00.000, across the minute: 500 ms
    expect(c.counts("a", DAY)).toMatchObject({ orders: 0, cancels: 3, instantCancels: 2 });
    expect(c.counts("b", DAY)).toMatchObject({ total: 0, highFrequency: false });
    c.record("a", DAY + 1, T);
    expect(c.counts("a", DAY + 1)).toMatchObject({ orders: 1, cancels: 0, total: 1 });
  });
});

describe("Broker programmatic counters", () => {
  it("count accepted orders and cancels, not refused ones, and notify listeners", () => {
    const b = makeBroker();
    const got: unknown[] = [];
    b.onRiskNotice((accountId, notice) => got.push([accountId, notice.code]));
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 9.21, 100)));
    expect(b.placeOrder("acc1", buy("SH.600000", 9.215, 100)).errorCode).not.toBe(0);
    expect(b.cancelOrder("acc1", { orderId: id, clOrderId: "" }).errorCode).toBe(0);
    expect(b.cancelOrder("acc1", { orderId: id, clOrderId: "" }).errorCode).not.toBe(0);
    // The fixed test clock: the cancel comes 0 ms after the order.
    expect(b.programmaticCounts("acc1")).toMatchObject({
      orders: 1,
      cancels: 1,
      instantCancels: 1,
      total: 2,
    });
    for (let i = 0; i < 238; i++) expectOk(b.placeOrder("acc1", buy("SH.600000", 9.21, 100)));
    expect(got).toEqual([["acc1", RiskCode.REQUESTS_PER_SECOND]]);
  });
});
