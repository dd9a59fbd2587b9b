/**
 * Risk engine benchmark: the cost of one checked order with every limit on, and the tick path's
 * throughput with the engine on against off, in the same run (interleaved, median of runs).
 *
 * Run: `npm run bench:risk -w @tsgate/core`. Prints a table and writes
 * `bench/results/risk.json` (git-ignored).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import {
  createOrder,
  createOrderRequest,
  createPosition,
  createTick,
  Direction,
  EVENT_TICK,
  EventEngine,
  Exchange,
  MainEngine,
  type OrderRequest,
  OrderType,
  parseRiskConfig,
  type RiskConfigInput,
  RiskCore,
  Status,
  type TickInit,
} from "../src/index.js";
import { DummyGateway } from "../test/helpers/dummy-gateway.js";

const RESULTS_FILE = fileURLToPath(new URL("./results/risk.json", import.meta.url));
const CHECKS = 1_000_000;
const BATCH = 1_000;
const TICKS = 200_000;
const RUNS = 7;
const SYMBOLS = ["600000", "600519", "601318", "000001", "300750", "688981", "600899", "510300"];
/** Working orders kept per symbol while checking (self-trade prevention scans them). */
const RESTING_PER_SYMBOL = 4;
/** Simulated time between two checked orders: slower than the per-second limits. */
const CLOCK_STEP_MS = 5;

/**
 * Every limit on, high enough that the benchmark's orders pass (the passing path is the long one).
 * The per-second limits are realistic (their windows are rings of that many slots); the clock
 * advances {@link CLOCK_STEP_MS} per order so they are never reached.
 */
const ALL_LIMITS: RiskConfigInput = {
  maxOrdersPerSecond: 250,
  maxOrdersPerDay: 1_000_000_000,
  maxCancelsPerSecond: 250,
  maxCancelsPerDay: 1_000_000_000,
  maxActionsPerSecond: 250,
  maxActionsPerDay: 1_000_000_000,
  maxOrderVolume: 1_000_000,
  maxOrderNotional: 1e12,
  maxActiveOrders: 1_000_000,
  maxActiveOrdersPerSymbol: 1_000_000,
  maxPositionPerSymbol: 1e12,
  maxPositionTotal: 1e12,
  maxExposurePerSymbol: 1e15,
  maxExposureTotal: 1e15,
  maxDailyLoss: 1e12,
  selfTradePrevention: true,
};

