/**
 * Benchmarks of @tsgate/hft-gateway through the whole stack on loopback
 * (`npm run bench -w @tsgate/hft-gateway`):
 *
 * - floor: raw loopback TCP echo round trip (node:net, 64 bytes, Nagle off), measured in the same
 *   run, against an echo server on the same worker thread as the mock servers;
 * - tick → order acknowledgement: an EVENT_TICK handler sends a limit order; the time until the
 *   NOTTRADED order event (MainEngine → HftGateway → C library via FFI → TCP → mock trade server
 *   → back), p50/p99 over ROUND_TRIPS round trips after a warm-up, and its ratio to the floor;
 * - sustained ticks/s: the mock market server stepping as fast as it can for a bounded time,
 *   every instrument subscribed, counted in an EVENT_TICK handler.
 *
 * Each FFI backend that loads (koffi always; ffi-napi when installed) gets its own rows. The mock
 * servers run on a worker thread. Uses the built package (dist/), as a user would. Results: a
 * table on stdout and JSON in bench/results/.
 */
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  createOrderRequest,
  createSubscribeRequest,
  Direction,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_TICK,
  Exchange,
  MainEngine,
  OrderType,
  Status,
} from "@tsgate/core";
import {
  loadHftLibrary,
  type MarketDataEvent,
  type MdApiEvents,
  TraderApi,
  type TraderApiEvents,
  TypedEmitter,
} from "@tsgate/hft-native";
import type * as Gateway from "../src/index.js";

// The built package, as users get it (a non-literal specifier keeps the typecheck independent of dist/).
const distEntry = new URL("../dist/index.js", import.meta.url).href;
const { HftGateway } = (await import(distEntry)) as typeof Gateway;

const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 2000);
/**
 * ffi-napi delivers each foreign-thread callback in tens of milliseconds here, so its round trips
 * are capped to keep the run bounded (the count is in the table).
 */
const FFI_NAPI_ROUND_TRIPS = Math.min(ROUND_TRIPS, 200);
const warmupFor = (count: number) => Math.min(500, Math.ceil(count / 4));
const WARMUP = warmupFor(ROUND_TRIPS);
/** Synthetic ticks pushed through the gateway's tick path without any I/O. */
const SYNTHETIC_TICKS = 500_000;
const ECHO_BYTES = 64;
const TICK_WARMUP_MS = 1000;
const TICK_WINDOW_MS = Number(process.env.BENCH_TICK_WINDOW_MS ?? 5000);
/** Market steps per second asked of the mock (8 snapshots each); it steps as fast as it can. */
const MAX_MARKET_RATE_HZ = 1_000_000;
const INSTRUMENTS: [string, Exchange][] = [
  ["600000", Exchange.SSE],
  ["600519", Exchange.SSE],
  ["601318", Exchange.SSE],
  ["688981", Exchange.SSE],
  ["600899", Exchange.SSE],
  ["510300", Exchange.SSE],
  ["000001", Exchange.SZSE],
  ["300750", Exchange.SZSE],
];

type Backend = "koffi" | "ffi-napi";

interface Row {
  benchmark: string;
  backend: string;
  n: number;
  p50Us?: number;
  p99Us?: number;
  perSecond?: number;
  note?: string;
}

interface Ready {
  tradePort: number;
  marketPort: number;
  echoPort: number;
}

const rows: Row[] = [];

function percentile(sortedNs: readonly bigint[], p: number): number {
  const index = Math.min(sortedNs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedNs.length) - 1));
  return Number(sortedNs[index] ?? 0n) / 1000;
}

function summary(samples: bigint[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function startWorker(): Promise<{ worker: Worker; ready: Ready }> {
  const worker = new Worker(fileURLToPath(new URL("./server-worker.mjs", import.meta.url)));
  worker.on("error", (error) => console.error("hft-gateway bench: the mock server worker failed:", error));
  const [ready] = (await once(worker, "message")) as [Ready];
  return { worker, ready };
}

function ask<T>(worker: Worker, cmd: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (msg: { cmd: string } & T) => {
      if (msg.cmd !== reply) return;
      worker.off("message", on);
      resolve(msg);
    };
    worker.on("message", on);
    worker.postMessage(cmd);
  });
}

