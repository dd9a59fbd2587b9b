/**
 * Trading fees and the cash an order must reserve for them.
 *
 * Rounding: each component (commission, stamp duty, transfer fee) is `amount × rate` rounded half
 * up to the cent, computed in exact integer arithmetic; the commission is then raised to the
 * minimum. Fees belong to an order, not to a fill: the fee of an order is the fee of its
 * cumulative filled amount, and each fill is charged the increase. So the minimum commission is
 * paid once per order however it fills, and the fees in the trade reports of an order add up to
 * exactly `fee(total filled amount)`. An order that fills nothing pays nothing.
 *
 * Stamp duty is charged on stock sells only: funds (ETFs, LOFs) and bonds are exempt (Stamp Duty
 * Law of the PRC, in force 2022-07-01); every method takes `stampDuty` (default true) to say so.
 */
import { Side } from "../protocol/messages.js";
import type { FeeConfig } from "./config.js";
import { CENT, RATE_DECIMALS } from "./constants.js";
import { decimalToScaled, yuanToScaled } from "./money.js";

const RATE_UNIT = 10n ** BigInt(RATE_DECIMALS);
const CENT_N = BigInt(CENT);

/** The fee of an amount, by component, in scaled units (whole cents). */
export interface FeeBreakdown {
  commission: number;
  stampDuty: number;
  transferFee: number;
  total: number;
}

/** No fee at all (an order that filled nothing, an account that paid nothing). */
export const ZERO_FEE: FeeBreakdown = Object.freeze({
  commission: 0,
  stampDuty: 0,
  transferFee: 0,
  total: 0,
});

/** One fill with the parts of its fee (its trade report carries only the total, `fee`). */
export interface TradeFees {
  readonly tradeId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly price: number;
  readonly volume: number;
  readonly amount: number;
  readonly tradeTime: number;
  readonly fees: FeeBreakdown;
}

/** Rounds half up to the cent and checks the result stays safe. */
function centsOf(amount: number, rate: bigint): number {
  const units = BigInt(amount) * rate; // scaled units × RATE_UNIT
  const perCent = RATE_UNIT * CENT_N;
  return Number(((units + perCent / 2n) / perCent) * CENT_N);
}

/** Fee schedule of the broker, from the config. */
export class FeeSchedule {
  private readonly commissionRate: bigint;
  private readonly stampDutyRate: bigint;
  private readonly transferFeeRate: bigint;
  /** Minimum commission per order, scaled. */
  readonly minCommission: number;

  constructor(config: FeeConfig) {
    this.commissionRate = BigInt(decimalToScaled(config.commissionRate, RATE_DECIMALS));
    this.stampDutyRate = BigInt(decimalToScaled(config.stampDutyRate, RATE_DECIMALS));
    this.transferFeeRate = BigInt(decimalToScaled(config.transferFeeRate, RATE_DECIMALS));
    this.minCommission = yuanToScaled(config.minCommission);
  }

  /** Fee of an order side whose (cumulative) filled amount is `amount` (scaled, ≥ 0). */
  feeOf(side: Side, amount: number, stampDuty = true): FeeBreakdown {
    if (amount <= 0) return ZERO_FEE;
    const commission = Math.max(centsOf(amount, this.commissionRate), this.minCommission);
    const duty = side === Side.Ask && stampDuty ? centsOf(amount, this.stampDutyRate) : 0;
    const transferFee = centsOf(amount, this.transferFeeRate);
    return { commission, stampDuty: duty, transferFee, total: commission + duty + transferFee };
  }

  /** Total fee of an order side at cumulative filled amount `amount`. */
  total(side: Side, amount: number, stampDuty = true): number {
    return this.feeOf(side, amount, stampDuty).total;
  }

  /** Fee charged to one fill: the increase of the order's fee from `before` to `after` filled amount. */
  fillFee(side: Side, before: number, after: number, stampDuty = true): number {
    return this.total(side, after, stampDuty) - this.total(side, before, stampDuty);
  }

  /**
   * Fee parts charged to one fill: the increase of each part of the order's fee from `before` to
   * `after` filled amount (they add up to {@link fillFee}).
   */
  fillParts(side: Side, before: number, after: number, stampDuty = true): FeeBreakdown {
    const a = this.feeOf(side, after, stampDuty);
    const b = this.feeOf(side, before, stampDuty);
    return {
      commission: a.commission - b.commission,
      stampDuty: a.stampDuty - b.stampDuty,
      transferFee: a.transferFee - b.transferFee,
      total: a.total - b.total,
    };
  }

  /**
   * Cash a buy order must keep frozen: the rest of the order bought at `price`, plus the fees that
   * would add. Never less than the cash a fill at `price` or better actually takes, so the
   * reserve always covers the fills (fees only grow with the amount).
   */
  buyReserve(filledAmount: number, remainingVolume: number, price: number): number {
    if (remainingVolume <= 0) return 0;
    const rest = remainingVolume * price;
    return rest + this.total(Side.Bid, filledAmount + rest) - this.total(Side.Bid, filledAmount);
  }

  /**
   * Cash a sell order must freeze up front: the most its fees can exceed its proceeds at any point
   * of its life. A fill can be one share, and the minimum commission is paid by the first fill,
   * so a sell of a cheap stock can cost cash before it brings any; for ordinary prices this is 0.
   * `lowestPrice` is the lowest price it can fill at (the limit, or limit-down for B5TC).
   * Worst case is a small cumulative volume at the lowest price; the margin of 3 cents covers
   * the per-component rounding when fills come at better prices.
   */
  sellReserve(volume: number, lowestPrice: number, stampDuty = true): number {
    if (volume <= 0 || lowestPrice <= 0) return 0;
    // Beyond this many shares the proceeds exceed any fee (all rates ≤ 0.1, so fees ≤ 30% + minimum).
    const bound = Math.floor((2 * (this.minCommission + 3 * CENT)) / lowestPrice) + 1;
    const kmax = Math.min(volume, bound);
    let worst = Number.NEGATIVE_INFINITY;
    for (let k = 1; k <= kmax; k++) {
      const amount = k * lowestPrice;
      worst = Math.max(worst, this.total(Side.Ask, amount, stampDuty) - amount);
    }
    return Math.max(0, worst + 3 * CENT);
  }
}
