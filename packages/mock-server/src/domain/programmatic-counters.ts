/**
 * Programmatic-trading counters per account, as a broker keeps them under the 2025 rules: orders
 * plus cancels per exchange second (the peak) and per day, and instant cancels. Crossing 80% of a
 * high-frequency threshold gives one Warning notice a day, reaching it one Critical notice. Pure:
 * times come in as `HHMMSSmmm`, nothing is sent from here.
 */
import { RiskCode, RiskLevel } from "../protocol/messages.js";
import {
  HIGH_FREQUENCY_PER_DAY,
  HIGH_FREQUENCY_PER_SECOND,
  HIGH_FREQUENCY_WARN_FRACTION,
  INSTANT_CANCEL_MS,
} from "./constants.js";
import { fitMessage } from "./message-text.js";

/** One account's counters for one trading day. */
export interface ProgrammaticCounts {
  readonly tradingDay: number;
  readonly orders: number;
  readonly cancels: number;
  /** Cancels sent within 1 s (`INSTANT_CANCEL_MS`) of their order. */
  readonly instantCancels: number;
  /** Orders + cancels today. */
  readonly total: number;
  /** Highest orders + cancels in one exchange second today. */
  readonly peakPerSecond: number;
  /** Reached 300 in a second or 20,000 in the day. */
  readonly highFrequency: boolean;
}

/** A notice for the account's sessions (a `RISK_NOTIFY`). */
export interface RiskNotice {
  readonly level: RiskLevel;
  readonly code: RiskCode;
  readonly message: string;
}

interface State {
  tradingDay: number;
  orders: number;
  cancels: number;
  instantCancels: number;
  second: number;
  inSecond: number;
  peakPerSecond: number;
  /** `${code}:${level}` of the notices already given today. */
  notified: Set<string>;
}

/** Milliseconds since midnight of `HHMMSSmmm`. */
function msOfDay(time: number): number {
  const h = Math.floor(time / 10_000_000);
  const m = Math.floor(time / 100_000) % 100;
  const s = Math.floor(time / 1_000) % 100;
  return ((h * 60 + m) * 60 + s) * 1_000 + (time % 1_000);
}

const WARN_PER_SECOND = Math.ceil(HIGH_FREQUENCY_PER_SECOND * HIGH_FREQUENCY_WARN_FRACTION);
const WARN_PER_DAY = Math.ceil(HIGH_FREQUENCY_PER_DAY * HIGH_FREQUENCY_WARN_FRACTION);

/** The counters of every account. */
export class ProgrammaticCounters {
  private readonly accounts = new Map<string, State>();

  private state(accountId: string, tradingDay: number): State {
    let s = this.accounts.get(accountId);
    if (s === undefined || s.tradingDay !== tradingDay) {
      s = {
        tradingDay,
        orders: 0,
        cancels: 0,
        instantCancels: 0,
        second: -1,
        inSecond: 0,
        peakPerSecond: 0,
        notified: new Set(),
      };
      this.accounts.set(accountId, s);
    }
    return s;
  }

  /**
   * Counts an order (`orderTime` undefined) or a cancel of an order created at `orderTime`, at
   * `time` (`HHMMSSmmm`) of `tradingDay`; returns the notices it triggers (usually none).
   */
  record(accountId: string, tradingDay: number, time: number, orderTime?: number): RiskNotice[] {
    const s = this.state(accountId, tradingDay);
    if (orderTime === undefined) s.orders += 1;
    else {
      s.cancels += 1;
      if (msOfDay(time) - msOfDay(orderTime) < INSTANT_CANCEL_MS) s.instantCancels += 1;
    }
    const second = Math.floor(time / 1_000);
    if (second !== s.second) {
      s.second = second;
      s.inSecond = 0;
    }
    s.inSecond += 1;
    s.peakPerSecond = Math.max(s.peakPerSecond, s.inSecond);
    const total = s.orders + s.cancels;
    const notices: RiskNotice[] = [];
    const check = (code: RiskCode, count: number, warnAt: number, limit: number, what: string) => {
      const level = count >= limit ? RiskLevel.Critical : count >= warnAt ? RiskLevel.Warning : undefined;
      if (level === undefined || s.notified.has(`${code}:${level}`)) return;
      s.notified.add(`${code}:${level}`);
      notices.push({
        level,
        code,
        message:
          level === RiskLevel.Critical
            ? fitMessage(
                `high-frequency trading: ${count} orders + cancels ${what} reach the threshold of ${limit} (2025 programmatic-trading rules)`,
              )
            : fitMessage(
                `approaching high-frequency trading: ${count} orders + cancels ${what}, threshold ${limit}`,
              ),
      });
    };
    check(
      RiskCode.REQUESTS_PER_SECOND,
      s.inSecond,
      WARN_PER_SECOND,
      HIGH_FREQUENCY_PER_SECOND,
      "in one second",
    );
    check(RiskCode.REQUESTS_PER_DAY, total, WARN_PER_DAY, HIGH_FREQUENCY_PER_DAY, "today");
    return notices;
  }

  /** The account's counters for `tradingDay` (zeros when it sent nothing). */
  counts(accountId: string, tradingDay: number): ProgrammaticCounts {
    const s = this.accounts.get(accountId);
    const today = s !== undefined && s.tradingDay === tradingDay ? s : undefined;
    const orders = today?.orders ?? 0;
    const cancels = today?.cancels ?? 0;
    const peakPerSecond = today?.peakPerSecond ?? 0;
    return {
      tradingDay,
      orders,
      cancels,
      instantCancels: today?.instantCancels ?? 0,
      total: orders + cancels,
      peakPerSecond,
      highFrequency: peakPerSecond >= HIGH_FREQUENCY_PER_SECOND || orders + cancels >= HIGH_FREQUENCY_PER_DAY,
    };
  }
}
