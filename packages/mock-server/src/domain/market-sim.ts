/**
 * The simulated market of one instrument (last price, open/high/low, cumulative volume and
 * turnover, a 5-level book) and the seeded random walk that moves it.
 *
 * Random walk, per step: the price moves by `round(z × volatility × last / tick − reversion)`
 * ticks, z ≈ N(0, 1) from the instrument's own mulberry32 stream, `reversion` pulling 0.2% of the
 * distance back toward the previous close, clamped to the daily limits. The market then trades
 * 1–20 lots at the new last price, and the book is rebuilt around it: one-tick spread with the
 * last price on the bid or the ask side (a coin flip), levels one tick apart, 1–50 lots each,
 * levels beyond the daily limits empty. Same seed, same config, same orders → same snapshots.
 */
import type { MarketData } from "../protocol/messages.js";
import { DEPTH_LEVELS, LEVEL_MAX_LOTS, LOT_SIZE, MEAN_REVERSION, STEP_MAX_LOTS } from "./constants.js";
import type { Instrument } from "./instruments.js";
import { type Random, randomInt, randomNormal, SymbolStreams } from "./prng.js";

/** The market state of one instrument. Prices scaled ×10,000; arrays are level 1 first. */
export class InstrumentMarket {
  last: number;
  /** 0 until the first trade of the day. */
  open = 0;
  high = 0;
  low = 0;
  /** Cumulative shares traded today. */
  volume = 0;
  /** Cumulative amount traded today. */
  turnover = 0;
  /** `HHMMSSmmm` of the latest change. */
  time: number;
  /** Shares the simulated market traded in its latest step: what resting orders can fill from. */
  stepVolume = 0;
  readonly bidPrice: number[] = new Array<number>(DEPTH_LEVELS).fill(0);
  readonly bidVolume: number[] = new Array<number>(DEPTH_LEVELS).fill(0);
  readonly askPrice: number[] = new Array<number>(DEPTH_LEVELS).fill(0);
  readonly askVolume: number[] = new Array<number>(DEPTH_LEVELS).fill(0);

  constructor(
    readonly instrument: Instrument,
    time: number,
  ) {
    this.last = instrument.preClose;
    this.time = time;
  }

  /** A trade at `price`: moves the last price and the day's statistics. */
  recordTrade(price: number, volume: number): void {
    this.last = price;
    if (this.open === 0) {
      this.open = price;
      this.high = price;
      this.low = price;
    } else {
      if (price > this.high) this.high = price;
      if (price < this.low) this.low = price;
    }
    this.addVolume(price, volume);
  }

  /** Volume traded at `price` that does not move the last price (a resting order being hit). */
  addVolume(price: number, volume: number): void {
    this.volume += volume;
    this.turnover += price * volume;
  }

  /** Replaces the book: level 1 first, 0 for empty levels. */
  setBook(
    bidPrice: readonly number[],
    bidVolume: readonly number[],
    askPrice: readonly number[],
    askVolume: readonly number[],
  ): void {
    for (let i = 0; i < DEPTH_LEVELS; i++) {
      this.bidPrice[i] = bidPrice[i] ?? 0;
      this.bidVolume[i] = bidVolume[i] ?? 0;
      this.askPrice[i] = askPrice[i] ?? 0;
      this.askVolume[i] = askVolume[i] ?? 0;
    }
  }

  /** Rebuilds the book around the last price (see the module comment), from `random`. */
  synthesizeBook(random: Random): void {
    const { priceTick: tick, limitUp, limitDown } = this.instrument;
    const lastOnBid = random() < 0.5;
    const bid1 = lastOnBid ? this.last : this.last - tick;
    const ask1 = bid1 + tick;
    for (let i = 0; i < DEPTH_LEVELS; i++) {
      const bid = bid1 - i * tick;
      const bidLots = randomInt(random, 1, LEVEL_MAX_LOTS);
      const bidOk = bid >= limitDown && bid > 0;
      this.bidPrice[i] = bidOk ? bid : 0;
      this.bidVolume[i] = bidOk ? bidLots * LOT_SIZE : 0;
      const ask = ask1 + i * tick;
      const askLots = randomInt(random, 1, LEVEL_MAX_LOTS);
      const askOk = ask <= limitUp;
      this.askPrice[i] = askOk ? ask : 0;
      this.askVolume[i] = askOk ? askLots * LOT_SIZE : 0;
    }
  }

  /** The state as a `MARKET_DATA` body. `mdSeq` is 0: the server numbers snapshots per connection. */
  snapshot(tradingDay: number): MarketData {
    const inst = this.instrument;
    return {
      mdSeq: 0,
      market: inst.market,
      code: inst.code,
      tradingDay,
      time: this.time,
      preClose: inst.preClose,
      open: this.open,
      high: this.high,
      low: this.low,
      last: this.last,
      limitUp: inst.limitUp,
      limitDown: inst.limitDown,
      volume: this.volume,
      turnover: this.turnover,
      bidPrice: this.bidPrice.slice(),
      bidVolume: this.bidVolume.slice(),
      askPrice: this.askPrice.slice(),
      askVolume: this.askVolume.slice(),
    };
  }
}

/** What moves the markets: the random walk or a CSV replay. */
export interface PriceDriver {
  /** Sets up the opening book of an instrument (before any step). */
  init(market: InstrumentMarket): void;
  /**
   * Advances one instrument one step: new last price, `stepVolume` traded, new book. Returns
   * false when the instrument has nothing more to show (a replay that ran out of rows).
   */
  step(market: InstrumentMarket): boolean;
}

/** The seeded random walk (module comment). Each instrument has its own stream. */
export class RandomWalkDriver implements PriceDriver {
  private readonly streams: SymbolStreams;

  constructor(
    seed: number,
    private readonly volatility: number,
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
    const { symbol, priceTick: tick, preClose, limitUp, limitDown } = market.instrument;
    const random = this.random(symbol);
    const sigmaTicks = (this.volatility * market.last) / tick;
    const reversionTicks = (MEAN_REVERSION * (market.last - preClose)) / tick;
    const moveTicks = Math.round(randomNormal(random) * sigmaTicks - reversionTicks);
    const last = Math.min(limitUp, Math.max(limitDown, market.last + moveTicks * tick));
    const volume = randomInt(random, 1, STEP_MAX_LOTS) * LOT_SIZE;
    market.stepVolume = volume;
    market.recordTrade(last, volume);
    market.synthesizeBook(random);
    return true;
  }
}
