/**
 * EventEngine benchmark: throughput and put-to-handler latency, each beside a baseline measured
 * in the same run, plus the cost of frozen data objects on the tick path.
 *
 * Run: `npm run bench -w @tsgate/core`, which runs it as built JavaScript under plain `node`
 * (`bench/run-built.ts`; a TypeScript loader in the process distorts V8's pretenuring of the
 * million events alive at once). Prints a table and writes `bench/results/event-engine.json`
 * (git-ignored, relative to the working directory), or the file named by the first argument.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import {
  createTick,
  EVENT_TICK,
  type Event,
  EventEngine,
  type EventHandler,
  Exchange,
  OmsEngine,
  type TickData,
  type TickInit,
} from "../src/index.js";
import { tickFields } from "../src/objects/tick.js";
import { DummyGateway } from "../test/helpers/dummy-gateway.js";

const THROUGHPUT_EVENTS = 1_000_000;
const THROUGHPUT_RUNS = 5;
const LATENCY_EVENTS = 100_000;
const BURST_SIZE = 1_000;
const FREEZE_OBJECTS = 1_000_000;
const TICK_PATH_TICKS = 200_000;
const BASELINE_CHUNK = 1_000;

// Relative to the working directory (the package's, under npm): built into a temporary directory
// by run-built.ts, this file's own URL is no guide to where the package is.
const RESULTS_FILE = resolve(process.argv[2] ?? "bench/results/event-engine.json");

interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: string;
  readonly baselineValue?: number;
  /** value / baselineValue */
  readonly ratio?: number;
}

const TICK_INIT: TickInit = {
  gatewayName: "BENCH",
  symbol: "600000",
  exchange: Exchange.SSE,
  datetime: new Date(),
  lastPrice: 7.31,
  bidPrice1: 7.3,
  askPrice1: 7.31,
  bidVolume1: 12_000,
  askVolume1: 800,
};
const TICK = createTick(TICK_INIT);

function now(): bigint {
  return process.hrtime.bigint();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function counters(): {
  typeHandler: EventHandler<typeof EVENT_TICK>;
  general: EventHandler;
  count: () => number;
} {
  let typeCount = 0;
  let generalCount = 0;
  let sink = 0;
  return {
    typeHandler: (event) => {
      typeCount++;
      sink += event.data.lastPrice;
    },
    general: () => {
      generalCount++;
    },
    count: () => (sink > 0 ? Math.min(typeCount, generalCount) : 0),
  };
}

/** put() N events synchronously, then wait until both handlers have seen all of them. */
async function engineThroughputOnce(n: number): Promise<number> {
  const engine = new EventEngine();
  const c = counters();
  engine.register(EVENT_TICK, c.typeHandler);
  engine.registerGeneral(c.general);
  engine.start();
  const t0 = now();
  for (let i = 0; i < n; i++) engine.put({ type: EVENT_TICK, data: TICK });
  await engine.flush();
  const seconds = Number(now() - t0) / 1e9;
  engine.stop();
  if (c.count() !== n) throw new Error(`delivered ${c.count()} of ${n}`);
  return n / seconds;
}

/** Events arrive in chunks from separate macrotasks, as they would from sockets. */
async function engineStreamedThroughputOnce(n: number, chunk: number): Promise<number> {
  const engine = new EventEngine();
  const c = counters();
  engine.register(EVENT_TICK, c.typeHandler);
  engine.registerGeneral(c.general);
  engine.start();
  const t0 = now();
  for (let sent = 0; sent < n; sent += chunk) {
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        for (let i = 0; i < chunk; i++) engine.put({ type: EVENT_TICK, data: TICK });
        resolve();
      }),
    );
  }
  await engine.flush();
  const seconds = Number(now() - t0) / 1e9;
  engine.stop();
  if (c.count() !== n) throw new Error(`delivered ${c.count()} of ${n}`);
  return n / seconds;
}

/** Floor: push every event into an array, then call the two handlers in an indexed loop. */
function baselinePushIndexOnce(n: number): number {
  const c = counters();
  const typeHandler = c.typeHandler as EventHandler;
  const t0 = now();
  const queue: Event[] = [];
  for (let i = 0; i < n; i++) queue.push({ type: EVENT_TICK, data: TICK });
  for (let i = 0; i < queue.length; i++) {
    const event = queue[i]!;
    typeHandler(event);
    c.general(event);
  }
  const seconds = Number(now() - t0) / 1e9;
  if (c.count() !== n) throw new Error("baseline miscounted");
  return n / seconds;
}

