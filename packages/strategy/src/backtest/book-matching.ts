/**
 * The fast backtest's fills, following the mock broker's matching (`packages/mock-server/src/domain/matching.ts`,
 * which this package may not import: DESIGN.md §2). `@tsgate/backtest`'s same-trades test runs
 * one strategy through both and fails when they part.
 *
 * - An arriving limit order takes the displayed opposite levels within its limit, best first, at
 *   each level's price, up to each level's volume; what it takes leaves the book.
 * - What did not fill rests. On each later tick, a resting buy at P (sells mirrored) fills from the
 *   displayed asks priced ≤ P, at P, consuming them; then, if that tick's last price is ≤ P, from
 *   the shares traded since the previous tick (one pool per side, shared in price-time priority).
 *
 * What resting orders take from displayed levels leaves the book the strategy then sees, as in the
 * broker's snapshots.
 *
 * Pure: no events, no clock; the gateway applies the fills.
 *
 * @module
 */

/** One book side: prices (0 = empty level) and volumes, level 1 first. */
export interface BookSide {
  readonly prices: number[];
  readonly volumes: number[];
}

/** A fill: price and shares. */
export interface BookFill {
  readonly price: number;
  readonly volume: number;
}

/** Removes level `index`, shifting the deeper levels up (as the broker does). */
function removeLevel(side: BookSide, index: number): void {
  const n = side.prices.length;
  for (let i = index; i < n - 1; i++) {
    side.prices[i] = side.prices[i + 1] ?? 0;
    side.volumes[i] = side.volumes[i + 1] ?? 0;
  }
  side.prices[n - 1] = 0;
  side.volumes[n - 1] = 0;
}

const reaches = (buy: boolean, level: number, limit: number) => (buy ? level <= limit : level >= limit);

/** Fills an arriving order against `opposite` within `limit`, up to `volume`; consumes the book. */
export function takeLiquidity(opposite: BookSide, buy: boolean, limit: number, volume: number): BookFill[] {
  const fills: BookFill[] = [];
  let remaining = volume;
  while (remaining > 0) {
    const price = opposite.prices[0] ?? 0;
    const available = opposite.volumes[0] ?? 0;
    if (price <= 0 || available <= 0 || !reaches(buy, price, limit)) break;
    const q = Math.min(remaining, available);
    fills.push({ price, volume: q });
    remaining -= q;
    if (q === available) removeLevel(opposite, 0);
    else opposite.volumes[0] = available - q;
  }
  return fills;
}

/** Shares traded since the previous tick still free for resting orders, per side. */
export interface TradedPools {
  bid: number;
  ask: number;
}

/** What a resting order filled on a tick: in all, and of that from displayed levels. */
export interface RestingFill {
  readonly volume: number;
  /** Taken from crossed levels (they leave the book); the rest came from the pool. */
  readonly fromDepth: number;
}

/**
 * Shares a resting order at `limit` fills on a tick (module comment), up to `wanted`, at `limit`.
 * Consumes crossed levels of `opposite` and the side's pool.
 */
export function restingFill(
  opposite: BookSide,
  buy: boolean,
  limit: number,
  wanted: number,
  last: number,
  pools: TradedPools,
): RestingFill {
  let filled = 0;
  while (filled < wanted) {
    const price = opposite.prices[0] ?? 0;
    const available = opposite.volumes[0] ?? 0;
    if (price <= 0 || available <= 0 || !reaches(buy, price, limit)) break;
    const q = Math.min(wanted - filled, available);
    filled += q;
    if (q === available) removeLevel(opposite, 0);
    else opposite.volumes[0] = available - q;
  }
  const fromDepth = filled;
  if (filled < wanted && last > 0 && reaches(buy, last, limit)) {
    const q = Math.min(wanted - filled, buy ? pools.bid : pools.ask);
    if (buy) pools.bid -= q;
    else pools.ask -= q;
    filled += q;
  }
  return { volume: filled, fromDepth };
}
