/**
 * Journal benchmark: what the order journal costs on the order path, in the pattern HftGateway
 * uses: one commit (id + new order) before each order is sent, and one commit per batch of broker
 * reports. Each figure is beside MemoryJournal (the same calls with no I/O) measured in the same
 * run.
 *
 * Run: `npm run bench -w @tsgate/journal`. Prints a table and writes `bench/results/journal.json`
 * (git-ignored).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createOrder,
  createTrade,
  Direction,
  Exchange,
  MemoryJournal,
  type OrderJournal,
  Status,
  updateOrder,
} from "@tsgate/core";
import { SqliteJournal } from "../src/index.js";

const RESULTS_FILE = fileURLToPath(new URL("./results/journal.json", import.meta.url));
const ORDERS = 20_000;
const POWER_ORDERS = 500;
const PREFIX = "2611260930150012345";

function order(i: number) {
  return createOrder({
    gatewayName: "HFT",
    symbol: "600000",
    exchange: Exchange.SSE,
    orderid: `${PREFIX}${String(i).padStart(6, "0")}`,
    direction: Direction.LONG,
    price: 11.8,
    volume: 100,
  });
}

/** The reports of one order: its final state and its trade. */
function fill(journal: OrderJournal, i: number): void {
  const filled = updateOrder(order(i), { status: Status.ALLTRADED, traded: 100, datetime: new Date() });
  journal.saveOrder("HFT", { order: filled, serverId: `S${i}`, lastSeq: i });
  journal.saveTrade(
    "HFT",
    createTrade({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: filled.orderid,
      tradeid: `T${i}`,
      direction: Direction.LONG,
      price: 11.8,
      volume: 100,
      datetime: new Date(),
    }),
  );
}

/** µs per order: the new-order commit, and the reports committed per batch of `batch` orders. */
function measure(
  journal: OrderJournal,
  orders: number,
  batch: number,
): { newOrder: number; reports: number } {
  let newOrder = 0n;
  let reports = 0n;
  for (let i = 1; i <= orders; i += batch) {
    const last = Math.min(orders, i + batch - 1);
    let t = process.hrtime.bigint();
    for (let k = i; k <= last; k++) {
      journal.transaction(() => {
        journal.saveOrderIds("HFT", { prefix: PREFIX, counter: k });
        journal.saveOrder("HFT", { order: order(k), serverId: "", lastSeq: 0 });
      });
    }
    newOrder += process.hrtime.bigint() - t;
    t = process.hrtime.bigint();
    journal.transaction(() => {
      for (let k = i; k <= last; k++) fill(journal, k);
    });
    reports += process.hrtime.bigint() - t;
  }
  return { newOrder: Number(newOrder) / orders / 1000, reports: Number(reports) / orders / 1000 };
}

interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: string;
  readonly baselineValue?: number;
}

const dir = mkdtempSync(join(tmpdir(), "tsgate-journal-bench-"));
try {
  const memory = measure(new MemoryJournal(), ORDERS, 1);
  const perOrder = SqliteJournal.open(join(dir, "per-order.db"));
  const single = measure(perOrder, ORDERS, 1);
  const loadStart = process.hrtime.bigint();
  const loaded = perOrder.load("HFT");
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  perOrder.close();
  const batchedJournal = SqliteJournal.open(join(dir, "batched.db"));
  const batched = measure(batchedJournal, ORDERS, 100);
  batchedJournal.close();
  const power = SqliteJournal.open(join(dir, "power.db"), { durability: "power" });
  const powerSingle = measure(power, POWER_ORDERS, 1);
  power.close();

  const rows: Row[] = [
    { name: "new order (id + order), MemoryJournal (baseline)", value: memory.newOrder, unit: "µs" },
    {
      name: "new order (id + order), one commit",
      value: single.newOrder,
      unit: "µs",
      baseline: "MemoryJournal, same calls",
      baselineValue: memory.newOrder,
    },
    {
      name: "new order, durability power (fsync)",
      value: powerSingle.newOrder,
      unit: "µs",
      baseline: "MemoryJournal, same calls",
      baselineValue: memory.newOrder,
    },
    {
      name: "reports of 1 order (fill + trade), MemoryJournal (baseline)",
      value: memory.reports,
      unit: "µs",
    },
    {
      name: "reports of 1 order, one commit per order",
      value: single.reports,
      unit: "µs",
      baseline: "MemoryJournal, same calls",
      baselineValue: memory.reports,
    },
    {
      name: "reports of 100 orders in one commit, per order",
      value: batched.reports,
      unit: "µs",
      baseline: "MemoryJournal, same calls",
      baselineValue: memory.reports,
    },
    {
      name: "orders/s, one commit for each order and for its reports",
      value: 1e6 / (single.newOrder + single.reports),
      unit: "orders/s",
    },
    {
      name: `load() of ${loaded.orders.length} orders + ${loaded.trades.length} trades at restart`,
      value: loadMs,
      unit: "ms",
    },
  ];
  console.log(
    `journal benchmark (${ORDERS} orders; ${POWER_ORDERS} with durability power); loadavg ${loadavg()[0]?.toFixed(2)}`,
  );
  for (const r of rows) {
    const ratio =
      r.baselineValue === undefined ? "" : `  (${(r.value / r.baselineValue).toFixed(1)}× memory)`;
    console.log(
      `  ${r.name.padEnd(64)} ${r.value.toFixed(r.value < 100 ? 2 : 0).padStart(10)} ${r.unit}${ratio}`,
    );
  }
  mkdirSync(fileURLToPath(new URL("./results/", import.meta.url)), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ bench: "journal", date: new Date().toISOString(), cpus: cpus().length, loadavg: loadavg(), rows }, null, 2)}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
