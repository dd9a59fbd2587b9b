/**
 * Matching an order against the simulated market of its instrument.
 *
 * Taking liquidity (an order on arrival, limit or B5TC): the order fills against the displayed
 * opposite levels, best first, at each level's price, up to each level's volume, while the level
 * is within the limit price (B5TC: any of the 5 levels). Consumed volume is removed from the book
 * (emptied levels shift up) and each fill is a market trade (last, high/low, volume, turnover).
 *
 * Resting orders (what did not fill on arrival) are matched after every market step, when the
 * market trades at or through their price. For a resting buy at P (sells mirrored):
 * 1. displayed asks priced ≤ P (the step's book crossed the order) fill it, at P, consuming them;
 * 2. if the step's last price ≤ P, the step's traded volume (`stepVolume`) fills it, at P.
 * Resting orders are served in price-time priority (buys highest price first, sells lowest first,
 * then oldest first); the step's traded volume is one pool per side, shared in that order, so the
 * total resting fill per side and step is bounded by what the market traded plus what it showed.
 * A resting order always fills at its own limit price (it was the passive side). Orders of
 * different accounts never match each other: everybody trades with the simulated market.
 */
import { Side } from "../protocol/messages.js";
import { DEPTH_LEVELS } from "./constants.js";
import type { InstrumentMarket } from "./market-sim.js";

/** One execution: price (scaled) and shares. */
export interface Fill {
  price: number;
  volume: number;
}

/** Removes level `index` of one book side, shifting the deeper levels up. */
function removeLevel(prices: number[], volumes: number[], index: number): void {
  for (let i = index; i < DEPTH_LEVELS - 1; i++) {
    prices[i] = prices[i + 1] ?? 0;
    volumes[i] = volumes[i + 1] ?? 0;
  }
  prices[DEPTH_LEVELS - 1] = 0;
  volumes[DEPTH_LEVELS - 1] = 0;
}

/**
 * Fills an arriving order of `side` against the opposite displayed levels within `limit`
 * (`undefined`: any displayed level, for B5TC), up to `volume` shares. Mutates the book and the
 * market statistics; returns the fills, best price first.
 */
export function takeLiquidity(
  market: InstrumentMarket,
  side: Side,
  limit: number | undefined,
  volume: number,
): Fill[] {
  const buy = side === Side.Bid;
  const prices = buy ? market.askPrice : market.bidPrice;
  const volumes = buy ? market.askVolume : market.bidVolume;
  const fills: Fill[] = [];
  let remaining = volume;
  while (remaining > 0) {
    const price = prices[0] ?? 0;
    const available = volumes[0] ?? 0;
    if (price <= 0 || available <= 0) break;
    if (limit !== undefined && (buy ? price > limit : price < limit)) break;
    const q = Math.min(remaining, available);
    fills.push({ price, volume: q });
    market.recordTrade(price, q);
    remaining -= q;
    if (q === available) removeLevel(prices, volumes, 0);
    else volumes[0] = available - q;
  }
  return fills;
}

/** Shares of the step's traded volume still unallocated to resting orders, per side. */
export interface StepPools {
  bid: number;
  ask: number;
}

/** Fresh pools for a step: each side may fill up to what the market traded in it. */
export function stepPools(market: InstrumentMarket): StepPools {
  return { bid: market.stepVolume, ask: market.stepVolume };
}

/**
 * Shares a resting order of `side` at `price` fills in the current step (module comment), up to
 * `wanted`, at `price`. Consumes crossed displayed levels and the side's pool.
 */
export function restingFill(
  market: InstrumentMarket,
  side: Side,
  price: number,
  wanted: number,
  pools: StepPools,
): number {
  const buy = side === Side.Bid;
  const prices = buy ? market.askPrice : market.bidPrice;
  const volumes = buy ? market.askVolume : market.bidVolume;
  let filled = 0;
  while (filled < wanted) {
    const levelPrice = prices[0] ?? 0;
    const available = volumes[0] ?? 0;
    if (levelPrice <= 0 || available <= 0 || (buy ? levelPrice > price : levelPrice < price)) break;
    const q = Math.min(wanted - filled, available);
    market.addVolume(price, q);
    filled += q;
    if (q === available) removeLevel(prices, volumes, 0);
    else volumes[0] = available - q;
  }
  const tradedThrough = buy ? market.last <= price : market.last >= price;
  if (filled < wanted && tradedThrough) {
    const pool = buy ? pools.bid : pools.ask;
    const q = Math.min(wanted - filled, pool);
    if (buy) pools.bid -= q;
    else pools.ask -= q;
    filled += q;
  }
  return filled;
}
