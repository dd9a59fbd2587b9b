/**
 * NATS bridge benchmark: tick throughput and tick → handler latency through NATS against the
 * in-process EventEngine, and order round trips through NATS against a local sendOrder, all
 * measured in the same run on loopback with a real nats-server.
 *
 * Run: `npm run bench -w @tsgate/nats-bridge` (needs nats-server on PATH). Prints a table and
 * writes `bench/results/nats-bridge.json`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import {
  createOrderRequest,
  createSubscribeRequest,
  createTick,
  Direction,
  EVENT_ORDER,
  EVENT_TICK,
  EventEngine,
  Exchange,
  eventType,
  MainEngine,
  type OrderData,
  OrderType,
  type TickData,
} from "@tsgate/core";
import { InMemoryGateway } from "@tsgate/core/sim";
import { NatsBridgeClient, NatsBridgeServer } from "../src/index.js";
import { startNatsServer } from "../test/helpers/nats-server.js";

const GW = "BENCH";
const VT_SYMBOL = "600000.SSE";
const THROUGHPUT_TICKS_LOCAL = 200_000;
const THROUGHPUT_TICKS_NATS = 50_000;
const LATENCY_TICKS = 2_000;
const ORDERS = 500;
const WARMUP = 200;
const DRAIN_TIMEOUT_MS = 60_000;
const STALL_MS = 3_000;
// Latency ticks carry volumes from here, apart from the throughput ticks.
const LATENCY_MARK = 10_000_000;
// The in-memory gateway's own market ticks would add noise: one every 10 s (its slowest) is as good as none.
const QUIET_TICK_MS = 10_000;
const RESULTS_FILE = fileURLToPath(new URL("./results/nats-bridge.json", import.meta.url));

interface Row {
  readonly name: string;
  readonly unit: string;
  /** In-process figure; absent for rows that only exist through NATS. */
  readonly local?: number;
  readonly nats: number;
  /** nats / local */
  readonly ratio?: number;
  readonly note?: string;
}

const now = () => process.hrtime.bigint();
const us = (ns: bigint) => Number(ns) / 1_000;

function tick(i: number): TickData {
  return createTick({
    gatewayName: GW,
    symbol: "600000",
    exchange: Exchange.SSE,
    datetime: new Date(),
    lastPrice: 7 + (i % 100) / 100,
    volume: i,
    bidPrice1: 7.3,
    askPrice1: 7.31,
    bidVolume1: 12_000,
    askVolume1: 800,
  });
}

/** What a gateway's onTick does: the generic and the per-instrument event. */
function publishTick(engine: EventEngine, data: TickData): void {
  engine.put({ type: EVENT_TICK, data });
  engine.put({ type: eventType(EVENT_TICK, data.vtSymbol), data });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
}

/** Promises resolved (with the arrival time) when a handler sees a given key. */
class Waiters<K> {
  private readonly waiting = new Map<K, (at: bigint) => void>();
  private readonly early = new Map<K, bigint>();

