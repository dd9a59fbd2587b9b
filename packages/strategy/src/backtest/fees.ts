import { Direction } from "@tsgate/core";

/**
 * What one A-share fill costs (yuan), as rates of its value.
 *
 * Defaults, all read 2026-12-02:
 * - stamp duty 0.05 %, sells only: halved from 0.1 % from 2023-08-28 (Ministry of Finance and
 *   State Taxation Administration announcement 2023 No. 39);
 * - transfer fee (过户费) 0.001 % both sides, SSE and SZSE: CSDC, from 2022-04-29;
 * - broker commission 0.025 %, at least 5 yuan per fill: a common retail rate, not a rule; set
 *   your broker's.
 */
export interface FeeSchedule {
  /** Broker commission rate on every fill. */
  readonly commissionRate: number;
  /** Smallest commission per fill, yuan. */
  readonly minCommission: number;
  /** Stamp duty rate, on sells only. */
  readonly stampDutyRate: number;
  /** Transfer fee rate, on every fill. */
  readonly transferFeeRate: number;
}

/** The default {@link FeeSchedule} (see its sources). */
export const ASHARE_FEES: FeeSchedule = Object.freeze({
  commissionRate: 0.000_25,
  minCommission: 5,
  stampDutyRate: 0.000_5,
  transferFeeRate: 0.000_01,
});

/** The fee of one fill, rounded to the fen (0.01 yuan). */
export function feeOf(fees: FeeSchedule, direction: Direction, price: number, volume: number): number {
  const value = price * volume;
  const commission = Math.max(fees.minCommission, value * fees.commissionRate);
  const stamp = direction === Direction.SHORT ? value * fees.stampDutyRate : 0;
  return Math.round((commission + stamp + value * fees.transferFeeRate) * 100) / 100;
}
