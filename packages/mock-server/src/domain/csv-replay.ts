/**
 * Market replay from a CSV file: the same snapshots as the random walk, from recorded rows.
 *
 * Format: UTF-8 text, comma-separated, no quoting. The first non-comment line is the header;
 * blank lines and lines starting with `#` are skipped. Columns, by header name, in any order:
 *
 * | column | required | meaning |
 * |---|---|---|
 * | `market` | yes | `SH` or `SZ` |
 * | `code` | yes | 6-digit code of a configured instrument |
 * | `last` | yes | last price in yuan, on the tick and within the daily limits |
 * | `volume` | yes | shares traded since the instrument's previous row (≥ 0) |
 * | `time` | no | `HH:MM:SS`, `HH:MM:SS.mmm`, `HHMMSS` or `HHMMSSmmm`; default: the broker's clock |
 * | `bid1`..`bid5`, `bidVol1`..`bidVol5`, `ask1`..`ask5`, `askVol1`..`askVol5` | no | depth, yuan and shares; empty = empty level |
 *
 * Rows are grouped by instrument in file order: each market step advances every instrument that
 * has rows by its next row (so instruments need not be interleaved). A row applies `last` as a
 * trade of `volume` shares (cumulative volume, turnover, open/high/low follow) and `volume` is
 * what resting orders can fill from in that step. A row without any depth column value gets a
 * book synthesised around `last` (seeded, like the random walk). When an instrument's rows run
 * out it stops moving, or starts again from its first row with `loop`. Configured instruments
 * without rows never move.
 */
import { DEPTH_LEVELS, PRICE_SCALE } from "./constants.js";
import type { Instrument } from "./instruments.js";
import type { InstrumentMarket, PriceDriver } from "./market-sim.js";
import { yuanToScaled } from "./money.js";
import { type Random, SymbolStreams } from "./prng.js";

/** One replay row, prices scaled. */
export interface ReplayRow {
  /** Line number in the file, for messages. */
  readonly line: number;
  readonly time: number | undefined;
  readonly last: number;
  readonly volume: number;
  /** Undefined: synthesise the book. */
  readonly depth:
    | {
        bidPrice: number[];
        bidVolume: number[];
        askPrice: number[];
        askVolume: number[];
      }
    | undefined;
}

/** A CSV replay file is invalid; the message names the line and column. */
export class ReplayCsvError extends Error {
  override readonly name = "ReplayCsvError";
}

const REQUIRED = ["market", "code", "last", "volume"] as const;
const DEPTH_COLUMNS: string[] = [];
for (let i = 1; i <= DEPTH_LEVELS; i++) DEPTH_COLUMNS.push(`bid${i}`, `bidVol${i}`, `ask${i}`, `askVol${i}`);
const KNOWN = new Set<string>([...REQUIRED, "time", ...DEPTH_COLUMNS]);

function parseTime(text: string): number | undefined {
  const colon = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  if (colon) {
    const [, h, m, s, ms = "0"] = colon;
    return Number(h) * 10_000_000 + Number(m) * 100_000 + Number(s) * 1_000 + Number(ms.padEnd(3, "0"));
  }
  if (/^\d{5,6}$/.test(text)) return Number(text) * 1_000;
  if (/^\d{8,9}$/.test(text)) return Number(text);
  return undefined;
}

/**
 * Parses replay CSV text into rows per symbol (`SH.600000`), checking every row against the
 * instruments. `source` names the file in errors.
 */
