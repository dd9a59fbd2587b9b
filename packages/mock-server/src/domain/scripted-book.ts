/**
 * A market that does not move: each instrument shows the book written in the config (`market.mode:
 * "scripted"`), restored after every step, so tests can place orders against known prices without
 * a CSV file. The simulated market trades nothing by itself (resting orders fill only against the
 * displayed levels they cross); instruments without a scripted book show an empty book at their
 * previous close.
 */

import type { InstrumentMarket, PriceDriver } from "./market-sim.js";
import { yuanToScaled } from "./money.js";

/** One instrument's book as written in the config: yuan prices, share volumes, level 1 first. */
export interface ScriptedBookConfig {
  readonly symbol: string;
  readonly bids: readonly (readonly [number, number])[];
  readonly asks: readonly (readonly [number, number])[];
  /** Last price in yuan (default: the previous close). */
  readonly last?: number | undefined;
}

interface Book {
  readonly bidPrice: number[];
  readonly bidVolume: number[];
  readonly askPrice: number[];
  readonly askVolume: number[];
  readonly last: number | undefined;
}

/** The driver of scripted books. */
export class ScriptedDriver implements PriceDriver {
  private readonly books = new Map<string, Book>();

  constructor(books: readonly ScriptedBookConfig[]) {
    for (const b of books) {
      this.books.set(b.symbol, {
        bidPrice: b.bids.map(([p]) => yuanToScaled(p)),
        bidVolume: b.bids.map(([, v]) => v),
        askPrice: b.asks.map(([p]) => yuanToScaled(p)),
        askVolume: b.asks.map(([, v]) => v),
        last: b.last === undefined ? undefined : yuanToScaled(b.last),
      });
    }
  }

  init(market: InstrumentMarket): void {
    const book = this.books.get(market.instrument.symbol);
    if (book?.last !== undefined) market.last = book.last;
    this.restore(market);
  }

  step(market: InstrumentMarket): boolean {
    market.stepVolume = 0;
    this.restore(market);
    return true;
  }

  private restore(market: InstrumentMarket): void {
    const book = this.books.get(market.instrument.symbol);
    if (book === undefined) market.setBook([], [], [], []);
    else market.setBook(book.bidPrice, book.bidVolume, book.askPrice, book.askVolume);
  }
}