function now(): bigint {
  return process.hrtime.bigint();
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * ns per `checkOrder` (all limits on, passing), per batch of {@link BATCH}: the clock is read per
 * batch so its own cost (~30 ns) does not dominate. The injected clock (a counter) stands in for
 * `Date.now` (~25 ns more). Between batches the batch's orders are
 * tracked and finished, so the book stays the same size.
 */
function checkCost(): { p50: number; p99: number; cycleP50: number } {
  let clockMs = Date.now();
  const core = new RiskCore(parseRiskConfig(ALL_LIMITS), () => {
    clockMs += CLOCK_STEP_MS;
    return clockMs;
  });
  for (const symbol of SYMBOLS) {
    core.onTick(`${symbol}.SSE`, 10);
    core.onPosition(
      createPosition({
        gatewayName: "B",
        symbol,
        exchange: Exchange.SSE,
        direction: Direction.NET,
        volume: 10_000,
      }),
    );
    for (let i = 0; i < RESTING_PER_SYMBOL; i++) {
      const buy = i % 2 === 0;
      const req = order(symbol, buy ? Direction.LONG : Direction.SHORT, buy ? 9 - i * 0.01 : 11 + i * 0.01);
      if (core.checkOrder(req, "B") !== undefined) throw new Error("setup order refused");
      core.trackSent(`B.r${symbol}${i}`, req, "B");
    }
  }
  const reqs: OrderRequest[] = [];
  for (let i = 0; i < BATCH; i++)
    reqs.push(
      order(
        SYMBOLS[i % SYMBOLS.length] as string,
        i % 2 === 0 ? Direction.LONG : Direction.SHORT,
        i % 2 === 0 ? 9.5 : 10.5,
      ),
    );
  const batches = CHECKS / BATCH;
  const checkNs = new Float64Array(batches);
  const cycleNs = new Float64Array(batches);
  let id = 0;
  for (let b = 0; b < batches; b++) {
    const t0 = now();
    for (let i = 0; i < BATCH; i++)
      if (core.checkOrder(reqs[i] as OrderRequest, "B") !== undefined) throw new Error("refused");
    const t1 = now();
    for (let i = 0; i < BATCH; i++) {
      const req = reqs[i] as OrderRequest;
      id += 1;
      const orderid = `o${id}`;
      core.trackSent(`B.${orderid}`, req, "B");
      core.onOrder(
        createOrder({
          gatewayName: "B",
          symbol: req.symbol,
          exchange: req.exchange,
          orderid,
          direction: req.direction,
          price: req.price,
          volume: req.volume,
          status: Status.CANCELLED,
        }),
      );
    }
    const t2 = now();
    checkNs[b] = Number(t1 - t0) / BATCH;
    cycleNs[b] = Number(t2 - t0) / BATCH;
  }
  checkNs.sort();
  cycleNs.sort();
  return {
    p50: percentile(checkNs, 0.5),
    p99: percentile(checkNs, 0.99),
    cycleP50: percentile(cycleNs, 0.5),
  };
}

function order(symbol: string, direction: Direction, price: number): OrderRequest {
  return createOrderRequest({
    symbol,
    exchange: Exchange.SSE,
    direction,
    type: OrderType.LIMIT,
    volume: 100,
    price,
  });
}

const TICK_INIT: TickInit = {
  gatewayName: "BENCH",
  symbol: "600000",
  exchange: Exchange.SSE,
  datetime: new Date(),
  lastPrice: 7.31,
};

/** Ticks/s through BaseGateway.onTick → MainEngine (OMS, one strategy handler, ± the risk engine). */
async function tickPathOnce(risk: boolean): Promise<number> {
  const main = new MainEngine(new EventEngine({ interval: 3600 }), risk ? { risk: ALL_LIMITS } : {});
  const gateway = main.addGateway(DummyGateway, "BENCH");
  let seen = 0;
  main.eventEngine.register(EVENT_TICK, () => {
    seen++;
  });
  const init = { ...TICK_INIT };
  const t0 = now();
  for (let i = 0; i < TICKS; i++) {
    init.symbol = SYMBOLS[i & 7] as string;
    init.lastPrice = 7 + (i & 1023) / 100;
    gateway.onTick(createTick(init));
  }
  await main.eventEngine.flush();
  const seconds = Number(now() - t0) / 1e9;
  await main.close();
  if (seen !== TICKS) throw new Error(`saw ${seen} of ${TICKS} ticks`);
  return TICKS / seconds;
}

async function main(): Promise<void> {
  checkCost(); // warm-up
  const cost = checkCost();
  await tickPathOnce(false);
  await tickPathOnce(true);
  const off: number[] = [];
  const on: number[] = [];
  // Interleaved, and which goes first alternates, so load and GC debt hit both alike.
  for (let run = 0; run < RUNS; run++) {
    if (run % 2 === 0) {
      off.push(await tickPathOnce(false));
      on.push(await tickPathOnce(true));
    } else {
      on.push(await tickPathOnce(true));
      off.push(await tickPathOnce(false));
    }
  }
  const rows = [
    { name: "checkOrder, every limit on (p50 of 1,000-order batches)", value: cost.p50, unit: "ns/order" },
    { name: "checkOrder, every limit on (p99 of batches)", value: cost.p99, unit: "ns/order" },
    { name: "check + track + finish cycle (p50)", value: cost.cycleP50, unit: "ns/order" },
    { name: "tick path, risk engine off (median of 7)", value: median(off), unit: "ticks/s" },
    { name: "tick path, risk engine on (median of 7)", value: median(on), unit: "ticks/s" },
    { name: "tick path on / off (medians)", value: median(on) / median(off), unit: "ratio" },
    { name: "tick path, best of 7: off", value: Math.max(...off), unit: "ticks/s" },
    { name: "tick path, best of 7: on", value: Math.max(...on), unit: "ticks/s" },
    { name: "tick path on / off (best runs)", value: Math.max(...on) / Math.max(...off), unit: "ratio" },
  ];
  for (const row of rows)
    console.log(
      `${row.name.padEnd(58)} ${row.value.toLocaleString("en-US", { maximumFractionDigits: 3 }).padStart(14)} ${row.unit}`,
    );
  console.log(`target: checkOrder p50 <= 1000 ns: ${cost.p50 <= 1000 ? "met" : "NOT met"}`);
  mkdirSync(fileURLToPath(new URL("./results/", import.meta.url)), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, loadavg: loadavg(), rows }, null, 2)}\n`,
  );
}

await main();
