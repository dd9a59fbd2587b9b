// Fast-backtest speed (ticks per second) and memory over a full synthetic trading day of 50
// instruments (one tick every 3 s each: 237,000 ticks), with a moving-average cross on every
// instrument. Run: `node --expose-gc --import tsx bench/fast-backtest.ts` (not part of the tests).
// Both modes over the same day, with the heap's slope: `npm run bench -w @tsgate/backtest`.
import type { TickData } from "@tsgate/core";
import { FastBacktestEngine } from "../src/index.js";
import { day, EveryInstrumentMaCross, vtSymbols } from "./fifty-instrument-day.js";

const SAMPLE_EVERY = 25_000;
const gc = (globalThis as { gc?: () => void }).gc;
const heap: number[] = [];
function* sampled(ticks: Iterable<TickData>): Generator<TickData> {
  let n = 0;
  for (const tick of ticks) {
    if (n++ % SAMPLE_EVERY === 0) {
      gc?.();
      heap.push(process.memoryUsage().heapUsed);
    }
    yield tick;
  }
}

const started = process.hrtime.bigint();
const result = await new FastBacktestEngine().run({
  strategyClass: EveryInstrumentMaCross,
  strategyName: "bench",
  vtSymbols,
  ticks: sampled(day()),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
console.log(
  JSON.stringify(
    {
      ticks: result.tickCount,
      trades: result.trades.length,
      seconds: Number(seconds.toFixed(2)),
      ticksPerSecond: Math.round(result.tickCount / seconds),
      heapMbSamples: heap.map(mb),
      gcExposed: gc !== undefined,
    },
    null,
    1,
  ),
);
