import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BaseGateway,
  createOrder,
  createOrderRequest,
  createTrade,
  Direction,
  Exchange,
  type JournalOrder,
  MainEngine,
  MemoryJournal,
  type OrderJournal,
  OrderType,
  Status,
  updateOrder,
} from "@tsgate/core";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { JournalOpenError, JournalRecordError, SqliteJournal } from "../src/index.js";
import { chinaTradingDay } from "../src/sqlite-journal.js";

/** A gateway that takes every order and does nothing with it. */
class NullGateway extends BaseGateway {
  static override defaultName = "NONE";
  connect(): void {}
  close(): void {}
  subscribe(): void {}
  sendOrder(): string {
    return `${this.gatewayName}.1`;
  }
  cancelOrder(): void {}
  queryAccount(): void {}
  queryPosition(): void {}
}

const dir = mkdtempSync(join(tmpdir(), "tsgate-journal-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = () => join(dir, `j${++files}.db`);

const order = (orderid: string, extra: Partial<Parameters<typeof createOrder>[0]> = {}) =>
  createOrder({
    gatewayName: "HFT",
    symbol: "600000",
    exchange: Exchange.SSE,
    orderid,
    direction: Direction.LONG,
    price: 10.01,
    volume: 300,
    ...extra,
  });
const trade = (tradeid: string, orderid = "1") =>
  createTrade({
    gatewayName: "HFT",
    symbol: "600000",
    exchange: Exchange.SSE,
    orderid,
    tradeid,
    direction: Direction.LONG,
    price: 10.01,
    volume: 100,
    datetime: new Date("2026-11-26T01:30:00.000Z"),
  });

const implementations: [string, () => OrderJournal][] = [
  ["MemoryJournal", () => new MemoryJournal()],
  ["SqliteJournal", () => SqliteJournal.open(newPath())],
];

describe.each(implementations)("%s", (_name, make) => {
  it("is empty for a gateway it has not seen", () => {
    const journal = make();
    expect(journal.load("HFT")).toEqual({ orders: [], trades: [], orderIds: undefined });
    journal.close();
  });

  it("keeps the latest record of each order, in the order first saved, with its bookkeeping", () => {
    const journal = make();
    const a = order("0001");
    const b = order("0002", { direction: Direction.SHORT, price: 9.99 });
    journal.saveOrder("HFT", { order: a, serverId: "", lastSeq: 0 });
    journal.saveOrder("HFT", { order: b, serverId: "", lastSeq: 0 });
    const filled = updateOrder(a, {
      status: Status.ALLTRADED,
      traded: 300,
      datetime: new Date(1_764_120_000_000),
    });
    journal.saveOrder("HFT", { order: filled, serverId: "S1", lastSeq: 7 });
    const loaded = journal.load("HFT");
    expect(loaded.orders.map((o: JournalOrder) => o.order.orderid)).toEqual(["0001", "0002"]);
    expect(loaded.orders[0]).toEqual({ order: filled, serverId: "S1", lastSeq: 7 });
    expect(loaded.orders[1]?.order).toEqual(b);
    expect(Object.isFrozen(loaded.orders[0]?.order)).toBe(true);
    journal.close();
  });

  it("saves a trade once per trade id, in order", () => {
    const journal = make();
    journal.saveTrade("HFT", trade("T2"));
    journal.saveTrade("HFT", trade("T1"));
    journal.saveTrade("HFT", trade("T2", "other"));
    const trades = journal.load("HFT").trades;
    expect(trades.map((t) => t.tradeid)).toEqual(["T2", "T1"]);
    expect(trades[0]).toEqual(trade("T2"));
    journal.close();
  });

  it("keeps the order-id counter, and gateways apart", () => {
    const journal = make();
    journal.saveOrderIds("HFT", { prefix: "2611260930151234567", counter: 1 });
    journal.saveOrderIds("HFT", { prefix: "2611260930151234567", counter: 2 });
    journal.saveOrder("OTHER", { order: order("9"), serverId: "", lastSeq: 0 });
    expect(journal.load("HFT").orderIds).toEqual({ prefix: "2611260930151234567", counter: 2 });
    expect(journal.load("HFT").orders).toEqual([]);
    expect(journal.load("OTHER").orders).toHaveLength(1);
    journal.close();
  });

  it("refuses to be used after close()", () => {
    const journal = make();
    journal.close();
    expect(() => journal.load("HFT")).toThrow();
    expect(() => journal.saveTrade("HFT", trade("T1"))).toThrow();
  });
});

describe("SqliteJournal", () => {
  it("reopens what an earlier instance saved", () => {
    const path = newPath();
    const first = SqliteJournal.open(path, { tradingDay: "20261126" });
    first.saveOrderIds("HFT", { prefix: "P", counter: 3 });
    first.saveOrder("HFT", { order: order("P0003"), serverId: "", lastSeq: 0 });
    first.saveTrade("HFT", trade("T1"));
    first.close();
    const again = SqliteJournal.open(path, { tradingDay: "20261126", durability: "power" });
    expect(again.load("HFT")).toEqual({
      orders: [{ order: order("P0003"), serverId: "", lastSeq: 0 }],
      trades: [trade("T1")],
      orderIds: { prefix: "P", counter: 3 },
    });
    again.close();
  });

  it("keeps the risk engine's day counts, by day, across a reopen, and prunes them with the day", () => {
    const path = newPath();
    const first = SqliteJournal.open(path, { tradingDay: "20261126" });
    expect(first.loadRiskCounts("20261126")).toBeUndefined();
    first.saveRiskCounts("20261126", { orders: 7, cancels: 2 });
    first.saveRiskCounts("20261126", { orders: 9, cancels: 3 });
    first.saveRiskCounts("20261125", { orders: 1, cancels: 0 });
    first.close();
    const again = SqliteJournal.open(path, { tradingDay: "20261126" });
    expect(again.loadRiskCounts("20261126")).toEqual({ orders: 9, cancels: 3 });
    again.prune("20261126");
    expect(again.loadRiskCounts("20261125")).toBeUndefined();
    again.close();
  });

  it("gives a restarted MainEngine's risk engine the day's order count", async () => {
    const path = newPath();
    const req = createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 100,
      price: 10,
    });
    const run = async (): Promise<string> => {
      const journal = SqliteJournal.open(path);
      const main = new MainEngine(undefined, { risk: { maxOrdersPerDay: 1 }, riskStore: journal });
      main.addGateway(NullGateway);
      const vtOrderid = main.sendOrder(req, "NONE");
      await main.close();
      journal.close();
      return vtOrderid;
    };
    expect(await run()).toBe("NONE.1");
    expect(await run()).toMatch(/^NONE\.risk-/);
  });

  it("keeps trading days apart and prunes old ones", () => {
    const path = newPath();
    const yesterday = SqliteJournal.open(path, { tradingDay: "20261125" });
    yesterday.saveOrder("HFT", { order: order("1"), serverId: "", lastSeq: 0 });
    yesterday.saveTrade("HFT", trade("T1"));
    yesterday.close();
    const today = SqliteJournal.open(path, { tradingDay: "20261126" });
    expect(today.load("HFT").orders).toEqual([]);
    today.saveTrade("HFT", trade("T1"));
    expect(today.prune("20261126")).toEqual({ orders: 1, trades: 1 });
    expect(today.load("HFT").trades).toHaveLength(1);
    today.close();
  });

  it("defaults the trading day to today's date in China Standard Time", () => {
    expect(chinaTradingDay(new Date("2026-11-25T16:30:00Z"))).toBe("20261126");
    expect(chinaTradingDay(new Date("2026-11-25T15:59:59Z"))).toBe("20261125");
    const journal = SqliteJournal.open(newPath());
    expect(journal.tradingDay).toBe(chinaTradingDay());
    journal.close();
  });

  it("survives the process being killed right after a save returned", () => {
    const path = newPath();
    const moduleUrl = new URL("../dist/index.js", import.meta.url).href;
    const coreUrl = import.meta.resolve("@tsgate/core");
    const script = `
      const { SqliteJournal } = await import(${JSON.stringify(moduleUrl)});
      const { createTrade } = await import(${JSON.stringify(coreUrl)});
      const j = SqliteJournal.open(${JSON.stringify(path)}, { tradingDay: "20261126" });
      for (let i = 1; i <= 500; i++) {
        j.saveOrderIds("HFT", { prefix: "P", counter: i });
        j.saveTrade("HFT", createTrade({ gatewayName: "HFT", symbol: "600000", exchange: "SSE", orderid: String(i),
          tradeid: "T" + i, direction: "LONG", price: 10, volume: 100, datetime: new Date(0) }));
      }
      process.kill(process.pid, "SIGKILL");`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.signal, run.stderr).toBe("SIGKILL");
    const journal = SqliteJournal.open(path, { tradingDay: "20261126" });
    const loaded = journal.load("HFT");
    expect(loaded.orderIds).toEqual({ prefix: "P", counter: 500 });
    expect(loaded.trades).toHaveLength(500);
    journal.close();
  });

  it("refuses a file that is not a journal, a newer schema and a bad trading day, naming the path", () => {
    const junk = newPath();
    writeFileSync(junk, "this is not a database, just some text that is long enough".repeat(20));
    expect(() => SqliteJournal.open(junk)).toThrow(JournalOpenError);
    expect(() => SqliteJournal.open(junk)).toThrow(junk);

    const newer = newPath();
    const db = new Database(newer);
    db.pragma("user_version = 99");
    db.close();
    expect(() => SqliteJournal.open(newer)).toThrow(/schema version 99/);

    expect(() => SqliteJournal.open(newPath(), { tradingDay: "2026-11-26" })).toThrow(/YYYYMMDD/);
    expect(() => SqliteJournal.open(join(dir, "missing-dir", "j.db"))).toThrow(JournalOpenError);
  });

  it("reports a damaged row by table and id instead of returning a wrong object", () => {
    const path = newPath();
    const journal = SqliteJournal.open(path, { tradingDay: "20261126" });
    journal.saveOrder("HFT", { order: order("0001"), serverId: "", lastSeq: 0 });
    journal.saveTrade("HFT", trade("T1"));
    const db = new Database(path);
    db.prepare("UPDATE orders SET data = json_set(data, '$.status', 'SOMETHING')").run();
    expect(() => journal.load("HFT")).toThrow(JournalRecordError);
    expect(() => journal.load("HFT")).toThrow(/order 0001: status/);
    db.prepare("UPDATE orders SET data = '{not json'").run();
    expect(() => journal.load("HFT")).toThrow(/order 0001: not valid JSON/);
    db.close();
    journal.close();
  });
});

it("has a CommonJS build that opens a journal", () => {
  const cjs = fileURLToPath(new URL("../dist/index.cjs", import.meta.url));
  const run = spawnSync(
    process.execPath,
    [
      "-e",
      `const { SqliteJournal } = require(${JSON.stringify(cjs)}); SqliteJournal.open(":memory:").close(); console.log("ok")`,
    ],
    { encoding: "utf8" },
  );
  expect(run.stdout.trim(), run.stderr).toBe("ok");
});
