import { Direction } from "@tsgate/core";

/**
 * What A-share orders cost (yuan), as rates of their filled value.
 *
 * Defaults, all read 2026-12-02:
 * - stamp duty 0.05 %, sells only: halved from 0.1 % from 2023-08-28 (Ministry of Finance and
 *   State Taxation Administration announcement 2023 No. 39);
 * - transfer fee (过户费) 0.001 % both sides, SSE and SZSE: CSDC, from 2022-04-29;
 * - broker commission 0.025 %, at least 5 yuan per order: a common retail rate, not a rule; set
 *   your broker's.
 */
export interface FeeSchedule {
  /** Broker commission rate on the filled value. */
  readonly commissionRate: number;
  /** Smallest commission per order, yuan (paid once however the order fills). */
  readonly minCommission: number;
  /** Stamp duty rate, on sells only. */
  readonly stampDutyRate: number;
  /** Transfer fee rate, on the filled value. */
  readonly transferFeeRate: number;
}

/** The default {@link FeeSchedule} (see its sources). */
export const ASHARE_FEES: FeeSchedule = Object.freeze({
  commissionRate: 0.000_25,
  minCommission: 5,
  stampDutyRate: 0.000_5,
  transferFeeRate: 0.000_01,
});

/** Rates are applied as integers of 10⁻¹⁰ (every configured rate has at most 10 decimals). */
const RATE_UNIT = 10n ** 10n;
/** Amounts are integers of 0.0001 yuan, as on the wire; 100 of them are a fen. */
const AMOUNT_UNIT = 10_000;
const UNITS_PER_FEN = 100n;

/** `amount × rate` in fen, rounded half up (exact: integer arithmetic). */
function fenOf(amountUnits: bigint, rate: number): bigint {
  const scaled = amountUnits * BigInt(Math.round(rate * Number(RATE_UNIT)));
  const perFen = RATE_UNIT * UNITS_PER_FEN;
  return (scaled + perFen / 2n) / perFen;
}

/**
 * The fee of an order whose fills so far come to `amount` yuan, in yuan, as the mock broker
 * charges it (`packages/mock-server/src/domain/fees.ts`): each part (commission, stamp duty on
 * sells, transfer fee) rounded half up to the fen, the commission then raised to the minimum —
 * once per order however it fills. 0 when nothing filled.
 */
export function orderFeeOf(fees: FeeSchedule, direction: Direction, amount: number): number {
  if (amount <= 0) return 0;
  const units = BigInt(Math.round(amount * AMOUNT_UNIT));
  const commission = fenOf(units, fees.commissionRate);
  const minimum = BigInt(Math.round(fees.minCommission * 100));
  const stamp = direction === Direction.SHORT ? fenOf(units, fees.stampDutyRate) : 0n;
  const total = (commission > minimum ? commission : minimum) + stamp + fenOf(units, fees.transferFeeRate);
  return Number(total) / 100;
}

/** The fee of an order filled at once: {@link orderFeeOf} its value. */
export function feeOf(fees: FeeSchedule, direction: Direction, price: number, volume: number): number {
  return orderFeeOf(fees, direction, price * volume);
}
