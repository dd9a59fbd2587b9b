/**
 * The risk engine end to end: MainEngine (with risk) → HftGateway → the C library → TCP → mock
 * servers. Orders are counted where they arrive, at the mock broker.
 */
import { Direction, EVENT_ORDER, type OrderData, Status } from "@tsgate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitOrder, type Stack, startStack, subscribeTick } from "./helpers/e2e.js";
import { serverOrders } from "./helpers/ledger.js";

const RATE = 20;
/** A hand-driven clock for the risk engine, so the windows do not depend on machine speed. */
let clockMs = Date.UTC(2026, 11, 2, 2, 0, 0);

let s: Stack;
let restPrice = 0;
/** Orders the broker received, counted at its door. */
let arrived = 0;
const rejected: OrderData[] = [];

beforeAll(async () => {
  s = await startStack({
    main: { risk: { maxOrdersPerSecond: RATE, selfTradePrevention: false }, riskClock: () => clockMs },
  });
  const broker = s.mock.broker;
  const place = broker.placeOrder.bind(broker);
  broker.placeOrder = (accountId, req) => {
    arrived += 1;
    return place(accountId, req);
  };
  s.main.eventEngine.register(EVENT_ORDER, (event) => {
    if (event.data.status === Status.REJECTED) rejected.push(event.data);
  });
  const tick = await subscribeTick(s, "600000");
  // At the limit-down price the buys rest: nothing fills, so every order stays working.
  restPrice = tick.limitDown;
}, 60_000);

afterAll(async () => {
  await s?.close();
});

function activeAtServer(): number {
  return [...serverOrders(s.mock).values()].filter((order) => order.status === "ACTIVE").length;
}

describe("risk engine against the mock broker", () => {
  it("holds a strategy looping on sendOrder to the rate; the broker receives exactly what passed", async () => {
    const sent: string[] = [];
    for (let second = 0; second < 2; second++) {
      for (let i = 0; i < 2000; i++)
        sent.push(s.main.sendOrder(limitOrder("600000", Direction.LONG, 100, restPrice), "HFT"));
      clockMs += 1000;
    }
    await s.rec.waitFor("the broker to receive the passed orders", () => arrived >= 2 * RATE);
    await s.rec.waitFor("every refused order REJECTED", () =>
      rejected.length >= 4000 - 2 * RATE ? true : undefined,
    );
    const refused = rejected.filter((order) => order.statusMsg.startsWith("risk "));
    expect(refused).toHaveLength(4000 - 2 * RATE);
    expect(new Set(refused.map((order) => order.statusMsg))).toEqual(
      new Set([`risk maxOrdersPerSecond: limit ${RATE}, would be ${RATE + 1}`]),
    );
    // Everything that passed is at the broker, and nothing else arrives.
    await s.rec.waitFor(
      "the passed orders working at the broker",
      () => activeAtServer() === 2 * RATE || undefined,
    );
    expect(arrived).toBe(2 * RATE);
    expect(s.main.risk?.snapshot().refusals.byRule).toEqual({ maxOrdersPerSecond: 4000 - 2 * RATE });
  });

  it("the kill switch leaves no working order at the broker within one second", async () => {
    clockMs += 1000;
    // A few more sent right before the halt, not yet acknowledged when it strikes.
    for (let i = 0; i < 5; i++) s.main.sendOrder(limitOrder("600000", Direction.LONG, 100, restPrice), "HFT");
    const before = activeAtServer();
    expect(before).toBeGreaterThanOrEqual(2 * RATE);
    const started = performance.now();
    s.main.risk?.halt("e2e");
    await s.rec.waitFor(
      "no working order at the broker",
      () => (arrived === 2 * RATE + 5 && activeAtServer() === 0 ? true : undefined),
      10_000,
    );
    const elapsed = performance.now() - started;
    console.log(`kill switch: ${before}+ working orders cancelled at the broker in ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1000);
    await s.rec.waitFor(
      "no working order in the OMS",
      () => s.main.getAllActiveOrders().length === 0 || undefined,
    );
  });
});

describe("risk engine on the real clock", () => {
  const LIMIT = 25;
  let r: Stack;
  let received = 0;

  beforeAll(async () => {
    r = await startStack({ main: { risk: { maxOrdersPerSecond: LIMIT, selfTradePrevention: false } } });
    const broker = r.mock.broker;
    const place = broker.placeOrder.bind(broker);
    broker.placeOrder = (accountId, req) => {
      received += 1;
      return place(accountId, req);
    };
    await subscribeTick(r, "600000");
  }, 60_000);

  afterAll(async () => {
    await r?.close();
  });

  it("holds a loop sending as fast as it can for over a second to the rate, counted at the broker", async () => {
    const price = r.main.getTick("600000.SSE")?.limitDown ?? 0;
    const ids: string[] = [];
    const started = Date.now();
    // As fast as it can, yielding to the event loop every 200 orders so the gateway can write;
    // bounded by time (1.5 s) and by count.
    while (Date.now() - started < 1500 && ids.length < 200_000) {
      for (let i = 0; i < 200; i++)
        ids.push(r.main.sendOrder(limitOrder("600000", Direction.LONG, 100, price), "HFT"));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const elapsed = Date.now() - started;
    const passed = r.main.risk?.snapshot().ordersToday ?? 0;
    // A sliding window lets at most LIMIT through per started second of sending.
    expect(passed).toBeGreaterThanOrEqual(LIMIT);
    expect(passed).toBeLessThanOrEqual(LIMIT * (Math.floor(elapsed / 1000) + 1));
    await r.rec.waitFor("the broker to receive what passed", () => received >= passed || undefined);
    await r.rec.waitFor(
      "every order known",
      () => ids.every((id) => r.main.getOrder(id) !== undefined) || undefined,
    );
    const refused = ids.map((id) => r.main.getOrder(id)).filter((o) => o?.status === Status.REJECTED);
    expect(refused).toHaveLength(ids.length - passed);
    for (const order of refused)
      expect(order?.statusMsg).toMatch(/^risk maxOrdersPerSecond: limit 25, would be 26$/);
    expect(received).toBe(passed);
    console.log(
      `real clock: ${ids.length} orders in ${elapsed} ms, ${passed} passed and reached the broker, ${refused.length} REJECTED by name`,
    );
  });
});
