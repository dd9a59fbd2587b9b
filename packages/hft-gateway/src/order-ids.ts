/**
 * Local order ids (the broker's client order id, `cl_order_id`) that stay unique across restarts
 * of the process and across processes trading the same account.
 *
 * Scheme: `yyMMddHHmmss` + `PPPPPPP` + `NNNN…`
 * - `yyMMddHHmmss`: the time the generator was created, in China Standard Time (UTC+8, no daylight
 *   saving, so the clock never repeats an hour);
 * - `PPPPPPP`: the process id, zero-padded to 7 digits (Linux pids are at most 4,194,304; macOS
 *   and Windows use fewer digits);
 * - `NNNN…`: a counter from 1, zero-padded to at least 4 digits, growing past 9999 as needed.
 *
 * Why this never collides: the first two parts have a fixed width, so two ids are equal only when
 * both parts and the counter are equal. Two processes alive at the same time have different pids;
 * a process started later has a later creation second (one process cannot end and a new one
 * start under the same pid within the same second). Within one generator the counter only grows.
 * The id is at most 12 + 7 + 9 = 28 characters, within the 31 a `char[32]` holds, digits only
 * (no dot, so vtOrderid `HFT.<orderid>` stays unambiguous), and sorts by creation time as text
 * while the counter stays within 4 digits.
 *
 * With an order journal the generator resumes the journalled prefix and counter instead: a
 * restarted process continues the day's sequence, and every id is saved before it is used.
 *
 * @module
 */
import { CHINA_UTC_OFFSET_MS } from "./constants.js";

/** Width of the process-id part. */
export const PID_DIGITS = 7;
/** Minimum width of the counter part. */
export const COUNTER_DIGITS = 4;
/** Largest pid that fits {@link PID_DIGITS}; larger ones are folded into it. */
const PID_MODULUS = 10 ** PID_DIGITS;

/** Options of {@link OrderIdGenerator}: inject the clock and pid in tests. */
export interface OrderIdGeneratorOptions {
  /** Current time; default `new Date()`. Read once, at construction. */
  readonly now?: () => Date;
  /** Process id; default `process.pid`. */
  readonly pid?: number;
  /** Continue an earlier generator (from the order journal): ids up to `prefix + counter` are taken. */
  readonly resume?: { readonly prefix: string; readonly counter: number } | undefined;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** `yyMMddHHmmss` of `date` in China Standard Time. */
export function chinaTimestamp(date: Date): string {
  const t = new Date(date.getTime() + CHINA_UTC_OFFSET_MS);
  return (
    pad(t.getUTCFullYear() % 100, 2) +
    pad(t.getUTCMonth() + 1, 2) +
    pad(t.getUTCDate(), 2) +
    pad(t.getUTCHours(), 2) +
    pad(t.getUTCMinutes(), 2) +
    pad(t.getUTCSeconds(), 2)
  );
}

/** Makes local order ids; see the module documentation for the scheme. */
export class OrderIdGenerator {
  /** The fixed part of every id of this generator: creation time and pid. */
  readonly prefix: string;
  private counter = 0;

  constructor(options: OrderIdGeneratorOptions = {}) {
    if (options.resume !== undefined) {
      this.prefix = options.resume.prefix;
      this.counter = options.resume.counter;
      return;
    }
    const now = options.now?.() ?? new Date();
    const pid = Math.abs(Math.trunc(options.pid ?? process.pid)) % PID_MODULUS;
    this.prefix = chinaTimestamp(now) + pad(pid, PID_DIGITS);
  }

  /** The next id, e.g. `"2511260930150012345" + "0001"`. */
  next(): string {
    this.counter += 1;
    return this.prefix + pad(this.counter, COUNTER_DIGITS);
  }

  /** The id {@link OrderIdGenerator.next} would return, without taking it. */
  peek(): string {
    return this.prefix + pad(this.counter + 1, COUNTER_DIGITS);
  }

  /** The counter of the last id made (with `resume`, counting the earlier generator's ids). */
  get count(): number {
    return this.counter;
  }
}
