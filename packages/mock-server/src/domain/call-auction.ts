/**
 * Single-price uncrossing of a call auction (集合竞价), pure. The price is the one that:
 * 1. executes the largest volume;
 * 2. of those, leaves the smallest imbalance (unexecuted volume at that price), i.e. buys above
 *    and sells below it execute in full and at least one side at the price executes in full;
 * 3. of those still tied, SSE takes the middle price (中间价, rounded half up to the tick) and
 *    SZSE the price nearest the reference (the previous close at the open, the last price at the
 *    close; of two equally near, the higher).
 * Sources: SSE 交易规则 and SZSE 交易规则 (2023 revisions, in force 2023-04-10), sections on the
 * determination of the call-auction price (集合竞价成交价格的确定原则). Checked 2026-12-02 against
 * reproductions (docs/exchange-rules.md): SSE's steps confirmed; SZSE's imbalance step and its
 * closing-auction reference not found from here; the rounding of SSE's middle price and the higher
 * of two equally near SZSE prices are this module's choices.
 * Executions at the price go by price priority, then time priority (`rank`, lower first).
 */
import { Side } from "../protocol/messages.js";

/** One order taking part: side, limit price (scaled), volume, and its time rank. */
export interface AuctionOrder<K> {
  readonly key: K;
  readonly side: Side;
  readonly price: number;
  readonly volume: number;
  readonly rank: number;
}

/** How ties of step 3 are broken. */
export interface TieBreak {
  readonly exchange: "SSE" | "SZSE";
  /** SZSE: the previous close (opening auction) or the last price (closing auction). */
  readonly reference: number;
  readonly tick: number;
}

/** The auction's price and executed volume; undefined when nothing crosses. */
export interface Uncross {
  readonly price: number;
  readonly volume: number;
}

/** Volume the buys accept at `p` (price ≥ p) and the sells at `p` (price ≤ p). */
function depthAt<K>(orders: readonly AuctionOrder<K>[], p: number): { buy: number; sell: number } {
  let buy = 0;
  let sell = 0;
  for (const o of orders) {
    if (o.side === Side.Bid && o.price >= p) buy += o.volume;
    else if (o.side === Side.Ask && o.price <= p) sell += o.volume;
  }
  return { buy, sell };
}

/** The auction price and volume of `orders` (rules in the module comment). */
export function uncross<K>(orders: readonly AuctionOrder<K>[], tie: TieBreak): Uncross | undefined {
  const prices = [...new Set(orders.map((o) => o.price))].sort((a, b) => a - b);
  let best: { price: number; volume: number; imbalance: number }[] = [];
  for (const p of prices) {
    const { buy, sell } = depthAt(orders, p);
    const volume = Math.min(buy, sell);
    if (volume <= 0) continue;
    const imbalance = Math.abs(buy - sell);
    const head = best[0];
    if (
      head === undefined ||
      volume > head.volume ||
      (volume === head.volume && imbalance < head.imbalance)
    ) {
      best = [{ price: p, volume, imbalance }];
    } else if (volume === head.volume && imbalance === head.imbalance) {
      best.push({ price: p, volume, imbalance });
    }
  }
  const first = best[0];
  const last = best[best.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (best.length === 1) return { price: first.price, volume: first.volume };
  if (tie.exchange === "SSE") {
    // Middle of the tied range, half up to the tick.
    const mid = Math.floor((first.price + last.price + tie.tick) / (2 * tie.tick)) * tie.tick;
    return { price: mid, volume: first.volume };
  }
  let pick = first;
  for (const c of best) {
    const d = Math.abs(c.price - tie.reference);
    const dp = Math.abs(pick.price - tie.reference);
    if (d < dp || (d === dp && c.price > pick.price)) pick = c;
  }
  return { price: pick.price, volume: pick.volume };
}

/**
 * Who executes how much at `price`, `volume` in total on each side: buys from the highest price,
 * sells from the lowest, each price level in time rank. Returns the shares per key (0 omitted).
 */
export function allocate<K>(orders: readonly AuctionOrder<K>[], result: Uncross): Map<K, number> {
  const out = new Map<K, number>();
  const side = (s: Side) => {
    const eligible = orders
      .filter((o) => o.side === s && (s === Side.Bid ? o.price >= result.price : o.price <= result.price))
      .sort((a, b) => (s === Side.Bid ? b.price - a.price : a.price - b.price) || a.rank - b.rank);
    let left = result.volume;
    for (const o of eligible) {
      if (left <= 0) break;
      const q = Math.min(left, o.volume);
      out.set(o.key, (out.get(o.key) ?? 0) + q);
      left -= q;
    }
  };
  side(Side.Bid);
  side(Side.Ask);
  return out;
}
