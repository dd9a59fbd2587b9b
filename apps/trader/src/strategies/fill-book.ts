/**
 * One strategy's P&L from its own fills: a pure ledger, no events or timers.
 *
 * @module
 */
import { Direction } from "@tsgate/core";

/** What a fill contributes. */
export interface Fill {
  readonly vtTradeid: string;
  readonly vtSymbol: string;
  readonly direction: Direction;
  readonly price: number;
  readonly volume: number;
  readonly fee: number;
}

/**
 * Cash flow and fees of a strategy's fills; its P&L is that cash plus its positions marked to
 * the last prices (the last fill's price where no tick has come).
 */
export class FillBook {
  private cash = 0;
  private readonly seen = new Set<string>();
  private readonly lastFillPrice = new Map<string, number>();

  /** Fills counted. */
  get count(): number {
    return this.seen.size;
  }

  /** Counts a fill once (a trade pushed twice is ignored). */
  apply(fill: Fill): void {
    if (this.seen.has(fill.vtTradeid)) return;
    this.seen.add(fill.vtTradeid);
    const value = fill.price * fill.volume;
    this.cash += (fill.direction === Direction.LONG ? -value : value) - fill.fee;
    this.lastFillPrice.set(fill.vtSymbol, fill.price);
  }

  /**
   * The P&L in yuan, rounded to the fen.
   *
   * @param pos - the strategy's net position by vtSymbol
   * @param lastPrice - the latest price of a vtSymbol, if known
   */
  pnl(pos: Readonly<Record<string, number>>, lastPrice: (vtSymbol: string) => number | undefined): number {
    let value = this.cash;
    for (const [vtSymbol, volume] of Object.entries(pos)) {
      if (volume === 0) continue;
      const price = lastPrice(vtSymbol) ?? this.lastFillPrice.get(vtSymbol) ?? 0;
      value += volume * price;
    }
    return Math.round(value * 100) / 100;
  }
}