/**
 * A bare push/shift queue, `BASELINE_CHUNK` events at a time. (push/shift over one 1M-element
 * array is quadratic in V8 and would take minutes, so it is not a meaningful baseline.)
 */
function baselinePushShiftOnce(n: number): number {
  const c = counters();
  const typeHandler = c.typeHandler as EventHandler;
  const queue: Event[] = [];
  const t0 = now();
  for (let sent = 0; sent < n; sent += BASELINE_CHUNK) {
    for (let i = 0; i < BASELINE_CHUNK; i++) queue.push({ type: EVENT_TICK, data: TICK });
    while (queue.length > 0) {
      const event = queue.shift()!;
      typeHandler(event);
      c.general(event);
    }
  }
  const seconds = Number(now() - t0) / 1e9;
  if (c.count() !== n) throw new Error("baseline miscounted");
  return n / seconds;
}

async function medianOf(runs: number, once: () => number | Promise<number>): Promise<number> {
  return (await interleavedMedians(runs, [once]))[0]!;
}

/**
 * Median of `runs` runs of each variant, after one warm-up run of each. Variants run round-robin
 * so that heap growth, JIT warm-up and background load affect them alike.
 */
async function interleavedMedians<V extends ReadonlyArray<() => number | Promise<number>>>(
  runs: number,
  variants: readonly [...V],
): Promise<{ -readonly [K in keyof V]: number }> {
  for (const once of variants) await once();
  const values: number[][] = variants.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [i, once] of variants.entries()) values[i]!.push(await once());
  }
  return values.map(median) as { -readonly [K in keyof V]: number };
}

interface LatencyStats {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

function stats(samples: Float64Array): LatencyStats {
  const sorted = samples.slice().sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}

/** Each event is put on an idle engine and the next one only after it was handled. */
async function engineIdleLatency(n: number): Promise<LatencyStats> {
  const engine = new EventEngine();
  const samples = new Float64Array(n);
  let index = 0;
  let release: () => void = () => {};
  engine.register("lat", (event) => {
    samples[index++] = Number(now() - (event.data as bigint));
    release();
  });
  engine.registerGeneral(() => {});
  engine.start();
  for (let i = 0; i < n; i++) {
    const handled = new Promise<void>((resolve) => {
      release = resolve;
    });
    engine.put({ type: "lat", data: now() });
    await handled;
  }
  engine.stop();
  return stats(samples);
}

/** Bursts of `burst` events put back to back; each event's latency includes waiting for the ones before it. */
async function engineBurstLatency(n: number, burst: number): Promise<LatencyStats> {
  const engine = new EventEngine();
  const samples = new Float64Array(n);
  let index = 0;
  engine.register("lat", (event) => {
    samples[index++] = Number(now() - (event.data as bigint));
  });
  engine.registerGeneral(() => {});
  engine.start();
  for (let sent = 0; sent < n; sent += burst) {
    for (let i = 0; i < burst; i++) engine.put({ type: "lat", data: now() });
    await engine.flush();
  }
  engine.stop();
  return stats(samples);
}

/** Same shape without the engine: each burst is pushed into an array, then handled in a loop. */
function arrayBurstLatency(n: number, burst: number): LatencyStats {
  const samples = new Float64Array(n);
  let index = 0;
  const handler = (event: Event): void => {
    samples[index++] = Number(now() - (event.data as bigint));
  };
  const general = (_event: Event): void => {};
  const queue: Event[] = [];
  for (let sent = 0; sent < n; sent += burst) {
    for (let i = 0; i < burst; i++) queue.push({ type: "lat", data: now() });
    for (let i = 0; i < queue.length; i++) {
      handler(queue[i]!);
      general(queue[i]!);
    }
    queue.length = 0;
  }
  return stats(samples);
}

/** Floor for asynchronous delivery: one queueMicrotask hop, measured the same way. */
async function microtaskHopLatency(n: number): Promise<LatencyStats> {
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = now();
    await new Promise<void>((resolve) =>
      queueMicrotask(() => {
        samples[i] = Number(now() - t0);
        resolve();
      }),
    );
  }
  return stats(samples);
}

/** Floor for synchronous delivery: calling the handler directly (mostly the cost of hrtime). */
function directCallLatency(n: number): LatencyStats {
  const samples = new Float64Array(n);
  let i = 0;
  const handler = (t0: bigint): void => {
    samples[i++] = Number(now() - t0);
  };
  while (i < n) handler(now());
  return stats(samples);
}

