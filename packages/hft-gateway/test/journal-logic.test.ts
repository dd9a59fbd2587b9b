/**
 * HftGateway with an order journal, against fake native APIs: what is saved when, what a new
 * gateway on the same journal restores, and what a failing journal does.
 */
import {
  type JournalOrderIds,
  LogLevel,
  MainEngine,
  MemoryJournal,
  type OrderJournal,
  Status,
} from "@tsgate/core";
import { afterEach, expect, it } from "vitest";
import { HftGateway } from "../src/index.js";
import { FakeFactory, orderReport, tradeReport } from "./helpers/fake-api.js";
import { buy600000, fakeLogin, fakeStack, stopFakeStacks } from "./helpers/fake-stack.js";
import { settle } from "./helpers/recorder.js";

afterEach(stopFakeStacks);

const setup = (journal: OrderJournal, entropy = 1) =>
  fakeStack({ journal, orderIds: { now: () => new Date(0), entropy: () => entropy } });
const login = fakeLogin;
const buy = buy600000;

it("saves a new order with its id before sending it, and a batch of reports in one commit right after", async () => {
  const journal = new MemoryJournal();
  const calls: string[] = [];
  const spy: OrderJournal = {
    load: (name) => journal.load(name),
    saveOrderIds: (name, ids) => {
      calls.push(`ids ${ids.counter}`);
      journal.saveOrderIds(name, ids);
    },
    saveOrder: (name, entry) => {
      calls.push(`save ${entry.order.status} ${entry.serverId}`);
      journal.saveOrder(name, entry);
    },
    saveTrade: (name, trade) => {
      calls.push(`save trade ${trade.tradeid}`);
      journal.saveTrade(name, trade);
    },
    transaction: (work) => {
      calls.push("commit {");
      const result = work();
      calls.push("}");
      return result;
    },
    close: () => journal.close(),
  };
  const t = setup(spy);
  await login(t);
  const pushOrder = t.gw.onOrder.bind(t.gw);
  const pushTrade = t.gw.onTrade.bind(t.gw);
  t.gw.onOrder = (order) => {
    calls.push(`push ${order.status}`);
    pushOrder(order);
  };
  t.gw.onTrade = (trade) => {
    calls.push(`push trade ${trade.tradeid}`);
    pushTrade(trade);
  };
  const trader = t.factory.trader;
  const send = trader.order.bind(trader);
  trader.order = (req) => {
    calls.push("send");
    send(req);
  };

  const orderid = t.gw.sendOrder(buy()).slice(4);
  trader.fire("orderRsp", { clOrderId: orderid, orderId: "S1", errorCode: 0, errorMsg: "" });
  trader.fire("orderStatus", {
    ...orderReport({ clOrderId: orderid, orderId: "S1", status: "Filled", filledVolume: 100, reportSeq: 2 }),
    replay: false,
  });
  trader.fire("tradeReport", {
    ...tradeReport({ clOrderId: orderid, orderId: "S1", tradeId: "T1" }),
    replay: false,
  });
  expect(calls).toEqual([
    "commit {",
    "ids 1",
    "save SUBMITTING ",
    "}",
    "push SUBMITTING",
    "send",
    "push ALLTRADED",
    "push trade T1",
  ]);
  calls.length = 0;
  await Promise.resolve();
  // One commit for the batch, with only the order's latest state.
  expect(calls).toEqual(["commit {", "save ALLTRADED S1", "save trade T1", "}"]);
  expect(journal.load("HFT").orderIds).toEqual({ prefix: orderid.slice(0, -4), counter: 1 });
  expect(journal.load("HFT").orders[0]).toMatchObject({
    serverId: "S1",
    lastSeq: 2,
    order: { status: Status.ALLTRADED },
  });
});