/** Raw loopback TCP echo round trips: the floor for any request/response over the same path. */
async function echoFloor(port: number, count: number): Promise<{ p50: number; p99: number }> {
  const socket = connect({ port, host: "127.0.0.1", noDelay: true });
  await once(socket, "connect");
  const payload = Buffer.alloc(ECHO_BYTES, 7);
  const samples: bigint[] = [];
  let received = 0;
  let wake: () => void = () => {};
  socket.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received >= ECHO_BYTES) {
      received -= ECHO_BYTES;
      wake();
    }
  });
  for (let i = 0; i < count + WARMUP; i++) {
    const done = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const t0 = process.hrtime.bigint();
    socket.write(payload);
    await done;
    if (i >= WARMUP) samples.push(process.hrtime.bigint() - t0);
  }
  socket.destroy();
  return summary(samples);
}

/**
 * The same order round trip on the bare TraderApi (no gateway, no event engine): what the native
 * layer and the wire cost by themselves, to attribute the gateway's share.
 */
async function rawOrderRoundTrip(
  port: number,
  backend: Backend,
  count: number,
): Promise<{ p50: number; p99: number }> {
  const warmup = warmupFor(count);
  const api = new TraderApi({ host: "127.0.0.1", port, library: { backend }, heartbeatTimeoutMs: 60_000 });
  try {
    const login = api.next("login");
    api.login({
      accountId: "demo",
      password: "demo123",
      custOrgid: "0000",
      custBranchid: "9999",
      clSystemId: "HFT",
    });
    if (!(await login).ok) throw new Error("raw TraderApi login failed");
    const samples: bigint[] = [];
    for (let i = 0; i < count + warmup; i++) {
      const clOrderId = `RAW${backend === "koffi" ? "K" : "F"}${i}`;
      const first = api.next("orderStatus", (report) => report.clOrderId === clOrderId);
      const t0 = process.hrtime.bigint();
      api.order({ clOrderId, symbol: "SH.600000", orderType: "LMT", side: "Bid", volume: 100, price: 10.62 });
      await first;
      if (i >= warmup) samples.push(process.hrtime.bigint() - t0);
    }
    return summary(samples);
  } finally {
    await api.close();
  }
}

function gatewaySetting(ready: Ready, backend: Backend) {
  return {
    交易用户名: "demo",
    交易密码: "demo123",
    交易服务器: "127.0.0.1",
    交易端口: ready.tradePort,
    行情用户名: "demo",
    行情密码: "demo123",
    行情服务器: "127.0.0.1",
    行情端口: ready.marketPort,
    ffiBackend: backend,
    // Nothing may time out while the JS thread is saturated by the tick flood.
    heartbeatTimeoutMs: 60_000,
    accountRefreshSeconds: 3600,
  };
}

async function connected(main: MainEngine): Promise<void> {
  let trade = false;
  let market = false;
  await new Promise<void>((resolve, reject) => {
    main.eventEngine.register(EVENT_LOG, (event) => {
      const text = event.data.msg;
      if (text.startsWith("成交信息查询成功")) trade = true;
      if (text.startsWith("行情服务器登录成功")) market = true;
      if (/失败|拒绝|无法|超时/.test(text)) reject(new Error(text));
      if (trade && market) resolve();
    });
  });
}