export function parseReplayCsv(
  text: string,
  instruments: ReadonlyMap<string, Instrument>,
  source = "replay CSV",
): Map<string, ReplayRow[]> {
  const rows = new Map<string, ReplayRow[]>();
  let header: string[] | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] ?? "").trim();
    if (raw === "" || raw.startsWith("#")) continue;
    const lineNo = index + 1;
    const cells = raw.split(",").map((c) => c.trim());
    const fail = (column: string, message: string): never => {
      throw new ReplayCsvError(`${source} line ${lineNo}, column ${column}: ${message}`);
    };
    if (header === undefined) {
      header = cells;
      for (const name of header) {
        if (!KNOWN.has(name)) fail(name, "unknown column");
      }
      for (const name of REQUIRED) {
        if (!header.includes(name)) fail(name, "required column missing from the header");
      }
      continue;
    }
    if (cells.length !== header.length) {
      throw new ReplayCsvError(
        `${source} line ${lineNo}: expected ${header.length} values, found ${cells.length}`,
      );
    }
    const cell = new Map<string, string>();
    header.forEach((name, i) => {
      cell.set(name, cells[i] ?? "");
    });
    const market = cell.get("market") ?? "";
    const code = cell.get("code") ?? "";
    const symbol = `${market}.${code}`;
    const inst = instruments.get(symbol);
    if (inst === undefined) fail("code", `${symbol} is not a configured instrument`);
    const instrument = inst as Instrument;
    const price = (column: string, optional: boolean): number => {
      const value = cell.get(column) ?? "";
      if (value === "" && optional) return 0;
      const yuan = Number(value);
      if (value === "" || !Number.isFinite(yuan) || yuan <= 0)
        return fail(column, "expected a positive price in yuan");
      const scaled = yuanToScaled(yuan);
      if (scaled % instrument.priceTick !== 0) {
        fail(column, `expected a multiple of the tick ${instrument.priceTick / PRICE_SCALE}`);
      }
      if (scaled > instrument.limitUp || scaled < instrument.limitDown) {
        fail(column, `price ${value} is outside the daily limits of ${symbol}`);
      }
      return scaled;
    };
    const shares = (column: string, optional: boolean): number => {
      const value = cell.get(column) ?? "";
      if (value === "" && optional) return 0;
      const n = Number(value);
      if (value === "" || !Number.isSafeInteger(n) || n < 0)
        return fail(column, "expected a non-negative whole number of shares");
      return n;
    };
    const timeText = cell.get("time") ?? "";
    let time: number | undefined;
    if (timeText !== "") {
      time = parseTime(timeText);
      if (time === undefined) fail("time", "expected HH:MM:SS, HH:MM:SS.mmm, HHMMSS or HHMMSSmmm");
    }
    const hasDepth = DEPTH_COLUMNS.some((c) => (cell.get(c) ?? "") !== "");
    let depth: ReplayRow["depth"];
    if (hasDepth) {
      depth = { bidPrice: [], bidVolume: [], askPrice: [], askVolume: [] };
      for (let i = 1; i <= DEPTH_LEVELS; i++) {
        depth.bidPrice.push(price(`bid${i}`, true));
        depth.bidVolume.push(shares(`bidVol${i}`, true));
        depth.askPrice.push(price(`ask${i}`, true));
        depth.askVolume.push(shares(`askVol${i}`, true));
      }
    }
    const row: ReplayRow = {
      line: lineNo,
      time,
      last: price("last", false),
      volume: shares("volume", false),
      depth,
    };
    let list = rows.get(symbol);
    if (list === undefined) {
      list = [];
      rows.set(symbol, list);
    }
    list.push(row);
  }
  if (header === undefined) throw new ReplayCsvError(`${source}: no header line`);
  return rows;
}

/** Drives the markets from parsed replay rows (module comment). */
export class ReplayDriver implements PriceDriver {
  private readonly cursors = new Map<string, number>();
  private readonly streams: SymbolStreams;

  constructor(
    private readonly rows: ReadonlyMap<string, readonly ReplayRow[]>,
    private readonly loop: boolean,
    seed: number,
  ) {
    this.streams = new SymbolStreams(seed);
  }

  private random(symbol: string): Random {
    return this.streams.of(symbol);
  }

  init(market: InstrumentMarket): void {
    market.synthesizeBook(this.random(market.instrument.symbol));
  }

  step(market: InstrumentMarket): boolean {
    const symbol = market.instrument.symbol;
    const list = this.rows.get(symbol);
    if (list === undefined || list.length === 0) return false;
    let cursor = this.cursors.get(symbol) ?? 0;
    if (cursor >= list.length) {
      if (!this.loop) return false;
      cursor = 0;
    }
    const row = list[cursor] as ReplayRow;
    this.cursors.set(symbol, cursor + 1);
    market.stepVolume = row.volume;
    market.recordTrade(row.last, row.volume);
    if (row.time !== undefined) market.time = row.time;
    if (row.depth === undefined) market.synthesizeBook(this.random(symbol));
    else market.setBook(row.depth.bidPrice, row.depth.bidVolume, row.depth.askPrice, row.depth.askVolume);
    return true;
  }
}
