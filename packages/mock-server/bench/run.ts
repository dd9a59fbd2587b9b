/**
 * Benchmarks of @tsgate/mock-server over loopback (npm run bench -w @tsgate/mock-server):
 *  - codec: MARKET_DATA and ORDER_REPORT encode/decode per second (the floor of everything else);
 *  - orders: 20,000 limit orders through TradeClient, orders/s accepted (ORDER_RSP) and
 *    reports/s delivered (2 reports per order);
 *  - market data: snapshots/s received by one MarketClient subscribed to every instrument for 5 s.
 * The servers run in a worker thread. Uses the built package (dist/), like a user would.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type * as Lib from "../src/index.js";
import type { MarketData, OrderReport } from "../src/index.js";

// The built package, as users get it (a non-literal specifier keeps the typecheck independent of dist/).
const distEntry = new URL("../dist/index.js", import.meta.url).href;
const lib = (await import(distEntry)) as typeof Lib;
const {
  decodeFrame,
  encodeFrame,
  FrameDecoder,
  MarketClient,
  MessageType,
  OrderStatus,
  OrderType,
  QueryKind,
  Side,
  TradeClient,
} = lib;

const ORDERS = 20_000;
const WINDOW = 500;
const MARKET_SECONDS = 5;
const MARKET_RATE_HZ = 20_000;

interface Row {
  name: string;
  count: number;
  seconds: number;
  perSecond: number;
  note?: string;
}
const rows: Row[] = [];

function record(name: string, count: number, ms: number, note?: string): void {
  const row: Row = { name, count, seconds: ms / 1000, perSecond: Math.round((count * 1000) / ms) };
  if (note !== undefined) row.note = note;
  rows.push(row);
}

const sampleMd: MarketData = {
  mdSeq: 1,
  market: 1,
  code: "600000",
  tradingDay: 20261126,
  time: 93000500,
  preClose: 118000,
  open: 118000,
  high: 119000,
  low: 117000,
  last: 118100,
  limitUp: 129800,
  limitDown: 106200,
  volume: 1_234_500,
  turnover: 145_678_900_000,
  bidPrice: [118000, 117900, 117800, 117700, 117600],
  bidVolume: [1200, 3400, 500, 10000, 100],
  askPrice: [118100, 118200, 118300, 118400, 118500],
  askVolume: [800, 2000, 300, 4500, 900],
};
const sampleReport: OrderReport = {
  reportSeq: 42,
  orderId: "O20261126000007",
  clOrderId: "A1",
  symbol: "SH.600000",
  side: Side.Bid,
  orderType: OrderType.LMT,
  status: OrderStatus.New,
  price: 118000,
  volume: 1000,
  filledVolume: 0,
  filledAmount: 0,
  canceledVolume: 0,
  frozenCash: 11_802_950,
  errorCode: 0,
  errorMsg: "",
  tradingDay: 20261126,
  createTime: 93000500,
  updateTime: 93000500,
};

function timeLoop(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(n, 20_000); i++) fn(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return performance.now() - t0;
}

function benchCodec(): void {
  const N = 500_000;
  const mdFrame = encodeFrame(MessageType.MARKET_DATA, 1, sampleMd);
  const repFrame = encodeFrame(MessageType.ORDER_REPORT, 1, sampleReport);
  record(
    "codec: encode MARKET_DATA",
    N,
    timeLoop(N, (i) => encodeFrame(MessageType.MARKET_DATA, i, sampleMd)),
  );
  record(
    "codec: decode MARKET_DATA",
    N,
    timeLoop(N, () => decodeFrame(mdFrame)),
  );
  record(
    "codec: encode ORDER_REPORT",
    N,
    timeLoop(N, (i) => encodeFrame(MessageType.ORDER_REPORT, i, sampleReport)),
  );
  record(
    "codec: decode ORDER_REPORT",
    N,
    timeLoop(N, () => decodeFrame(repFrame)),
  );
  // Streaming: 1000 coalesced MARKET_DATA frames per 64 KiB-ish chunk.
  const chunk = Buffer.concat(Array.from({ length: 1000 }, () => mdFrame));
  const d = new FrameDecoder();
  let frames = 0;
  const ms = timeLoop(500, () => {
    d.feed(chunk, () => {
      frames++;
    });
  });
  record("codec: FrameDecoder MARKET_DATA stream", 500 * 1000, ms);
  void frames;
}

interface Ready {
  cmd: "ready";
  tradePort: number;
  marketPort: number;
}

function startWorker(): Promise<{ worker: Worker; ready: Ready }> {
  const worker = new Worker(fileURLToPath(new URL("./server-worker.mjs", import.meta.url)));
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (msg: Ready) => resolve({ worker, ready: msg }));
  });
}

function ask<T>(worker: Worker, msg: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { cmd: string }) => {
      if (m.cmd !== reply) return;
      worker.off("message", on);
      resolve(m as T);
    };
    worker.on("message", on);
    worker.postMessage(msg);
  });
}

async function benchOrders(tradePort: number): Promise<void> {
  const c = new TradeClient({ requestTimeoutMs: 120_000 });
  await c.connect(tradePort);
  const login = await c.login({ accountId: "demo", password: "demo123" });
  if (login.errorCode !== 0) throw new Error(`login: ${login.errorMsg}`);
  c.subscribeReports(login.lastReportSeq);
  const sec = (await c.queryAll(QueryKind.Securities, { symbol: "SH.600000" }))[0]!;
  let reports = 0;
  let lastReportAt = 0;
  c.on("report", () => {
    reports++;
    lastReportAt = performance.now();
  });
  const expectedReports = ORDERS * 2;
  const allReports = new Promise<void>((resolve) => {
    const check = () => (reports >= expectedReports ? resolve() : setTimeout(check, 5));
    check();
  });
  let accepted = 0;
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < ORDERS) {
      const i = next++;
      const rsp = await c.order({
        clOrderId: `bench-${i}`,
        symbol: sec.symbol,
        orderType: OrderType.LMT,
        side: Side.Bid,
        volume: 100,
        price: sec.limitDown,
      });
      if (rsp.errorCode === 0) accepted++;
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  const tAccepted = performance.now() - t0;
  await allReports;
  record("orders accepted (ORDER_RSP)", accepted, tAccepted, `${WINDOW} in flight`);
  record("reports delivered (in order, once)", reports, lastReportAt - t0, "PendingNew + New per order");
  if (accepted !== ORDERS) throw new Error(`only ${accepted} of ${ORDERS} orders accepted`);
  await c.close();
}

async function benchMarket(worker: Worker, marketPort: number): Promise<void> {
  const m = new MarketClient({ heartbeatTimeoutMs: 30_000 });
  await m.connect(marketPort);
  await m.login("demo", "demo123");
  await m.subscribe(1, ["600000", "600519", "601318", "688981", "600899", "510300"]);
  await m.subscribe(2, ["000001", "300750"]);
  let received = 0;
  m.on("marketData", () => {
    received++;
  });
  await ask(worker, { cmd: "rate", hz: MARKET_RATE_HZ }, "rate");
  const t0 = performance.now();
  const r0 = received;
  const m0 = m.mdStats.missed;
  await new Promise((r) => setTimeout(r, MARKET_SECONDS * 1000));
  const got = received - r0;
  const ms = performance.now() - t0;
  await ask(worker, { cmd: "rate", hz: 0 }, "rate");
  const { stats } = await ask<{ stats: { steps: number } }>(worker, { cmd: "stats" }, "stats");
  const missed = m.mdStats.missed - m0;
  record(
    "market snapshots received (1 client, 8 codes)",
    got,
    ms,
    `target ${MARKET_RATE_HZ} steps/s × 8 = ${MARKET_RATE_HZ * 8}/s; ${stats.steps} steps made; ${missed} dropped by the server`,
  );
  await m.close();
}

function printTable(): void {
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(
    `\n${"benchmark".padEnd(w)}  ${"count".padStart(9)}  ${"seconds".padStart(8)}  ${"per second".padStart(11)}  note`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(w)}  ${String(r.count).padStart(9)}  ${r.seconds.toFixed(3).padStart(8)}  ${r.perSecond
        .toLocaleString("en-US")
        .padStart(11)}  ${r.note ?? ""}`,
    );
  }
}

async function main(): Promise<void> {
  benchCodec();
  const { worker, ready } = await startWorker();
  try {
    // Market first: the order run leaves 20,000 resting orders that every market step then checks.
    await benchMarket(worker, ready.marketPort);
    await benchOrders(ready.tradePort);
  } finally {
    await ask(worker, { cmd: "close" }, "closed");
    await worker.terminate();
  }
  printTable();
  const dir = fileURLToPath(new URL("./results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    rows,
  };
  const file = `${dir}mock-server-${stamp}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${dir}latest.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