async function benchBackend(backend: Backend, floor: { p50: number }): Promise<void> {
  const roundTrips = backend === "ffi-napi" ? FFI_NAPI_ROUND_TRIPS : ROUND_TRIPS;
  const warmup = warmupFor(roundTrips);
  const { worker, ready } = await startWorker();
  const main = new MainEngine();
  main.addGateway(HftGateway);
  try {
    const up = connected(main);
    main.connect(gatewaySetting(ready, backend), "HFT");
    await up;

    // ---- tick → order acknowledgement ----
    const vtSymbol = "600000.SSE";
    const first = new Promise<void>((resolve) =>
      main.eventEngine.register(`${EVENT_TICK}${vtSymbol}`, () => resolve()),
    );
    main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "HFT");
    await first;
    const req = createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 100,
      price: 10.62, // the limit-down price: the order rests, acknowledged as NOTTRADED
    });
    const samples: bigint[] = [];
    const callCosts: bigint[] = [];
    let armed = false;
    let t0 = 0n;
    let pending = "";
    let acked: () => void = () => {};
    let failed: (error: Error) => void = () => {};
    main.eventEngine.register(`${EVENT_TICK}${vtSymbol}`, () => {
      if (!armed) return;
      armed = false;
      t0 = process.hrtime.bigint();
      pending = main.sendOrder(req, "HFT");
      callCosts.push(process.hrtime.bigint() - t0);
    });
    main.eventEngine.register(EVENT_ORDER, (event) => {
      const order = event.data;
      if (order.vtOrderid !== pending) return;
      if (order.status === Status.NOTTRADED) {
        samples.push(process.hrtime.bigint() - t0);
        pending = "";
        acked();
      } else if (order.status === Status.REJECTED) {
        failed(new Error(`order rejected: ${order.statusMsg}`));
      }
    });
    for (let i = 0; i < warmup + roundTrips; i++) {
      const done = new Promise<void>((resolve, reject) => {
        acked = resolve;
        failed = reject;
      });
      armed = true;
      worker.postMessage({ cmd: "step" });
      await done;
    }
    const measured = summary(samples.slice(warmup));
    const calls = summary(callCosts.slice(warmup));
    rows.push({
      benchmark: "tick → order ack (NOTTRADED)",
      backend,
      n: roundTrips,
      p50Us: measured.p50,
      p99Us: measured.p99,
    });
    rows.push({
      benchmark: "  ratio p50 tick→ack / TCP echo",
      backend,
      n: roundTrips,
      note: `${(measured.p50 / floor.p50).toFixed(2)}× (target ≤ 3×)`,
    });
    rows.push({
      benchmark: "  sendOrder() call (in the handler)",
      backend,
      n: roundTrips,
      p50Us: calls.p50,
      p99Us: calls.p99,
    });
    const raw = await rawOrderRoundTrip(ready.tradePort, backend, roundTrips);
    rows.push({
      benchmark: "  bare TraderApi order → 1st report",
      backend,
      n: roundTrips,
      p50Us: raw.p50,
      p99Us: raw.p99,
      note: `no gateway/engine: ${(raw.p50 / floor.p50).toFixed(2)}× echo`,
    });

    // ---- sustained ticks/s ----
    let ticks = 0;
    main.eventEngine.register(EVENT_TICK, () => {
      ticks++;
    });
    for (const [symbol, exchange] of INSTRUMENTS)
      main.subscribe(createSubscribeRequest({ symbol, exchange }), "HFT");
    await ask(worker, { cmd: "rate", hz: MAX_MARKET_RATE_HZ }, "rate");
    await new Promise((resolve) => setTimeout(resolve, TICK_WARMUP_MS));
    const before = (
      await ask<{ stats: { snapshotsSent: number; snapshotsDropped: number } }>(
        worker,
        { cmd: "stats" },
        "stats",
      )
    ).stats;
    const ticksBefore = ticks;
    const start = process.hrtime.bigint();
    await new Promise((resolve) => setTimeout(resolve, TICK_WINDOW_MS));
    const ticksAfter = ticks;
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const after = (
      await ask<{ stats: { snapshotsSent: number; snapshotsDropped: number } }>(
        worker,
        { cmd: "stats" },
        "stats",
      )
    ).stats;
    await ask(worker, { cmd: "rate", hz: 0 }, "rate");
    const sent = after.snapshotsSent - before.snapshotsSent;
    const dropped = after.snapshotsDropped - before.snapshotsDropped;
    rows.push({
      benchmark: "sustained ticks → EVENT_TICK handler",
      backend,
      n: ticksAfter - ticksBefore,
      perSecond: Math.round((ticksAfter - ticksBefore) / elapsed),
      // The mock drops snapshots for a connection whose socket is backed up: drops mean the
      // stack fell behind; none means the server's own rate was the limit.
      note: `${elapsed.toFixed(1)} s window; mock server sent ${Math.round(sent / elapsed)}/s, dropped ${Math.round(dropped / elapsed)}/s`,
    });
  } finally {
    await main.close();
    await ask(worker, { cmd: "close" }, "closed");
    await worker.terminate();
  }
}

