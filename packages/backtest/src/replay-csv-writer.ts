import { closeSync, openSync, writeSync } from "node:fs";
import { Exchange, type TickData } from "@tsgate/core";
import {
  beijingDate,
  CHINA_UTC_OFFSET_MS,
  REPLAY_CSV_COLUMNS,
  REPLAY_DEPTH_COLUMNS,
  StrategyError,
} from "@tsgate/strategy";

/**
 * One market step of the replay: the moment its rows carry, and what the step should publish.
 */
export interface ReplayStep {
  /** The rows' time (all instruments of a step share it). */
  readonly time: number;
  /** Rows in the step (one per instrument). */
  readonly rows: number;
  /** Σ of the rows' last prices in units of 0.0001 yuan: the ticks the step publishes must carry them. */
  readonly lastSum: number;
}

/** What {@link writeReplayCsv} wrote: the steps and the first price of each instrument. */
export interface ReplayPlan {
  /** The market steps in order. */
  readonly steps: ReplayStep[];
  /** The first tick's previous close (or last price when it has none), per vtSymbol. */
  readonly firstPrices: Map<string, number>;
  /** The trading days the ticks span, `YYYY-MM-DD`, in order. */
  readonly dates: string[];
}

const MARKET_OF: Readonly<Record<string, string>> = { [Exchange.SSE]: "SH", [Exchange.SZSE]: "SZ" };
/** Bytes buffered before a write, so a day of 50 instruments is a few hundred writes. */
const FLUSH_BYTES = 1 << 16;

/** The header line: every replay column, in the order rows are written. */
export const REPLAY_CSV_HEADER = REPLAY_CSV_COLUMNS.join(",");
const DEPTH_FIELDS = [1, 2, 3, 4, 5].map((i) => [
  `bidPrice${i}`,
  `bidVolume${i}`,
  `askPrice${i}`,
  `askVolume${i}`,
]);

/**
 * Writes `ticks` to `path` as the mock server's replay CSV, one row a tick, and returns the step
 * plan. The mock advances every instrument by its next row on each market step, so the ticks must
 * come in **lockstep**: ticks of one moment together, every instrument of `vtSymbols` once at each
 * moment. The `volume` column is the shares traded since the instrument's previous tick (its
 * cumulative volume restarts each trading day).
 *
 * @throws {@link StrategyError} `BACKTEST_DATA` naming the tick that breaks the lockstep
 */
export async function writeReplayCsv(
  path: string,
  ticks: Iterable<TickData> | AsyncIterable<TickData>,
  vtSymbols: readonly string[],
): Promise<ReplayPlan> {
  const wanted = new Set(vtSymbols);
  const steps: ReplayStep[] = [];
  const firstPrices = new Map<string, number>();
  const dates: string[] = [];
  const previous = new Map<string, { date: string; volume: number }>();
  let inStep = new Set<string>();
  let stepTime = Number.NaN;
  let lastSum = 0;
  const fd = openSync(path, "w");
  let buffer = `${REPLAY_CSV_HEADER}\n`;
  const closeStep = (next: TickData | undefined) => {
    if (inStep.size === 0) return;
    if (inStep.size !== wanted.size) {
      const missing = [...wanted].filter((s) => !inStep.has(s));
      throw new StrategyError(
        "BACKTEST_DATA",
        `full-path replay at ${new Date(stepTime).toISOString()}: no tick of ${missing.join(", ")}; the mock server steps every instrument together, so each moment needs a tick of every instrument`,
      );
    }
    steps.push({ time: stepTime, rows: inStep.size, lastSum });
    inStep = new Set();
    lastSum = 0;
    if (next !== undefined) stepTime = next.datetime.getTime();
  };
  try {
    for await (const tick of ticks) {
      const { vtSymbol } = tick;
      if (!wanted.has(vtSymbol)) {
        throw new StrategyError(
          "BACKTEST_DATA",
          `full-path replay: a tick of ${vtSymbol}, which is not among the job's vtSymbols (${vtSymbols.join(", ")})`,
        );
      }
      const time = tick.datetime.getTime();
      if (Number.isNaN(stepTime)) stepTime = time;
      if (time < stepTime) {
        throw new StrategyError(
          "BACKTEST_DATA",
          `full-path replay: tick of ${vtSymbol} at ${tick.datetime.toISOString()} is earlier than the one before it`,
        );
      }
      if (time > stepTime) closeStep(tick);
      if (inStep.has(vtSymbol)) {
        throw new StrategyError(
          "BACKTEST_DATA",
          `full-path replay: two ticks of ${vtSymbol} at ${tick.datetime.toISOString()}`,
        );
      }
      inStep.add(vtSymbol);
      lastSum += priceUnits(tick.lastPrice);
      const date = beijingDate(tick.datetime);
      if (dates.at(-1) !== date) dates.push(date);
      if (!firstPrices.has(vtSymbol))
        firstPrices.set(vtSymbol, tick.preClose > 0 ? tick.preClose : tick.lastPrice);
      const before = previous.get(vtSymbol);
      const traded = before === undefined || before.date !== date ? tick.volume : tick.volume - before.volume;
      previous.set(vtSymbol, { date, volume: tick.volume });
      buffer += `${rowOf(tick, Math.max(0, traded))}\n`;
      if (buffer.length >= FLUSH_BYTES) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
    closeStep(undefined);
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return { steps, firstPrices, dates };
}

function rowOf(tick: TickData, traded: number): string {
  const [symbol, exchange] = [tick.symbol, tick.exchange];
  const market = MARKET_OF[exchange];
  if (market === undefined) {
    throw new StrategyError("BACKTEST_DATA", `full-path replay: ${tick.vtSymbol}: only SSE and SZSE replay`);
  }
  const cells: Record<string, string | number> = {
    market,
    code: symbol,
    time: clockOf(tick.datetime),
    last: tick.lastPrice,
    volume: traded,
  };
  const price = (p: number) => (p > 0 ? p : "");
  const shares = (p: number, v: number) => (p > 0 ? v : "");
  const t = tick as unknown as Readonly<Record<string, number | undefined>>;
  REPLAY_DEPTH_COLUMNS.forEach((columns, index) => {
    const [bp = 0, bv = 0, ap = 0, av = 0] = (DEPTH_FIELDS[index] ?? []).map((f) => t[f]);
    cells[columns.bid] = price(bp);
    cells[columns.bidVol] = shares(bp, bv);
    cells[columns.ask] = price(ap);
    cells[columns.askVol] = shares(ap, av);
  });
  return REPLAY_CSV_COLUMNS.map((column) => cells[column] ?? "").join(",");
}

/** A price in integers of 0.0001 yuan (exact for every A-share tick: 0.01 and 0.001). */
export function priceUnits(yuan: number): number {
  return Math.round(yuan * 10_000);
}

/** `HH:MM:SS.mmm`, Beijing time. */
function clockOf(datetime: Date): string {
  return new Date(datetime.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(11, 23);
}
