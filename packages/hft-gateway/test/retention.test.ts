/**
 * Bounded memory: beyond the retention limits the gateway forgets the oldest finished orders and
 * trade ids, and still recognises their replays by report sequence (fake native APIs).
 */
import { Exchange, Status } from "@tsgate/core";
import { afterEach, expect, it } from "vitest";
import { orderReport, tradeReport } from "./helpers/fake-api.js";
import { buy600000, fakeLogin, fakeStack, stopFakeStacks } from "./helpers/fake-stack.js";
import { settle } from "./helpers/recorder.js";

afterEach(stopFakeStacks);

it("forgets the oldest finished orders and trade ids beyond the limits, and ignores their replays", async () => {
  const t = fakeStack({ retention: { finishedOrders: 2, tradeIds: 2 } });
  const { engine, rec, gw } = t;
  await fakeLogin(t);
  const trader = t.factory.trader;
  const req = buy600000();
  const ids: string[] = [];
  let seq = 0;
  const filled = (clOrderId: string, orderId: string, s: number) =>
    orderReport({ clOrderId, orderId, status: "Filled", filledVolume: 100, reportSeq: s });
  for (let i = 1; i <= 4; i++) {
    const id = gw.sendOrder(req).slice(4);
    ids.push(id);
    trader.fire("orderStatus", { ...filled(id, `S${i}`, ++seq), replay: false });
    trader.fire("tradeReport", {
      ...tradeReport({ clOrderId: id, orderId: `S${i}`, tradeId: `T${i}`, reportSeq: ++seq }),
      replay: false,
    });
  }
  await settle(engine);
  const ordersBefore = rec.orders.length;
  expect(rec.trades.map((t) => t.tradeid)).toEqual(["T1", "T2", "T3", "T4"]);

  // Replays of the first (forgotten) order and trade, by client id or only by broker id: ignored,
  // not adopted as foreign orders, not pushed again.
  trader.fire("orderStatus", { ...filled(ids[0] ?? "", "S1", 1), replay: true });
  trader.fire("orderStatus", {
    ...orderReport({ orderId: "S1", status: "Filled", filledVolume: 100, reportSeq: 1 }),
    replay: true,
  });
  trader.fire("tradeReport", {
    ...tradeReport({ clOrderId: ids[0], orderId: "S1", tradeId: "T1", reportSeq: 2 }),
    replay: true,
  });
  // Replays of the newest ones are still known in full.
  trader.fire("tradeReport", {
    ...tradeReport({ clOrderId: ids[3], orderId: "S4", tradeId: "T4", reportSeq: 8 }),
    replay: true,
  });
  await settle(engine);
  expect(rec.orders.length).toBe(ordersBefore);
  expect(rec.trades).toHaveLength(4);
  expect(rec.logTexts.some((l) => l.includes("非本会话"))).toBe(false);

  // Something new after them is still handled: a foreign order and its trade.
  trader.fire("orderStatus", {
    ...orderReport({ clOrderId: "FOREIGN1", orderId: "S9", status: "New", reportSeq: 9 }),
    replay: false,
  });
  trader.fire("tradeReport", {
    ...tradeReport({ clOrderId: "FOREIGN1", orderId: "S9", tradeId: "T9", reportSeq: 10 }),
    replay: false,
  });
  await settle(engine);
  expect(rec.lastOrder("HFT.FOREIGN1")?.status).toBe(Status.NOTTRADED);
  expect(rec.trades.map((t) => t.tradeid)).toEqual(["T1", "T2", "T3", "T4", "T9"]);

  // Cancelling a forgotten order is a warning, not an exception.
  gw.cancelOrder({ orderid: ids[0] ?? "", symbol: "600000", exchange: Exchange.SSE, vtSymbol: "600000.SSE" });
  await settle(engine);
  expect(rec.logTexts.at(-1)).toContain(ids[0]);
});
