/**
 * The soak's ledger check must catch what it is there to catch: a trade never received, a trade
 * received twice, positions and cash off, an order never finished. Runs the check against a real
 * broker with a hand-fed client ledger.
 */
import {
  createOrder,
  createTrade,
  Direction,
  EVENT_ORDER,
  EVENT_TRADE,
  EventEngine,
  Exchange,
  Status,
} from "@tsgate/core";
import { OrderType, Side, startMockServers, yuanToScaled } from "@tsgate/mock-server";
import { expect, it } from "vitest";
import { checkLedger } from "./soak/checks.js";
import { FAULT_KINDS, makeSchedule } from "./soak/faults.js";
import { Ledger } from "./soak/ledger.js";
import { Prng } from "./soak/prng.js";

it("reports lost and duplicated trades, wrong positions and cash, unfinished orders", async () => {
  const mock = await startMockServers({ marketRateHz: 0 });
  const engine = new EventEngine();
  engine.start();
  try {
    const initial = mock.broker.books("demo");
    mock.broker.placeOrder("demo", {
      clOrderId: "S1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 100,
      price: yuanToScaled(12.98),
    });
    const trade = mock.broker
      .reportsAfter("demo", 0)
      .flatMap((r) => (r.type === "trade" ? [r.body] : []))
      .at(0);
    expect(trade).toBeDefined();

    // Nothing received: the lost trade, the position, the cash and the order are all reported.
    const empty = checkLedger({ mock, ledger: new Ledger(engine), initial, sent: ["HFT.S1"] });
    const lost = empty.mismatches.join("\n");
    expect(lost).toContain(`server trade ${trade?.tradeId} never received`);
    expect(lost).toContain("position SH.600000: derived 10000, server 10100");
    expect(lost).toContain("cash balance");
    expect(lost).toContain("HFT.S1: no order event received");

    // The trade twice and the order left SUBMITTING.
    const ledger = new Ledger(engine);
    const common = { gatewayName: "HFT", symbol: "600000", exchange: Exchange.SSE, orderid: "S1" };
    const data = createTrade({
      ...common,
      tradeid: trade?.tradeId ?? "",
      direction: Direction.LONG,
      price: (trade?.price ?? 0) / 10_000,
      volume: 100,
      datetime: new Date(),
    });
    engine.put({ type: EVENT_TRADE, data });
    engine.put({ type: EVENT_TRADE, data });
    engine.put({
      type: EVENT_ORDER,
      data: createOrder({ ...common, direction: Direction.LONG, volume: 100, status: Status.SUBMITTING }),
    });
    await engine.flush();
    const twice = checkLedger({ mock, ledger, initial, sent: ["HFT.S1"] }).mismatches.join("\n");
    expect(twice).toContain(`trade ${trade?.tradeId} received more than once`);
    expect(twice).toContain("HFT.S1: stuck in SUBMITTING");
    expect(twice).not.toContain("position SH.600000");

    // A trade without its fee (the vendor SDK's trade report has none): exact only when the
    // check is told fees come from the broker's books, and a fee received then is wrong.
    const once = new Ledger(engine);
    engine.put({ type: EVENT_TRADE, data });
    await engine.flush();
    const feeLine = (m: string) => m.startsWith("cash balance") || m.startsWith("fees:");
    expect(checkLedger({ mock, ledger: once, initial, sent: [] }).mismatches.filter(feeLine)).toHaveLength(2);
    expect(
      checkLedger({ mock, ledger: once, initial, sent: [], feesPerTrade: false }).mismatches.filter(feeLine),
    ).toEqual([]);
    const charged = new Ledger(engine);
    engine.put({ type: EVENT_TRADE, data: { ...data, fee: 5 } });
    await engine.flush();
    expect(
      checkLedger({ mock, ledger: charged, initial, sent: [], feesPerTrade: false }).mismatches.join("\n"),
    ).toContain("fees: received 50000, expected none");
  } finally {
    engine.stop();
    await mock.close();
  }
});

it("plays only the weighted fault kinds, and every required kind however short the schedule", () => {
  for (let seed = 1; seed <= 50; seed++) {
    const steps = makeSchedule(new Prng(seed), 4, 700, { tradeDrop: 1, marketPause: 1 }, [
      "duplicateReports",
      "reorderReports",
      "tradeRestart",
    ]);
    const kinds = new Set(steps.map((s) => s.kind));
    expect(steps).toHaveLength(4);
    for (const kind of ["duplicateReports", "reorderReports", "tradeRestart"] as const)
      expect(kinds.has(kind), `seed ${seed}`).toBe(true);
    for (const kind of kinds)
      expect(["tradeDrop", "marketPause", "duplicateReports", "reorderReports", "tradeRestart"]).toContain(
        kind,
      );
  }
  // Same seed, same schedule; the default weights draw every kind.
  expect(makeSchedule(new Prng(7), 30, 700)).toEqual(makeSchedule(new Prng(7), 30, 700));
  const all = new Set(makeSchedule(new Prng(7), 2000, 700).map((s) => s.kind));
  expect([...all].sort()).toEqual([...FAULT_KINDS].sort());
  expect(() => makeSchedule(new Prng(1), 2, 700, {}, [])).toThrow(/at least one kind/);
  expect(() => makeSchedule(new Prng(1), 1, 700, undefined, ["tradeDrop", "marketDrop"])).toThrow(
    /cannot hold/,
  );
});