class SyntheticMd extends TypedEmitter<MdApiEvents> {
  fire<K extends keyof MdApiEvents>(name: K, event: MdApiEvents[K]): void {
    this.emit(name, event);
  }
  login(): void {}
  subscribe(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
}

class IdleTrader extends TypedEmitter<TraderApiEvents> {
  login(): void {}
  order(): void {}
  cancelOrder(): void {}
  cancelOrders(): void {}
  queryAll(): Promise<never[]> {
    return Promise.resolve([]);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The gateway's share of the tick path without any I/O: decoded snapshots handed to the market
 * side in batches of 1024 (as the native pump delivers them) → TickData → EventEngine (with the
 * OMS registered, as in MainEngine) → an EVENT_TICK handler. The ceiling of the JS side.
 */
async function syntheticTickPath(): Promise<void> {
  const md = new SyntheticMd();
  const main = new MainEngine();
  const gateway = new HftGateway(main.eventEngine, "SYN", {
    api: {
      loadLibrary: (options) => options,
      createTrader: () => new IdleTrader(),
      createMd: () => md,
    },
  });
  let ticks = 0;
  main.eventEngine.register(EVENT_TICK, () => {
    ticks++;
  });
  gateway.connect({ 交易用户名: "x", 交易服务器: "127.0.0.1", 行情用户名: "x", 行情服务器: "127.0.0.1" });
  md.fire("login", { ok: true, errorCode: 0, message: "" });
  md.fire("baseInfo", {
    market: "SH",
    code: "600000",
    name: "浦发银行",
    securityType: 1,
    preClose: 11.8,
    limitUp: 12.98,
    limitDown: 10.62,
    priceTick: 0,
    lotSize: 0,
    minBuyVolume: 0,
  });
  const snapshot: MarketDataEvent = {
    mdSeq: 1,
    market: "SH",
    code: "600000",
    tradingDay: 20250102,
    time: 93000500,
    preClose: 11.8,
    open: 11.7,
    high: 11.9,
    low: 11.6,
    last: 11.81,
    limitUp: 12.98,
    limitDown: 10.62,
    volume: 12_300,
    turnover: 145_263,
    bidPrice: [11.8, 11.79, 11.78, 11.77, 11.76],
    bidVolume: [100, 200, 300, 400, 500],
    askPrice: [11.81, 11.82, 11.83, 11.84, 11.85],
    askVolume: [600, 700, 800, 900, 1000],
  };
  const batch = 1024;
  const t0 = process.hrtime.bigint();
  for (let sent = 0; sent < SYNTHETIC_TICKS; sent += batch) {
    const n = Math.min(batch, SYNTHETIC_TICKS - sent);
    for (let i = 0; i < n; i++) md.fire("marketData", { ...snapshot, mdSeq: sent + i + 1 });
    await new Promise((resolve) => setImmediate(resolve));
  }
  await main.eventEngine.flush();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rows.push({
    benchmark: "gateway tick path, no I/O (ceiling)",
    backend: "-",
    n: ticks,
    perSecond: Math.round(ticks / seconds),
    note: "snapshot → TickData → EventEngine + OMS → handler",
  });
  await main.close();
}

function printTable(): void {
  const header = ["benchmark", "backend", "n", "p50 µs", "p99 µs", "per second", "note"];
  const table = rows.map((r) => [
    r.benchmark,
    r.backend,
    String(r.n),
    r.p50Us === undefined ? "" : r.p50Us.toFixed(1),
    r.p99Us === undefined ? "" : r.p99Us.toFixed(1),
    r.perSecond === undefined ? "" : r.perSecond.toLocaleString("en-US"),
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of table) console.log(line(row));
}

async function main(): Promise<void> {
  const backends: Backend[] = ["koffi"];
  const skipped: string[] = [];
  try {
    loadHftLibrary({ backend: "ffi-napi" });
    backends.push("ffi-napi");
  } catch (error) {
    skipped.push(`ffi-napi: ${(error as Error).message.split("\n")[0]}`);
  }

  const { worker, ready } = await startWorker();
  let floor: { p50: number; p99: number };
  try {
    floor = await echoFloor(ready.echoPort, ROUND_TRIPS);
  } finally {
    await ask(worker, { cmd: "close" }, "closed");
    await worker.terminate();
  }
  rows.push({
    benchmark: "loopback TCP echo round trip (floor)",
    backend: "-",
    n: ROUND_TRIPS,
    p50Us: floor.p50,
    p99Us: floor.p99,
  });
  for (const backend of backends) await benchBackend(backend, floor);
  await syntheticTickPath();

  printTable();
  for (const line of skipped) console.log(`skipped ${line}`);
  const dir = fileURLToPath(new URL("./results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    roundTrips: ROUND_TRIPS,
    warmup: WARMUP,
    tickWindowMs: TICK_WINDOW_MS,
    rows,
    skipped,
  };
  const stamp = result.date.replace(/[:.]/g, "-");
  const file = `${dir}hft-gateway-${stamp}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${dir}latest.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

let finished = false;
// A promise that can no longer settle (e.g. the server worker died while an answer was awaited)
// empties the event loop and would end the process silently with code 0: say so and fail.
process.on("beforeExit", () => {
  if (finished) return;
  finished = true;
  console.error("hft-gateway bench: ended early, still waiting for something that can no longer happen");
  process.exitCode = 1;
});
main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    finished = true;
  });
