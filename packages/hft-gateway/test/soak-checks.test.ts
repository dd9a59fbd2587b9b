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
import { Ledger } from "./soak/ledger.js";

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
  } finally {
    engine.stop();
    await mock.close();
  }
});
