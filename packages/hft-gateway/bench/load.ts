/**
 * Sustained load through the whole stack (issue 7): market data for 50 instruments at 1,000
 * snapshots/s in total and an order flow of 500 orders/s, together, for 60 s.
 *
 *   npx tsx bench/load.ts [--seconds 60] [--orders-per-second 500] [--snapshots-per-second 1000]
 *                         [--warmup-seconds 5] [--drain-seconds 15] [--retain 5000 | --retain all]
 *   npm run bench:load -w @tsgate/hft-gateway -- --seconds 10
 *
 * `--retain N` bounds what stays in memory, as a long-running application would: the OMS keeps the
 * newest N finished orders and N trades, the gateway N finished orders and 4N trade ids (default
 * 5000); `--retain all` keeps everything (vnpy's behaviour: memory then grows with every order).
 *
 * `--journal` runs the gateway with a SQLite order journal (a temporary file), to see its cost.
 *
 * `--orders-per-second 0` runs the market data alone (a diagnostic: is the tick path's memory
 * flat?) and writes no result file.
 *
 * The mock servers run in a child process (bench/load-server-worker.mjs): they share neither the
 * event loop nor the memory of this process. Here: MainEngine + HftGateway (koffi backend, the
 * built package as users get it), every instrument subscribed, and a strategy on a 10 ms timer
 * that sends orders at the asked rate: half marketable limit orders (1% through the far touch, so
 * they fill at once), half passive ones (2% away from the near touch) cancelled 150–400 ms later;
 * buys and sells, lots of 100, prices on the tick inside the daily limits, sells only from the
 * start-of-day holdings. Any rejection is an error.
 *
 * Measured: snapshots the server wrote to the market connection vs ticks seen by an EVENT_TICK
 * handler (after the market is stopped and the pipe drained, the two totals must be equal);
 * orders sent, acknowledged, finished (by final status) and any still active after the drain;
 * trades received vs trades the server made; RSS, heapUsed and RSS − heapTotal (native memory)
 * after warm-up, every 5 s and at the end of the load (start and end after a forced GC) with the
 * end/start ratio and the slope; GC count, total and longest pause;
 * event-loop delay p50/p99/max (perf_hooks.monitorEventLoopDelay) during the load; achieved
 * snapshots/s and orders/s; the load average. Exits 1 on any loss, stuck order, rejection,
 * duplicate or reconnect. JSON in bench/results/load.json (read by bench/report.ts).
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  ACTIVE_STATUSES,
  createCancelRequest,
  createOrderRequest,
  createSubscribeRequest,
  Direction,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_TICK,
  EVENT_TRADE,
  type Exchange,
  LogLevel,
  MainEngine,
  type OrderData,
  OrderType,
  Status,
} from "@tsgate/core";
import { SqliteJournal } from "@tsgate/journal";
// The simulator's seeded PRNG: the order flow is the same from run to run.
import { mulberry32 } from "@tsgate/mock-server";
import type * as Gateway from "../src/index.js";

// The built package, as users get it (a non-literal specifier keeps the typecheck independent of dist/).
const distEntry = new URL("../dist/index.js", import.meta.url).href;
const { HftGateway } = (await import(distEntry)) as typeof Gateway;

const GATEWAY = "HFT";

function positiveArg(name: string, text: string | undefined, fallback: number, zeroOk = false): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroOk)) {
    console.error(`--${name} must be a ${zeroOk ? "non-negative" : "positive"} number, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string" },
    "orders-per-second": { type: "string" },
    "snapshots-per-second": { type: "string" },
    "drain-seconds": { type: "string" },
    "warmup-seconds": { type: "string" },
    retain: { type: "string" },
    journal: { type: "boolean" },
  },
  strict: true,
});
const SECONDS = positiveArg("seconds", args.seconds, 60);
/** 0: market data only (to tell the tick path's memory from the orders'). */
const ORDERS_PER_SECOND = positiveArg("orders-per-second", args["orders-per-second"], 500, true);
const SNAPSHOTS_PER_SECOND = positiveArg("snapshots-per-second", args["snapshots-per-second"], 1000);
const DRAIN_SECONDS = positiveArg("drain-seconds", args["drain-seconds"], 15);
/** Load (market and orders) before the start figures are taken: JIT, pools and buffers warm. */
const WARMUP_MS = positiveArg("warmup-seconds", args["warmup-seconds"], 5) * 1000;
/** Finished orders / trades kept in memory; undefined: all. */
const RETAIN = args.retain === "all" ? undefined : positiveArg("retain", args.retain, 5000);
/** Run the gateway with a SQLite order journal (in a temporary directory). */
const JOURNAL = args.journal === true;
const SAMPLE_EVERY_MS = 5000;
/** Period of monitorEventLoopDelay's timer. */
const LAG_RESOLUTION_MS = 10;
/** The strategy's timer. */
const STRATEGY_PERIOD_MS = 10;
const PASSIVE_CANCEL_MIN_MS = 150;
const PASSIVE_CANCEL_MAX_MS = 400;
/** A marketable order still working after this long (the book moved away) is cancelled too. */
const MARKETABLE_CANCEL_MS = 1000;
const CANCEL_RETRY_MS = 500;
/** Shares per order: whole lots of 100 (no STAR instruments here). */
const VOLUMES = [100, 100, 100, 200, 300, 500] as const;

