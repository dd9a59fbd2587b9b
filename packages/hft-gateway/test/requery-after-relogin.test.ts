/**
 * TradeSide's wiring of the re-query mode: after a re-login to a broker without report sequences
 * (the vendor SDK: `reportSeq` 0, login `lastReportSeq` 0), or to a broker that started a new
 * session, the gateway queries orders and trades again and reconciles them; after a re-login to the
 * same sequenced session it does not.
 */
import { Status } from "@tsgate/core";
import { afterEach, expect, it } from "vitest";
import { orderReport, tradeReport } from "./helpers/fake-api.js";
import { buy600000, type FakeStack, fakeLogin, fakeStack, stopFakeStacks } from "./helpers/fake-stack.js";
import { settle } from "./helpers/recorder.js";

afterEach(stopFakeStacks);

function relogin(t: FakeStack, lastReportSeq: number): void {
  t.factory.trader.fire("disconnected", {
    osError: 0,
    osErrorName: "",
    attempt: 0,
    willReconnect: true,
    errorCode: 0,
    message: "connection closed by peer 127.0.0.1:18000",
  });
  t.factory.trader.fire("login", {
    ok: true,
    errorCode: 0,
    errorMsg: "",
    accountId: "demo",
    tradingDay: 20261126,
    lastReportSeq,
  });
}

it("unsequenced broker: a re-login re-queries; a fill made while away arrives, an order it forgot ends", async () => {
  const t = fakeStack();
  await fakeLogin(t);
  const filled = t.gw.sendOrder(buy600000()).slice(4);
  const forgotten = t.gw.sendOrder(buy600000()).slice(4);
  for (const [clOrderId, orderId] of [
    [filled, "V1"],
    [forgotten, "V2"],
  ] as const) {
    t.factory.trader.fire("orderRsp", { clOrderId, orderId, errorCode: 0, errorMsg: "" });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 0, clOrderId, orderId, status: "New" }),
      replay: false,
    });
  }
  await settle(t.engine);
  const queriesBefore = t.factory.trader.queries.length;
  t.factory.results.orders = [
    orderReport({ reportSeq: 0, clOrderId: filled, orderId: "V1", status: "Filled", filledVolume: 100 }),
  ];
  t.factory.results.trades = [
    tradeReport({ reportSeq: 0, clOrderId: filled, orderId: "V1", tradeId: "VT1" }),
  ];
  relogin(t, 0);
  await t.rec.waitFor("the fill made while away", () => t.rec.trades.find((x) => x.tradeid === "VT1"));
  await settle(t.engine);
  expect(t.factory.trader.queries.slice(queriesBefore)).toEqual(expect.arrayContaining(["orders", "trades"]));
  expect(t.rec.lastOrder(`HFT.${filled}`)).toMatchObject({ status: Status.ALLTRADED, traded: 100 });
  expect(t.rec.lastOrder(`HFT.${forgotten}`)?.status).toBe(Status.CANCELLED);
  // A second re-login with the same answers pushes nothing new.
  const [orders, trades] = [t.rec.orders.length, t.rec.trades.length];
  relogin(t, 0);
  await t.rec.waitFor("the second re-query", () =>
    t.rec.logTexts.filter((x) => x.startsWith("成交信息查询成功")).length >= 3 ? true : undefined,
  );
  await settle(t.engine);
  expect([t.rec.orders.length, t.rec.trades.length]).toEqual([orders, trades]);
});

it("sequenced broker, same session: a re-login does not re-query orders and trades", async () => {
  const t = fakeStack();
  await fakeLogin(t);
  const id = t.gw.sendOrder(buy600000()).slice(4);
  t.factory.trader.fire("orderStatus", {
    ...orderReport({ reportSeq: 3, clOrderId: id, orderId: "O1", status: "New" }),
    replay: false,
  });
  await settle(t.engine);
  const queriesBefore = t.factory.trader.queries.length;
  relogin(t, 3);
  await settle(t.engine);
  expect(t.factory.trader.queries.slice(queriesBefore)).not.toContain("orders");
  expect(t.rec.lastOrder(`HFT.${id}`)?.status).toBe(Status.NOTTRADED);
});