/** Nanoseconds per object created by `make`, with a varying price so nothing is hoisted. */
function nsPerObject(n: number, make: (init: TickInit) => TickData): number {
  const init = { ...TICK_INIT };
  let sink = 0;
  const t0 = now();
  for (let i = 0; i < n; i++) {
    init.lastPrice = 7 + (i & 1023) / 100;
    sink += make(init).lastPrice;
  }
  const ns = Number(now() - t0) / n;
  if (sink === 0) throw new Error("unreachable");
  return ns;
}

/** Ticks/s through BaseGateway.onTick (2 events per tick) with the OMS and one strategy handler registered. */
async function tickPathOnce(n: number): Promise<number> {
  const engine = new EventEngine();
  new OmsEngine(engine);
  const gateway = new DummyGateway(engine, "BENCH");
  let seen = 0;
  engine.register(EVENT_TICK, () => {
    seen++;
  });
  engine.start();
  const init = { ...TICK_INIT };
  const t0 = now();
  for (let i = 0; i < n; i++) {
    init.lastPrice = 7 + (i & 1023) / 100;
    gateway.onTick(createTick(init));
  }
  await engine.flush();
  const seconds = Number(now() - t0) / 1e9;
  engine.stop();
  if (seen !== n) throw new Error(`saw ${seen} of ${n} ticks`);
  return n / seconds;
}

function formatNumber(value: number, unit: string): string {
  if (unit === "events/s" || unit === "ticks/s") return Math.round(value).toLocaleString("en-US");
  return value.toFixed(value < 10 ? 2 : 0);
}