// ---------------------------------------------------------------------------------------------
// The mock servers' process

interface Ready {
  tradePort: number;
  marketPort: number;
  account: string;
  password: string;
  holding: number;
  instruments: { symbol: string; exchange: Exchange }[];
}

interface ServerStats {
  /** Totals over every market connection so far. */
  snapshotsSent: number;
  snapshotsDropped: number;
  perConnection: { id: number; snapshotsSent: number; snapshotsDropped: number }[];
  steps: number;
  marketConnections: number[];
  tradeConnections: number[];
  trades: number;
  orderReports: number;
  rejected: number;
  rss: number;
}

function startServer(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(fileURLToPath(new URL("./load-server-worker.mjs", import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`mock server process exited (${code})`)));
    child.once("message", (msg) => resolve({ child, ready: msg as Ready }));
  });
}

function ask<T>(child: ChildProcess, cmd: object, reply: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", on);
      reject(new Error(`mock server process: no "${reply}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (msg: { cmd: string } & T) => {
      if (msg.cmd !== reply) return;
      clearTimeout(timer);
      child.off("message", on);
      resolve(msg);
    };
    child.on("message", on);
    child.send(cmd);
  });
}

const serverStats = async (child: ChildProcess) =>
  (await ask<{ stats: ServerStats }>(child, { cmd: "stats" }, "stats")).stats;

// ---------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const MiB = 2 ** 20;
const toMiB = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** A forced full GC when the runtime allows it, so heap figures compare live data, not garbage. */
const gc: (() => void) | undefined = (() => {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
})();

interface MemorySample {
  atS: number;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  /** RSS − heapTotal: native memory (the C library, koffi, malloc arenas), code, stacks. */
  nonHeapMiB: number;
  orders: number;
  ticks: number;
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

// ---------------------------------------------------------------------------------------------
// The run

interface Working {
  readonly vtSymbol: string;
  readonly sell: boolean;
  readonly volume: number;
  readonly marketable: boolean;
  readonly cancelAt: number;
  lastCancelAt: number;
  acked: boolean;
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

async function main(): Promise<number> {
  const { child, ready } = await startServer();
  const instruments = ready.instruments;
  const stepsPerSecond = SNAPSHOTS_PER_SECOND / instruments.length;
  const engine = new MainEngine(undefined, {
    oms: RETAIN === undefined ? {} : { maxFinishedOrders: RETAIN, maxTrades: RETAIN },
  });
  const journalDir = JOURNAL ? mkdtempSync(path.join(tmpdir(), "tsgate-load-journal-")) : undefined;
  const journal =
    journalDir === undefined ? undefined : SqliteJournal.open(path.join(journalDir, "journal.db"));
  engine.addGateway(HftGateway, GATEWAY, {
    ...(RETAIN === undefined ? {} : { retention: { finishedOrders: RETAIN, tradeIds: 4 * RETAIN } }),
    ...(journal === undefined ? {} : { journal }),
  });
  const problems: string[] = [];
  try {
    // ---- counters fed by handlers ----
    let ticks = 0;
    let ordersSent = 0;
    let acked = 0;
    let finished = 0;
    let cancelsSent = 0;
    let tradesReceived = 0;
    let tradedVolume = 0;
    let unknownOrderEvents = 0;
    let sendCallNs = 0n;
    const finals: Record<string, number> = { ALLTRADED: 0, CANCELLED: 0, REJECTED: 0 };
    const rejections: string[] = [];
    const warnings: string[] = [];
    let warningCount = 0;
    const working = new Map<string, Working>();
    const sellable = new Map<string, number>();
    for (const i of instruments) sellable.set(`${i.symbol}.${i.exchange}`, ready.holding);

    engine.eventEngine.register(EVENT_TICK, () => {
      ticks++;
    });
    engine.eventEngine.register(EVENT_TRADE, (event) => {
      tradesReceived++;
      tradedVolume += event.data.volume;
    });
    engine.eventEngine.register(EVENT_ORDER, (event) => {
      const order: OrderData = event.data;
      const w = working.get(order.vtOrderid);
      if (w === undefined) {
        unknownOrderEvents++;
        return;
      }
      if (!w.acked && order.status !== Status.SUBMITTING) {
        w.acked = true;
        acked++;
      }
      if (ACTIVE_STATUSES.has(order.status)) return;
      working.delete(order.vtOrderid);
      finished++;
      finals[order.status] = (finals[order.status] ?? 0) + 1;
      if (order.status === Status.REJECTED && rejections.length < 10)
        rejections.push(`${order.vtOrderid} ${order.vtSymbol}: ${order.statusMsg}`);
      if (w.sell) sellable.set(w.vtSymbol, (sellable.get(w.vtSymbol) ?? 0) + w.volume - order.traded);
    });
    engine.eventEngine.register(EVENT_LOG, (event) => {
      const { level, msg } = event.data;
      if (level !== LogLevel.WARNING && level !== LogLevel.ERROR) return;
      warningCount++;
      if (warnings.length < 10) warnings.push(`${level}: ${msg}`);
    });

    // ---- connect, subscribe, first tick of every instrument ----
    const up = connected(engine);
    engine.connect(
      {
        交易用户名: ready.account,
        交易密码: ready.password,
        交易服务器: "127.0.0.1",
        交易端口: ready.tradePort,
        行情用户名: ready.account,
        行情密码: ready.password,
        行情服务器: "127.0.0.1",
        行情端口: ready.marketPort,
        ffiBackend: "koffi",
      },
      GATEWAY,
    );
    await up;
    for (const { symbol, exchange } of instruments)
      engine.subscribe(createSubscribeRequest({ symbol, exchange }), GATEWAY);
    const vtSymbols = instruments.map((i) => `${i.symbol}.${i.exchange}`);
    if (!(await until(() => vtSymbols.every((vt) => engine.getTick(vt) !== undefined), 10_000)))
      throw new Error("no first tick of every instrument within 10 s");
    const connections = await serverStats(child);

    // ---- the strategy ----
    const random = mulberry32(20_261_126);
    let nextInstrument = 0;
    const placeOne = (now: number): void => {
      const vtSymbol = vtSymbols[nextInstrument]!;
      const inst = instruments[nextInstrument]!;
      nextInstrument = (nextInstrument + 1) % vtSymbols.length;
      const tick = engine.getTick(vtSymbol)!;
      const volume = VOLUMES[Math.floor(random() * VOLUMES.length)]!;
      const left = sellable.get(vtSymbol) ?? 0;
      const sell = random() < 0.5 && left >= volume;
      const marketable = random() < 0.5;
      const bid = tick.bidPrice1 > 0 ? tick.bidPrice1 : tick.lastPrice;
      const ask = tick.askPrice1 > 0 ? tick.askPrice1 : tick.lastPrice;
      let price: number;
      if (marketable)
        price = sell
          ? Math.max(tick.limitDown, round2(bid * 0.99))
          : Math.min(tick.limitUp, round2(ask * 1.01));
      else
        price = sell
          ? Math.min(tick.limitUp, round2(ask * 1.02))
          : Math.max(tick.limitDown, round2(bid * 0.98));
      if (sell) sellable.set(vtSymbol, left - volume);
      const t0 = process.hrtime.bigint();
      const vtOrderid = engine.sendOrder(
        createOrderRequest({
          symbol: inst.symbol,
          exchange: inst.exchange,
          direction: sell ? Direction.SHORT : Direction.LONG,
          type: OrderType.LIMIT,
          volume,
          price,
        }),
        GATEWAY,
      );
      sendCallNs += process.hrtime.bigint() - t0;
      ordersSent++;
      const wait = marketable
        ? MARKETABLE_CANCEL_MS
        : PASSIVE_CANCEL_MIN_MS + random() * (PASSIVE_CANCEL_MAX_MS - PASSIVE_CANCEL_MIN_MS);
      working.set(vtOrderid, {
        vtSymbol,
        sell,
        volume,
        marketable,
        cancelAt: now + wait,
        lastCancelAt: 0,
        acked: false,
      });
    };
    const cancelDue = (now: number, all: boolean): void => {
      for (const [vtOrderid, w] of working) {
        if (!all && now < w.cancelAt) continue;
        if (now - w.lastCancelAt < CANCEL_RETRY_MS) continue;
        const order = engine.getOrder(vtOrderid);
        if (order === undefined || !ACTIVE_STATUSES.has(order.status)) continue;
        w.lastCancelAt = now;
        cancelsSent++;
        engine.cancelOrder(createCancelRequest(order), GATEWAY);
      }
    };
    let flowStartedAt = 0;
    let flowSent = 0;
    let strategyTimer: NodeJS.Timeout | undefined;
    const startFlow = () => {
      flowStartedAt = performance.now();
      flowSent = 0;
      strategyTimer = setInterval(() => {
        const nowPerf = performance.now();
        const now = Date.now();
        cancelDue(now, false);
        // Sends what is due by now: the average rate is exact whatever the timer's jitter.
        const due = Math.floor(((nowPerf - flowStartedAt) * ORDERS_PER_SECOND) / 1000) - flowSent;
        for (let i = 0; i < due; i++) placeOne(now);
        flowSent += Math.max(0, due);
      }, STRATEGY_PERIOD_MS);
    };
    const stopFlow = () => {
      if (strategyTimer) clearInterval(strategyTimer);
      strategyTimer = undefined;
    };

    // ---- warm-up: full load, not measured ----
    await ask(child, { cmd: "rate", hz: stepsPerSecond }, "rate");
    startFlow();
    await sleep(WARMUP_MS);

    // ---- the measured window ----
    const samples: MemorySample[] = [];
    // A forced GC at the start and the end only (outside the event-loop delay measurement): the
    // samples in between are as the process has them.
    const memoryNow = (atS: number, collect: boolean): MemorySample => {
      if (collect) gc?.();
      const m = process.memoryUsage();
      return {
        atS,
        rssMiB: toMiB(m.rss),
        heapUsedMiB: toMiB(m.heapUsed),
        heapTotalMiB: toMiB(m.heapTotal),
        externalMiB: toMiB(m.external),
        arrayBuffersMiB: toMiB(m.arrayBuffers),
        nonHeapMiB: toMiB(m.rss - m.heapTotal),
        orders: ordersSent,
        ticks,
      };
    };
    const loadStart = loadavg();
    const serverBefore = await serverStats(child);
    // From here to t0 all is synchronous: the counters, the forced GC and the start sample agree.
    const ticksBefore = ticks;
    const ordersBefore = ordersSent;
    const tradesBefore = tradesReceived;
    const sendNsBefore = sendCallNs;
    const startMemory = memoryNow(0, true);
    samples.push(startMemory);
    const gcPauses: number[] = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcPauses.push(entry.duration);
    });
    gcObserver.observe({ entryTypes: ["gc"] });
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const t0 = performance.now();
    const windowMs = SECONDS * 1000;
    console.log(
      `load: ${instruments.length} instruments × ${stepsPerSecond} steps/s = ${SNAPSHOTS_PER_SECOND} snapshots/s, ${ORDERS_PER_SECOND} orders/s, ${SECONDS} s (after ${WARMUP_MS / 1000} s warm-up)`,
    );
    const show = (s: MemorySample) =>
      console.log(
        `  ${s.atS.toFixed(0).padStart(3)} s  rss ${s.rssMiB} MiB  heapUsed ${s.heapUsedMiB} MiB (total ${s.heapTotalMiB})  rss−heapTotal ${s.nonHeapMiB} MiB  ticks ${s.ticks - ticksBefore}  orders ${s.orders - ordersBefore}  working ${working.size}`,
      );
    show(startMemory);
    while (performance.now() - t0 < windowMs - 1) {
      const nextSample = samples.length * SAMPLE_EVERY_MS - (performance.now() - t0);
      await sleep(Math.max(0, Math.min(nextSample, windowMs - (performance.now() - t0))));
      const at = (performance.now() - t0) / 1000;
      if (at * 1000 >= windowMs - 1) break;
      const s = memoryNow(Math.round(at * 10) / 10, false);
      samples.push(s);
      show(s);
    }
    const elapsedS = (performance.now() - t0) / 1000;
    lag.disable();
    gcObserver.disconnect();
    const gcStats = {
      count: gcPauses.length,
      totalMs: gcPauses.reduce((a, b) => a + b, 0),
      maxMs: gcPauses.reduce((a, b) => Math.max(a, b), 0),
    };
    const ticksWindow = ticks - ticksBefore;
    const ordersWindow = ordersSent - ordersBefore;
    const tradesWindow = tradesReceived - tradesBefore;
    const serverAfter = await serverStats(child);
    const endMemory = memoryNow(Math.round(elapsedS * 10) / 10, true);
    samples.push(endMemory);
    const loadEnd = loadavg();

    // ---- drain: no new orders, market stopped, every order finished, every snapshot in ----
    stopFlow();
    await ask(child, { cmd: "rate", hz: 0 }, "rate");
    const drainStart = performance.now();
    let final = await serverStats(child);
    const drained = await until(
      () => {
        cancelDue(Date.now(), true);
        return working.size === 0 && ticks >= final.snapshotsSent && tradesReceived >= final.trades;
      },
      DRAIN_SECONDS * 1000,
      50,
    );
    // Settle a little more: anything late (a duplicate, a stray snapshot) would show now.
    await sleep(300);
    final = await serverStats(child);
    const drainMs = Math.round(performance.now() - drainStart);
    // What the OMS holds after the drain (bounded by --retain).
    const omsOrders = engine.getAllOrders().length;
    const omsTrades = engine.getAllTrades().length;

    // ---- figures ----
    // The one market connection the gateway holds: what the server wrote to it vs what arrived.
    const conn = final.perConnection.length === 1 ? final.perConnection[0] : undefined;
    if (conn === undefined)
      problems.push(`expected one market connection at the end, found ${final.perConnection.length}`);
    else if (conn.snapshotsSent !== final.snapshotsSent || conn.snapshotsDropped !== final.snapshotsDropped)
      problems.push("the server wrote snapshots to another market connection too");
    const wrote = conn?.snapshotsSent ?? final.snapshotsSent;
    const lost = wrote - ticks;
    const dropped = conn?.snapshotsDropped ?? final.snapshotsDropped;
    const stuck = [...working.keys()];
    const rejected = finals.REJECTED ?? 0;
    // The histogram records the time between the monitor's timer runs: the delay is that minus
    // the timer's period.
    const delay = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
    const lagMs = {
      p50: delay(lag.percentile(50)),
      p99: delay(lag.percentile(99)),
      max: delay(lag.max),
      mean: delay(lag.mean),
    };
    const points = samples.map((s) => ({ x: s.atS / 60, y: s.rssMiB }));
    const rssSlope = slope(points);
    const heapSlope = slope(samples.map((s) => ({ x: s.atS / 60, y: s.heapUsedMiB })));
    const nonHeapSlope = slope(samples.map((s) => ({ x: s.atS / 60, y: s.nonHeapMiB })));
    const heapPerOrder =
      ((endMemory.heapUsedMiB - startMemory.heapUsedMiB) * MiB) / Math.max(1, ordersWindow);
    const serverSentWindow = serverAfter.snapshotsSent - serverBefore.snapshotsSent;
    const snapshotsPerSecond = ticksWindow / elapsedS;
    const ordersPerSecond = ordersWindow / elapsedS;
    const reconnects =
      final.marketConnections.join() !== connections.marketConnections.join() ||
      final.tradeConnections.join() !== connections.tradeConnections.join();

    if (lost !== 0) problems.push(`${lost} snapshot(s) written by the server never reached EVENT_TICK`);
    if (dropped !== 0)
      problems.push(`the server dropped ${dropped} snapshot(s): the connection was backed up`);
    if (stuck.length > 0)
      problems.push(`${stuck.length} order(s) still active after the drain: ${stuck.slice(0, 5).join(", ")}`);
    if (rejected > 0) problems.push(`${rejected} order(s) rejected: ${rejections.slice(0, 3).join("; ")}`);
    if (final.rejected > 0) problems.push(`the server rejected ${final.rejected} order(s)`);
    if (tradesReceived !== final.trades)
      problems.push(`trades received ${tradesReceived} ≠ trades made by the server ${final.trades}`);
    if (acked !== ordersSent) problems.push(`${ordersSent - acked} order(s) never acknowledged`);
    if (unknownOrderEvents > 0)
      problems.push(`${unknownOrderEvents} order event(s) for orders not sent here`);
    if (reconnects)
      problems.push(
        `connections changed during the run (market ${connections.marketConnections} → ${final.marketConnections}, trade ${connections.tradeConnections} → ${final.tradeConnections})`,
      );
    if (!drained && problems.length === 0) problems.push(`not drained within ${DRAIN_SECONDS} s`);

    const lines = [
      "",
      `window                 ${elapsedS.toFixed(1)} s; drain ${drainMs} ms${drained ? "" : " (timed out)"}`,
      `snapshots             server wrote ${wrote.toLocaleString("en-US")} to connection ${conn?.id ?? "?"}, EVENT_TICK got ${ticks.toLocaleString("en-US")}, lost ${lost}, server dropped ${dropped} (totals since subscribing)`,
      `  in the window       ${ticksWindow.toLocaleString("en-US")} ticks = ${Math.round(snapshotsPerSecond).toLocaleString("en-US")}/s (server wrote ${Math.round(serverSentWindow / elapsedS).toLocaleString("en-US")}/s, ${serverAfter.steps - serverBefore.steps} steps)`,
      `orders                sent ${ordersSent.toLocaleString("en-US")} (window ${ordersWindow.toLocaleString("en-US")} = ${Math.round(ordersPerSecond)}/s), acked ${acked.toLocaleString("en-US")}, final ${finished.toLocaleString("en-US")} (ALLTRADED ${finals.ALLTRADED}, CANCELLED ${finals.CANCELLED}, REJECTED ${rejected}), still active ${stuck.length}`,
      `  cancels sent        ${cancelsSent.toLocaleString("en-US")}; sendOrder() call ${(Number(sendCallNs - sendNsBefore) / Math.max(1, ordersWindow) / 1000).toFixed(1)} µs mean`,
      `trades                received ${tradesReceived.toLocaleString("en-US")} (window ${tradesWindow.toLocaleString("en-US")}), server made ${final.trades.toLocaleString("en-US")}; ${tradedVolume.toLocaleString("en-US")} shares; server order reports ${final.orderReports.toLocaleString("en-US")}`,
      `RSS                   start ${startMemory.rssMiB} MiB → end ${endMemory.rssMiB} MiB (×${(endMemory.rssMiB / startMemory.rssMiB).toFixed(3)}), slope ${rssSlope.toFixed(2)} MiB/min${gc ? " (start and end after a forced GC)" : ""}`,
      `heapUsed              start ${startMemory.heapUsedMiB} MiB → end ${endMemory.heapUsedMiB} MiB (×${(endMemory.heapUsedMiB / startMemory.heapUsedMiB).toFixed(3)}), slope ${heapSlope.toFixed(2)} MiB/min, ${Math.round(heapPerOrder)} bytes per order sent; the OMS holds ${omsOrders.toLocaleString("en-US")} orders and ${omsTrades.toLocaleString("en-US")} trades`,
      `rss − heapTotal       start ${startMemory.nonHeapMiB} MiB → end ${endMemory.nonHeapMiB} MiB, slope ${nonHeapSlope.toFixed(2)} MiB/min (native memory, code, stacks)`,
      `event-loop delay      p50 ${lagMs.p50.toFixed(2)} ms, p99 ${lagMs.p99.toFixed(2)} ms, max ${lagMs.max.toFixed(2)} ms, mean ${lagMs.mean.toFixed(2)} ms (monitorEventLoopDelay, ${LAG_RESOLUTION_MS} ms timer, its period subtracted)`,
      `GC                    ${gcStats.count} collections, ${gcStats.totalMs.toFixed(0)} ms in total, longest ${gcStats.maxMs.toFixed(1)} ms`,
      `load average          start ${loadStart.map((l) => l.toFixed(2)).join(" ")}, end ${loadEnd.map((l) => l.toFixed(2)).join(" ")} (${cpus().length} cores); mock server RSS ${toMiB(final.rss)} MiB`,
      `gateway warnings      ${warningCount}${warnings.length ? `: ${warnings.slice(0, 3).join(" | ")}` : ""}`,
      problems.length === 0
        ? "result                OK: no loss, no stuck order"
        : `result                FAILED:\n  - ${problems.join("\n  - ")}`,
    ];
    console.log(lines.join("\n"));

    // ---- JSON for bench/report.ts ----
    const lossNote = `server wrote ${wrote}, EVENT_TICK got ${ticks}, dropped ${dropped}`;
    const rows = [
      {
        benchmark: "load: snapshots → EVENT_TICK",
        backend: "koffi",
        n: ticksWindow,
        perSecond: Math.round(snapshotsPerSecond),
        note: `${instruments.length} instruments, target ${SNAPSHOTS_PER_SECOND}/s with ${ORDERS_PER_SECOND} orders/s for ${elapsedS.toFixed(0)} s`,
      },
      {
        benchmark: "load: snapshots lost",
        backend: "koffi",
        value: lost + dropped,
        unit: "snapshots",
        note: lossNote,
      },
      {
        benchmark: "load: orders sent",
        backend: "koffi",
        n: ordersWindow,
        perSecond: Math.round(ordersPerSecond),
        note: `acked ${acked}/${ordersSent}; ALLTRADED ${finals.ALLTRADED}, CANCELLED ${finals.CANCELLED}, REJECTED ${rejected}`,
      },
      {
        benchmark: "load: orders still active after drain",
        backend: "koffi",
        value: stuck.length,
        unit: "orders",
        note: `drain ${drainMs} ms`,
      },
      {
        benchmark: "load: trades received",
        backend: "koffi",
        value: tradesReceived,
        unit: "trades",
        baseline: "trades made by the server",
        baselineValue: final.trades,
      },
      {
        benchmark: "load: event-loop delay",
        backend: "koffi",
        n: Math.round(lag.count),
        p50Us: lagMs.p50 * 1000,
        p99Us: lagMs.p99 * 1000,
        maxUs: lagMs.max * 1000,
        note: `monitorEventLoopDelay during the load (${LAG_RESOLUTION_MS} ms timer, period subtracted)`,
      },
      {
        benchmark: "load: RSS at end",
        backend: "koffi",
        value: endMemory.rssMiB,
        unit: "MiB",
        baseline: "RSS at start (after warm-up)",
        baselineValue: startMemory.rssMiB,
        note: `slope ${rssSlope.toFixed(2)} MiB/min`,
      },
      {
        benchmark: "load: heapUsed at end",
        backend: "koffi",
        value: endMemory.heapUsedMiB,
        unit: "MiB",
        baseline: "heapUsed at start (after warm-up)",
        baselineValue: startMemory.heapUsedMiB,
        note: `slope ${heapSlope.toFixed(2)} MiB/min; ${Math.round(heapPerOrder)} B per order (retain ${RETAIN ?? "all"})`,
      },
    ];
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      loadAverage: { start: loadStart, end: loadEnd },
      config: {
        seconds: SECONDS,
        warmupMs: WARMUP_MS,
        instruments: instruments.length,
        snapshotsPerSecond: SNAPSHOTS_PER_SECOND,
        ordersPerSecond: ORDERS_PER_SECOND,
        backend: "koffi",
      },
      ok: problems.length === 0,
      problems,
      snapshots: {
        connection: conn?.id,
        serverWrote: wrote,
        serverDropped: dropped,
        received: ticks,
        lost,
      },
      window: {
        seconds: elapsedS,
        ticks: ticksWindow,
        serverWrote: serverSentWindow,
        orders: ordersWindow,
        trades: tradesWindow,
        snapshotsPerSecond,
        ordersPerSecond,
      },
      orders: {
        sent: ordersSent,
        acked,
        finished,
        finals,
        stillActive: stuck.length,
        cancelsSent,
        rejections,
      },
      trades: { received: tradesReceived, server: final.trades, volume: tradedVolume },
      memory: {
        retain: RETAIN ?? "all",
        omsOrders,
        omsTrades,
        heapBytesPerOrder: heapPerOrder,
        start: startMemory,
        end: endMemory,
        samples,
        rssSlopeMiBPerMin: rssSlope,
        nonHeapSlopeMiBPerMin: nonHeapSlope,
        heapSlopeMiBPerMin: heapSlope,
      },
      eventLoopDelayMs: lagMs,
      gc: gcStats,
      warnings: { count: warningCount, first: warnings },
      rows,
    };
    if (ORDERS_PER_SECOND === 0 || JOURNAL) {
      console.log("\na diagnostic run (market data only, or --journal): bench/results/load.json not written");
    } else {
      const dir = fileURLToPath(new URL("./results/", import.meta.url));
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${dir}load.json`, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`\nwrote ${dir}load.json`);
    }
    return problems.length === 0 ? 0 : 1;
  } finally {
    await engine.close();
    journal?.close();
    if (journalDir !== undefined) rmSync(journalDir, { recursive: true, force: true });
    await ask(child, { cmd: "close" }, "closed").catch(() => {});
    child.removeAllListeners("exit");
    if (child.exitCode === null) child.kill();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