it("a new gateway on the journal continues the ids, pushes the saved state once and recognises replays", async () => {
  const journal = new MemoryJournal();
  const before = setup(journal, 1);
  await login(before);
  const filledId = before.gw.sendOrder(buy()).slice(4);
  const workingId = before.gw.sendOrder(buy()).slice(4);
  const lostId = before.gw.sendOrder(buy()).slice(4);
  const ghostId = before.gw.sendOrder(buy()).slice(4);
  const trader = before.factory.trader;
  trader.fire("orderStatus", {
    ...orderReport({ clOrderId: filledId, orderId: "S1", status: "Filled", filledVolume: 100, reportSeq: 1 }),
    replay: false,
  });
  trader.fire("tradeReport", {
    ...tradeReport({ clOrderId: filledId, orderId: "S1", tradeId: "T1", reportSeq: 2 }),
    replay: false,
  });
  trader.fire("orderStatus", {
    ...orderReport({ clOrderId: workingId, orderId: "S2", status: "New", reportSeq: 3 }),
    replay: false,
  });
  trader.fire("orderStatus", {
    ...orderReport({ clOrderId: ghostId, orderId: "S3", status: "New", reportSeq: 4 }),
    replay: false,
  });
  await settle(before.engine);

  // "Restart": a new engine and gateway (other entropy, another start time) on the same journal.
  const after = setup(journal, 2);
  expect(after.rec.orders).toEqual([]);
  after.factory.results.orders = [
    orderReport({ clOrderId: filledId, orderId: "S1", status: "Filled", filledVolume: 100, reportSeq: 1 }),
    orderReport({
      clOrderId: workingId,
      orderId: "S2",
      status: "PartiallyFilled",
      filledVolume: 100,
      volume: 300,
      reportSeq: 5,
    }),
  ];
  after.factory.results.trades = [
    tradeReport({ clOrderId: filledId, orderId: "S1", tradeId: "T1", reportSeq: 2 }),
    tradeReport({ clOrderId: workingId, orderId: "S2", tradeId: "T2", reportSeq: 4 }),
  ];
  await login(after);
  // The replayed live reports of the earlier session change nothing.
  after.factory.trader.fire("tradeReport", {
    ...tradeReport({ clOrderId: filledId, orderId: "S1", tradeId: "T1", reportSeq: 2 }),
    replay: false,
  });
  after.factory.trader.fire("orderStatus", {
    ...orderReport({ orderId: "S2", status: "New", reportSeq: 3 }),
    replay: false,
  });
  await settle(after.engine);

  expect(after.rec.logTexts.some((l) => l.includes("恢复 4 笔委托（3 笔未完成）和 1 笔成交"))).toBe(true);
  expect(after.rec.trades.map((x) => x.tradeid)).toEqual(["T1", "T2"]);
  expect(after.rec.lastOrder(`HFT.${workingId}`)).toMatchObject({ status: Status.PARTTRADED, traded: 100 });
  expect(after.rec.lastOrder(`HFT.${lostId}`)).toMatchObject({ status: Status.REJECTED });
  expect(after.rec.lastOrder(`HFT.${lostId}`)?.statusMsg).toMatch(/重启前未送达服务器/);
  // Resting before the restart, but the server's order list does not have it (another server?).
  expect(after.rec.lastOrder(`HFT.${ghostId}`)).toMatchObject({ status: Status.REJECTED });
  expect(after.rec.lastOrder(`HFT.${ghostId}`)?.statusMsg).toMatch(/不在服务器的委托查询中/);
  expect(after.rec.logTexts.some((l) => l.includes("非本会话"))).toBe(false);

  const next = after.gw.sendOrder(buy()).slice(4);
  expect(next.slice(0, -4)).toBe(filledId.slice(0, -4));
  expect(Number(next.slice(-4))).toBe(5);
});

it("refuses a new order when its id cannot be saved, and logs a failing journal once", async () => {
  const journal = new MemoryJournal();
  let broken = false;
  const failing: OrderJournal = {
    load: (name) => journal.load(name),
    saveOrderIds: (name: string, ids: JournalOrderIds) => {
      if (broken) throw new Error("disk I/O error");
      journal.saveOrderIds(name, ids);
    },
    saveOrder: (name, entry) => {
      if (broken) throw new Error("disk I/O error");
      journal.saveOrder(name, entry);
    },
    saveTrade: (name, trade) => journal.saveTrade(name, trade),
    transaction: (work) => work(),
    close: () => journal.close(),
  };
  const t = setup(failing);
  await login(t);
  broken = true;
  const first = t.gw.sendOrder(buy());
  const second = t.gw.sendOrder(buy());
  await settle(t.engine);
  expect(t.factory.trader.orders).toEqual([]);
  for (const id of [first, second]) {
    expect(t.rec.lastOrder(id)).toMatchObject({ status: Status.REJECTED });
    expect(t.rec.lastOrder(id)?.statusMsg).toMatch(/委托日志写入失败.*disk I\/O error/);
  }
  expect(t.rec.logs.filter((l) => l.level === LogLevel.ERROR && /委托日志写入失败/.test(l.msg))).toHaveLength(
    1,
  );
  broken = false;
  t.gw.sendOrder(buy());
  expect(t.factory.trader.orders).toHaveLength(1);
});

it("MainEngine.addGateway passes the journal through to the gateway", async () => {
  const journal = new MemoryJournal();
  journal.saveOrderIds("HFT", { prefix: "2611260930150000001", counter: 41 });
  const main = new MainEngine();
  const gw = main.addGateway(HftGateway, "HFT", { journal, api: new FakeFactory() });
  expect(gw.sendOrder(buy())).toBe("HFT.26112609301500000010042");
  await main.close();
});