function printTable(rows: readonly Row[]): void {
  const header = ["measurement", "value", "unit", "baseline (same run)", "ratio"];
  const lines = rows.map((row) => [
    row.name,
    formatNumber(row.value, row.unit),
    row.unit,
    row.baseline === undefined ? "" : `${row.baseline}: ${formatNumber(row.baselineValue!, row.unit)}`,
    row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 1 || i === 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  console.log(
    `EventEngine benchmark: Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, load average ${loadBefore.toFixed(2)}`,
  );
  console.log(
    `Throughput: median of ${THROUGHPUT_RUNS} interleaved runs after a warm-up. Latency in nanoseconds (process.hrtime.bigint).\n`,
  );
  const rows: Row[] = [];

  const [floor, pushShift, burst, streamed] = await interleavedMedians(THROUGHPUT_RUNS, [
    () => baselinePushIndexOnce(THROUGHPUT_EVENTS),
    () => baselinePushShiftOnce(THROUGHPUT_EVENTS),
    () => engineThroughputOnce(THROUGHPUT_EVENTS),
    () => engineStreamedThroughputOnce(THROUGHPUT_EVENTS, BASELINE_CHUNK),
  ]);
  rows.push(
    { name: "baseline: array push + index loop, 2 handlers", value: floor, unit: "events/s" },
    {
      name: `baseline: array push/shift (${BASELINE_CHUNK} at a time), 2 handlers`,
      value: pushShift,
      unit: "events/s",
    },
    {
      name: "EventEngine 1M put() then drain, type + general handler",
      value: burst,
      unit: "events/s",
      baseline: "push+index",
      baselineValue: floor,
      ratio: burst / floor,
    },
    {
      name: `EventEngine 1M put() in chunks of ${BASELINE_CHUNK} from setImmediate`,
      value: streamed,
      unit: "events/s",
      baseline: "push/shift",
      baselineValue: pushShift,
      ratio: streamed / pushShift,
    },
  );

  await microtaskHopLatency(10_000); // warm-up
  await engineIdleLatency(10_000);
  const direct = directCallLatency(LATENCY_EVENTS);
  const hop = await microtaskHopLatency(LATENCY_EVENTS);
  const idle = await engineIdleLatency(LATENCY_EVENTS);
  const bursty = await engineBurstLatency(LATENCY_EVENTS, BURST_SIZE);
  const bareBurst = arrayBurstLatency(LATENCY_EVENTS, BURST_SIZE);
  rows.push(
    { name: "baseline: direct handler call (hrtime floor) p50", value: direct.p50, unit: "ns" },
    { name: "baseline: one queueMicrotask hop p50", value: hop.p50, unit: "ns" },
    { name: "baseline: one queueMicrotask hop p99", value: hop.p99, unit: "ns" },
    {
      name: "put->handler latency, idle engine, p50",
      value: idle.p50,
      unit: "ns",
      baseline: "microtask hop",
      baselineValue: hop.p50,
      ratio: idle.p50 / hop.p50,
    },
    {
      name: "put->handler latency, idle engine, p99",
      value: idle.p99,
      unit: "ns",
      baseline: "microtask hop",
      baselineValue: hop.p99,
      ratio: idle.p99 / hop.p99,
    },
    {
      name: `baseline: bursts of ${BURST_SIZE} via array, drained sync, p50`,
      value: bareBurst.p50,
      unit: "ns",
    },
    {
      name: `baseline: bursts of ${BURST_SIZE} via array, drained sync, p99`,
      value: bareBurst.p99,
      unit: "ns",
    },
    {
      name: `put->handler latency, bursts of ${BURST_SIZE}, p50`,
      value: bursty.p50,
      unit: "ns",
      baseline: "array burst",
      baselineValue: bareBurst.p50,
      ratio: bursty.p50 / bareBurst.p50,
    },
    {
      name: `put->handler latency, bursts of ${BURST_SIZE}, p99`,
      value: bursty.p99,
      unit: "ns",
      baseline: "array burst",
      baselineValue: bareBurst.p99,
      ratio: bursty.p99 / bareBurst.p99,
    },
  );

  nsPerObject(FREEZE_OBJECTS, tickFields); // warm-up
  nsPerObject(FREEZE_OBJECTS, createTick);
  const plain = median([0, 1, 2].map(() => nsPerObject(FREEZE_OBJECTS, tickFields)));
  const frozen = median([0, 1, 2].map(() => nsPerObject(FREEZE_OBJECTS, createTick)));
  const tickPath = await medianOf(3, () => tickPathOnce(TICK_PATH_TICKS));
  rows.push(
    { name: "baseline: build a 38-field tick literal (not frozen)", value: plain, unit: "ns/tick" },
    {
      name: "createTick (frozen snapshot)",
      value: frozen,
      unit: "ns/tick",
      baseline: "unfrozen",
      baselineValue: plain,
      ratio: frozen / plain,
    },
    {
      name: "createTick + gateway.onTick (2 events) -> OMS + 1 handler",
      value: tickPath,
      unit: "ticks/s",
    },
  );

  printTable(rows);
  console.log(
    [
      "",
      "Notes:",
      "- push/shift over a single 1M-element array is quadratic in V8 (minutes), so the push/shift",
      `  baseline works ${BASELINE_CHUNK} events at a time; it pairs with the chunked engine run.`,
      "- In a burst, an event waits until the whole burst has been put (delivery starts after the",
      "  synchronous code that puts), so burst latency is dominated by the burst itself; compare",
      "  it with the array baseline of the same shape.",
      "- Each latency sample includes one process.hrtime.bigint() call (see the direct-call floor).",
      "- With 1M events alive at once, allocation and GC dominate; on a loaded machine single runs of",
      "  the same variant differ by 2x or more, so read ratios near 1 as 'same cost'.",
    ].join("\n"),
  );

  const result = {
    benchmark: "event-engine",
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cpuCount: cpus().length,
    loadAverage1m: { before: loadBefore, after: loadavg()[0]! },
    parameters: {
      throughputEvents: THROUGHPUT_EVENTS,
      throughputRuns: THROUGHPUT_RUNS,
      latencyEvents: LATENCY_EVENTS,
      burstSize: BURST_SIZE,
      freezeObjects: FREEZE_OBJECTS,
      tickPathTicks: TICK_PATH_TICKS,
    },
    throughput: {
      baselinePushIndexEventsPerSecond: floor,
      baselinePushShiftEventsPerSecond: pushShift,
      engineBurstEventsPerSecond: burst,
      engineStreamedEventsPerSecond: streamed,
      ratioBurstToPushIndex: burst / floor,
      ratioBurstToPushShift: burst / pushShift,
    },
    latencyNs: { directCall: direct, microtaskHop: hop, engineIdle: idle, engineBurst: bursty },
    freeze: { unfrozenNsPerTick: plain, frozenNsPerTick: frozen, ratio: frozen / plain },
    tickPath: { ticksPerSecond: tickPath },
    rows,
  };
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWrote ${RESULTS_FILE}`);
}

await main();
