// Both backtest modes over the same data — a full synthetic trading day of 50 instruments (237,000
// ticks) with a moving-average cross on each (packages/strategy/bench/fifty-instrument-day.ts) —
// with reading the ticks alone as the baseline, in one run: ticks per second, and the heap sampled
// through each run (after a GC) as start / peak / end and its slope per 100,000 ticks.
// Writes bench/results/latest.json for the repo report (bench/report.ts).
// Run: `npm run bench -w @tsgate/backtest` (not part of the tests; bounded, 127.0.0.1 only).
// BENCH_MINUTES shortens the day (e.g. 30) for a quick look; the report wants the full day.
import { mkdirSync, writeFileSync } from "node:fs";
import type { TickData } from "@tsgate/core";
import { type BacktestEngine, FastBacktestEngine, type StrategyClass } from "@tsgate/strategy";
import { day, EveryInstrumentMaCross, vtSymbols } from "../../strategy/bench/fifty-instrument-day.js";
import { FullPathBacktestEngine } from "../src/full-path-backtest-engine.js";

const SAMPLE_EVERY = 10_000;
/** Why the full path's heap starts high: the mock server parses the whole replay CSV when it starts. */
const MOCK_HEAP_NOTE =
  "the heap includes the mock server's replay rows, all parsed when it starts (csv-replay.ts), so its level grows with the data while its slope stays flat";
const MINUTES = process.env.BENCH_MINUTES === undefined ? undefined : Number(process.env.BENCH_MINUTES);
const gc = (globalThis as { gc?: () => void }).gc;
const MB = 2 ** 20;

/** The day's ticks, optionally only its first MINUTES minutes of continuous trading. */
function* ticks(): Generator<TickData> {
  let first: number | undefined;
  for (const tick of day()) {
    first ??= tick.datetime.getTime();
    if (MINUTES !== undefined && tick.datetime.getTime() - first >= MINUTES * 60_000) return;
    yield tick;
  }
}

interface Heap {
  ticks: number;
  mb: number;
}
const sample = (samples: Heap[], ticksDone: number) => {
  gc?.();
  samples.push({ ticks: ticksDone, mb: process.memoryUsage().heapUsed / MB });
};

/** Least-squares slope of the heap, MB per 100,000 ticks. */
function slope(samples: readonly Heap[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, s) => a + s.ticks, 0) / n;
  const my = samples.reduce((a, s) => a + s.mb, 0) / n;
  const sxy = samples.reduce((a, s) => a + (s.ticks - mx) * (s.mb - my), 0);
  const sxx = samples.reduce((a, s) => a + (s.ticks - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 100_000;
}

async function measure(mode: string, run: (samples: Heap[]) => Promise<number>) {
  const samples: Heap[] = [];
  const started = process.hrtime.bigint();
  const count = await run(samples);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mbs = samples.map((s) => s.mb);
  const round = (x: number) => Number(x.toFixed(2));
  return {
    mode,
    ticks: count,
    seconds: round(seconds),
    ticksPerSecond: Math.round(count / seconds),
    heapStartMb: round(mbs[0] ?? 0),
    heapPeakMb: round(Math.max(...mbs)),
    heapEndMb: round(mbs.at(-1) ?? 0),
    heapSlopeMbPer100kTicks: round(slope(samples)),
  };
}

const strategyClass = EveryInstrumentMaCross as unknown as StrategyClass;
const job = (source: Iterable<TickData>) => ({
  strategyClass,
  strategyName: "bench",
  vtSymbols,
  ticks: source,
});

/** Yields the ticks, sampling the heap every SAMPLE_EVERY (the fast mode reads one tick per step). */
function* sampled(samples: Heap[]): Generator<TickData> {
  let n = 0;
  for (const tick of ticks()) {
    if (n % SAMPLE_EVERY === 0) sample(samples, n);
    n++;
    yield tick;
  }
  sample(samples, n);
}

const fast = (engine: BacktestEngine) => async (samples: Heap[]) =>
  (await engine.run(job(sampled(samples)))).tickCount;

const baseline = await measure("reading the ticks alone (baseline)", async (samples) => {
  let n = 0;
  for (const _ of sampled(samples)) n++;
  return n;
});
const fastRow = await measure("fast (ReplayGateway, in process)", fast(new FastBacktestEngine()));
const fullRow = await measure("full path (mock servers, TCP, koffi, HftGateway)", async (samples) => {
  let last = 0;
  const engine = new FullPathBacktestEngine({
    onProgress: (done) => {
      if (done - last >= SAMPLE_EVERY) {
        last = done;
        sample(samples, done);
      }
    },
  });
  const result = await engine.run(job(ticks()));
  sample(samples, result.tickCount);
  return result.tickCount;
});
const rows = [baseline, fastRow, fullRow];
console.table(rows);

// The repo report's format: one row per figure, each with the baseline measured in this run.
const figure = (name: string, value: number, unit: string, note?: string) => ({
  name,
  value,
  unit,
  ...(unit.endsWith("/s") ? { baseline: baseline.mode, baselineValue: baseline.ticksPerSecond } : {}),
  ...(note === undefined ? {} : { note }),
});
const instruments = `${vtSymbols.length} instruments, ${baseline.ticks} ticks`;
const memory = (r: typeof fastRow) =>
  `heap start ${r.heapStartMb} / peak ${r.heapPeakMb} / end ${r.heapEndMb} MB, slope ${r.heapSlopeMbPer100kTicks} MB per 100k ticks`;
const results = {
  date: new Date().toISOString(),
  gcExposed: gc !== undefined,
  rows: [
    figure(`backtest fast: ${instruments}`, fastRow.ticksPerSecond, "ticks/s", memory(fastRow)),
    figure(
      `backtest full path: ${instruments}`,
      fullRow.ticksPerSecond,
      "ticks/s",
      `${memory(fullRow)}; ${MOCK_HEAP_NOTE}`,
    ),
    figure("backtest fast: heap slope", fastRow.heapSlopeMbPer100kTicks, "MB per 100k ticks"),
    figure("backtest full path: heap slope", fullRow.heapSlopeMbPer100kTicks, "MB per 100k ticks"),
  ],
  modes: rows,
};
const dir = new URL("./results/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("latest.json", dir), `${JSON.stringify(results, null, 1)}\n`);
