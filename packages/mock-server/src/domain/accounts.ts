/**
 * Trade accounts: cash and positions, updated on every accepted order, fill and cancel, with
 * their invariants checked on every change (a broken ledger throws instead of drifting).
 *
 * Cost: positions carry a diluted cost (摊薄成本), as Chinese brokers show it. A buy adds
 * `amount + fee` to `costAmount`, a sell subtracts `amount − fee`; `pnl = marketValue −
 * costAmount` is then the position's total profit including what was already realised. With this
 * rule `balance + Σ costAmount` only changes when the config says so, which makes the ledger easy
 * to check from the trade reports.
 *
 * T+1: `ydVolume` is the part of `volume` held since before today (sells take shares from it),
 * `todayBuyVolume` the part bought today, so `volume = ydVolume + todayBuyVolume` always.
 */
import type { CashRecord, PositionRecord } from "../protocol/messages.js";
import type { AccountConfig } from "./config.js";
import { divRoundHalfUp, yuanToScaled } from "./money.js";

/** The ledger would break: a bug in the broker, never a user error. */
export class LedgerError extends Error {
  override readonly name = "LedgerError";
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new LedgerError(message);
}

/** One holding of an account. */
export class Position {
  volume = 0;
  ydVolume = 0;
  /** Shares frozen by open sell orders (always taken from `ydVolume`). */
  frozenVolume = 0;
  todayBuyVolume = 0;
  costAmount = 0;

  constructor(readonly symbol: string) {}

  /** The next trading day: everything held is now held since before today (T+1 unlock). */
  rollover(): void {
    this.ydVolume = this.volume;
    this.todayBuyVolume = 0;
  }

  /** Sellable now: held since before today and not frozen by open sells. */
  get availableVolume(): number {
    return this.ydVolume - this.frozenVolume;
  }

  /** The position as a query record, valued at `lastPrice`. */
  toRecord(lastPrice: number): PositionRecord {
    const marketValue = lastPrice * this.volume;
    return {
      symbol: this.symbol,
      volume: this.volume,
      ydVolume: this.ydVolume,
      availableVolume: this.availableVolume,
      frozenVolume: this.frozenVolume,
      todayBuyVolume: this.todayBuyVolume,
      costAmount: this.costAmount,
      costPrice: this.volume > 0 ? Number(divRoundHalfUp(BigInt(this.costAmount), BigInt(this.volume))) : 0,
      lastPrice,
      marketValue,
      pnl: marketValue - this.costAmount,
    };
  }

  checkInvariants(): void {
    check(this.volume === this.ydVolume + this.todayBuyVolume, `${this.symbol}: volume ≠ yd + today`);
    check(this.ydVolume >= 0 && this.todayBuyVolume >= 0, `${this.symbol}: negative volume`);
    check(
      this.frozenVolume >= 0 && this.frozenVolume <= this.ydVolume,
      `${this.symbol}: frozen volume out of range`,
    );
  }
}

/** A trade account: credentials, cash and positions. */
export class Account {
  readonly accountId: string;
  readonly password: string;
  readonly orgCode: string;
  readonly branchCode: string;
  /** Cash balance, scaled. */
  balance: number;
  /** Cash frozen by open orders, scaled. */
  frozen = 0;
  /** Fees paid today, scaled. */
  totalFee = 0;
  private readonly positions = new Map<string, Position>();

  /** The next trading day: T+1 unlock of every position (open orders are gone by then). */
  rollover(): void {
    for (const p of this.positions.values()) p.rollover();
  }

  constructor(config: AccountConfig) {
    this.accountId = config.accountId;
    this.password = config.password;
    this.orgCode = config.orgCode;
    this.branchCode = config.branchCode;
    this.balance = yuanToScaled(config.cash);
    for (const p of config.positions) {
      const pos = this.position(p.symbol);
      pos.volume = p.volume;
      pos.ydVolume = p.ydVolume ?? p.volume;
      // Shares in the config that are not yesterday's were bought today: not sellable.
      pos.todayBuyVolume = p.volume - pos.ydVolume;
      pos.costAmount = yuanToScaled(p.costPrice) * p.volume;
    }
  }

  /** Cash not frozen. */
  get available(): number {
    return this.balance - this.frozen;
  }

  /** The position in `symbol`, created empty on first use. */
  position(symbol: string): Position {
    let pos = this.positions.get(symbol);
    if (pos === undefined) {
      pos = new Position(symbol);
      this.positions.set(symbol, pos);
    }
    return pos;
  }

  /** The position in `symbol` if the account ever had one today. */
  findPosition(symbol: string): Position | undefined {
    return this.positions.get(symbol);
  }

  /** Every position, sorted by symbol (the query order). */
  sortedPositions(): Position[] {
    return [...this.positions.values()].sort((a, b) =>
      a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0,
    );
  }

  /** Changes the cash frozen for orders by `delta` (positive freezes, negative releases). */
  adjustFrozenCash(delta: number): void {
    this.frozen += delta;
    check(this.frozen >= 0, `${this.accountId}: frozen cash below zero`);
    check(this.frozen <= this.balance, `${this.accountId}: frozen cash above the balance`);
  }

  /** Freezes shares for an accepted sell order. */
  freezeShares(symbol: string, volume: number): void {
    const pos = this.position(symbol);
    pos.frozenVolume += volume;
    pos.checkInvariants();
  }

  /** Releases shares frozen by a sell order that will not fill them. */
  releaseShares(symbol: string, volume: number): void {
    const pos = this.position(symbol);
    pos.frozenVolume -= volume;
    pos.checkInvariants();
  }

  /** Books a buy fill: pays amount + fee, adds today's shares at their full cost. */
  applyBuyFill(symbol: string, volume: number, amount: number, fee: number, sameDay = false): void {
    const pos = this.position(symbol);
    pos.volume += volume;
    // Same-day turnaround (T+0) securities: what is bought is sellable at once.
    if (sameDay) pos.ydVolume += volume;
    else pos.todayBuyVolume += volume;
    pos.costAmount += amount + fee;
    this.balance -= amount + fee;
    this.totalFee += fee;
    pos.checkInvariants();
    check(this.balance >= 0, `${this.accountId}: cash balance below zero`);
  }

  /** Books a sell fill of frozen shares: receives amount − fee. */
  applySellFill(symbol: string, volume: number, amount: number, fee: number): void {
    const pos = this.position(symbol);
    pos.volume -= volume;
    pos.ydVolume -= volume;
    pos.frozenVolume -= volume;
    pos.costAmount -= amount - fee;
    this.balance += amount - fee;
    this.totalFee += fee;
    pos.checkInvariants();
    check(this.balance >= 0, `${this.accountId}: cash balance below zero`);
  }

  /** The cash query record, with positions valued by `lastPrice`. */
  cashRecord(lastPrice: (symbol: string) => number): CashRecord {
    let marketValue = 0;
    for (const pos of this.positions.values()) marketValue += lastPrice(pos.symbol) * pos.volume;
    return {
      accountId: this.accountId,
      balance: this.balance,
      available: this.available,
      frozen: this.frozen,
      marketValue,
      totalAsset: this.balance + marketValue,
      totalFee: this.totalFee,
    };
  }
}