  expect(key: K): Promise<bigint> {
    const at = this.early.get(key);
    if (at !== undefined) {
      this.early.delete(key);
      return Promise.resolve(at);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bench: ${String(key)} never arrived`)),
        DRAIN_TIMEOUT_MS,
      );
      this.waiting.set(key, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
  }

  arrive(key: K): void {
    const at = now();
    const resolve = this.waiting.get(key);
    if (resolve === undefined) {
      if (this.early.size < 10_000) this.early.set(key, at);
      return;
    }
    this.waiting.delete(key);
    resolve(at);
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Ticks/s from put() on the host engine to a handler on `target` engine. */
async function throughput(
  source: EventEngine,
  target: EventEngine,
  count: number,
): Promise<{ perSecond: number; received: number }> {
  let received = 0;
  const handler = () => {
    received++;
  };
  const type = eventType(EVENT_TICK, VT_SYMBOL);
  target.register(type, handler);
  const ticks = Array.from({ length: count }, (_, i) => tick(i));
  const start = now();
  for (let i = 0; i < count; i++) {
    publishTick(source, ticks[i]!);
    // Yield now and then so the NATS socket drains instead of buffering the whole burst.
    if (i % 1_000 === 999) await new Promise((r) => setImmediate(r));
  }
  // Wait for the rest; stop when nothing more arrives for a while (ticks lost are reported).
  let last = -1;
  let lastProgress = Date.now();
  while (received < count && Date.now() - lastProgress < STALL_MS) {
    if (received !== last) {
      last = received;
      lastProgress = Date.now();
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  const seconds = Number(now() - start) / 1e9;
  console.error(`  throughput: ${received}/${count} in ${seconds.toFixed(2)} s`);
  target.unregister(type, handler);
  return { perSecond: received / seconds, received };
}

/** Median and p99 of put() → handler, one tick at a time, in microseconds. */
async function latency(source: EventEngine, target: EventEngine, count: number): Promise<number[]> {
  const samples: number[] = [];
  const arrivals = new Waiters<number>();
  const type = eventType(EVENT_TICK, VT_SYMBOL);
  const handler = (e: { data: TickData }) => arrivals.arrive(e.data.volume);
  target.register(type, handler);
  for (let i = 0; i < count + WARMUP; i++) {
    const arrived = arrivals.expect(LATENCY_MARK + i);
    const start = now();
    publishTick(source, tick(LATENCY_MARK + i));
    const end = await arrived;
    if (i >= WARMUP) samples.push(us(end - start));
  }
  target.unregister(type, handler);
  return samples;
}

async function main(): Promise<void> {
  const nats = await startNatsServer();
  try {
    await run(nats.url);
  } finally {
    await nats.dispose();
  }
}

async function run(url: string): Promise<void> {
  const host = new MainEngine();
  host.addGateway(InMemoryGateway, GW);
  host.connect({ 用户名: "bench", 密码: "bench", 行情间隔: QUIET_TICK_MS }, GW);
  await waitUntil(() => host.getAllContracts().length > 0, "login");
  // Local order round trip first, before the bridge adds its own handlers to the host engine.
  const limitDown = host.getContract(VT_SYMBOL)!.limitDown!;
  const req = createOrderRequest({
    symbol: "600000",
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume: 100,
    price: limitDown,
  });
  const localOrder: number[] = [];
  {
    const waiters = new Waiters<string>();
    const handler = (e: { data: OrderData }) => waiters.arrive(e.data.vtOrderid);
    host.eventEngine.register(EVENT_ORDER, handler);
    for (let i = 0; i < ORDERS + WARMUP; i++) {
      const start = now();
      const id = host.sendOrder(req, GW);
      const end = await waiters.expect(id);
      if (i >= WARMUP) localOrder.push(us(end - start));
    }
    host.eventEngine.unregister(EVENT_ORDER, handler);
  }
  const bridge = await NatsBridgeServer.attach(host, {
    nats: { servers: url },
    gatewayName: GW,
    allowRemoteTrading: true,
  });
  const client = await NatsBridgeClient.connect({ servers: url, gatewayName: GW, clientId: "bench" });
  await client.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }));
  const rows: Row[] = [];

  // Ticks.
  // In-process baseline: a plain engine, as a strategy beside the gateway sees it.
  const plain = new EventEngine();
  plain.start();
  const local = await throughput(plain, plain, THROUGHPUT_TICKS_LOCAL);
  const remote = await throughput(host.eventEngine, client.eventEngine, THROUGHPUT_TICKS_NATS);
  rows.push({
    name: "tick throughput",
    unit: "ticks/s",
    local: local.perSecond,
    nats: remote.perSecond,
    ratio: remote.perSecond / local.perSecond,
    note: `${remote.received}/${THROUGHPUT_TICKS_NATS} delivered through NATS`,
  });
  const localLat = await latency(plain, plain, LATENCY_TICKS);
  plain.stop();
  const natsLat = await latency(host.eventEngine, client.eventEngine, LATENCY_TICKS);
  rows.push({
    name: "tick → handler, median",
    unit: "µs",
    local: median(localLat),
    nats: median(natsLat),
    ratio: median(natsLat) / median(localLat),
  });
  rows.push({
    name: "tick → handler, p99",
    unit: "µs",
    local: p99(localLat),
    nats: p99(natsLat),
    ratio: p99(natsLat) / p99(localLat),
  });

  // Orders through NATS: the same resting buys.
  const submitted = (engine: EventEngine) => {
    const waiters = new Waiters<string>();
    const handler = (e: { data: OrderData }) => waiters.arrive(e.data.vtOrderid);
    engine.register(EVENT_ORDER, handler);
    return { waiters, stop: () => engine.unregister(EVENT_ORDER, handler) };
  };
  const replyRtt: number[] = [];
  const eventRtt: number[] = [];
  const remoteSeen = submitted(client.eventEngine);
  for (let i = 0; i < ORDERS + WARMUP; i++) {
    const start = now();
    const id = await client.sendOrder(req);
    const replied = now();
    const end = await remoteSeen.waiters.expect(id);
    if (i >= WARMUP) {
      replyRtt.push(us(replied - start));
      eventRtt.push(us(end - start));
    }
  }
  remoteSeen.stop();
  rows.push({
    name: "sendOrder → vtOrderid, median",
    unit: "µs",
    local: median(localOrder),
    nats: median(replyRtt),
    ratio: median(replyRtt) / median(localOrder),
    note: "local: sendOrder() + its first order event",
  });
  rows.push({
    name: "sendOrder → first order event, median",
    unit: "µs",
    local: median(localOrder),
    nats: median(eventRtt),
    ratio: median(eventRtt) / median(localOrder),
    note: "NATS: request/reply + event via JetStream",
  });
  rows.push({
    name: "sendOrder → first order event, p99",
    unit: "µs",
    local: p99(localOrder),
    nats: p99(eventRtt),
    ratio: p99(eventRtt) / p99(localOrder),
  });

  // Floor: a bare NATS request/reply (echo) on the same connections, no bridge code involved.
  const echo = bridge.nc.subscribe("bench.echo", { callback: (_error, msg) => msg.respond(msg.data) });
  const payload = new Uint8Array(200);
  const echoRtt: number[] = [];
  for (let i = 0; i < ORDERS + WARMUP; i++) {
    const start = now();
    await client.nc.request("bench.echo", payload, { timeout: 5_000 });
    if (i >= WARMUP) echoRtt.push(us(now() - start));
  }
  echo.unsubscribe();
  const statusRtt: number[] = [];
  for (let i = 0; i < ORDERS + WARMUP; i++) {
    const start = now();
    await client.status();
    if (i >= WARMUP) statusRtt.push(us(now() - start));
  }
  rows.push({
    name: "bridge status() request, median",
    unit: "µs",
    nats: median(statusRtt),
    note: "bridge request path without the gateway",
  });
  rows.push({
    name: "bare NATS request/reply (floor), median",
    unit: "µs",
    nats: median(echoRtt),
    note: "200-byte echo, same connections",
  });
  rows.push({ name: "bare NATS request/reply (floor), p99", unit: "µs", nats: p99(echoRtt) });

  await client.close();
  await bridge.close();
  await host.close();

  const fmt = (n: number | undefined) =>
    n === undefined ? "—" : n >= 1000 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1);
  console.log(
    `\nNATS bridge benchmark (loopback, nats-server, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)})\n`,
  );
  console.log("| metric | unit | in-process | through NATS | NATS / in-process | note |");
  console.log("| --- | --- | ---: | ---: | ---: | --- |");
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.unit} | ${fmt(r.local)} | ${fmt(r.nats)} | ${r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}×`} | ${r.note ?? ""} |`,
    );
  mkdirSync(fileURLToPath(new URL("./results/", import.meta.url)), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), rows }, null, 2)}\n`,
  );
  console.log(`\nwritten ${RESULTS_FILE}`);
}

await main();
