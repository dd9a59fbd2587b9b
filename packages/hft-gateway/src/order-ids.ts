/**
 * Local order ids (the broker's client order id, `cl_order_id`) that stay unique across restarts
 * of the process and across processes and engines trading the same account.
 *
 * Scheme: `yyMMddHHmmss` + `EEEEEEEEEE` + `NNNN…`
 * - `yyMMddHHmmss`: the time the generator was created, in China Standard Time (UTC+8, no daylight
 *   saving, so the clock never repeats an hour);
 * - `EEEEEEEEEE`: 10 random digits drawn once per generator from the operating system's CSPRNG
 *   (`crypto.randomInt`);
 * - `NNNN…`: a counter from 1, zero-padded to at least 4 digits, growing past 9999 as needed.
 *
 * Why not the process id (the earlier scheme): in containers the entrypoint is PID 1 in every
 * container, and two engines in one process share a pid, so `time + pid` repeated whenever two of
 * them started in the same second (issue 18.2). Entropy survives containers and hosts:
 * - two generators in one process never share a prefix: each prefix is registered here and a drawn
 *   one already taken is moved to the next free value;
 * - two processes (or hosts, or containers) starting in the same second share a prefix with
 *   probability 10⁻¹⁰ per pair; a process started in a later second has a later timestamp.
 *
 * The first two parts have a fixed width, so two ids are equal only when both parts and the
 * counter are equal; within one generator the counter only grows. The id is at most
 * 12 + 10 + 9 = 31 characters, exactly what a `char[32]` holds ({@link MAX_CL_ORDER_ID_BYTES}),
 * digits only (no dot, so vtOrderid `HFT.<orderid>` stays unambiguous), and sorts by creation time
 * as text. Should the broker still report a client order id as taken (code 2012), the order ends
 * REJECTED with that reason (see `reconciliation.ts`).
 *
 * With an order journal the generator resumes the journalled prefix and counter instead: a
 * restarted process continues the day's sequence, and every id is saved before it is used.
 *
 * @module
 */
import { randomInt } from "node:crypto";
import { CHINA_UTC_OFFSET_MS, MAX_CL_ORDER_ID_BYTES } from "./constants.js";

/** Width of the timestamp part. */
const TIMESTAMP_DIGITS = 12;
/** Width of the entropy part. */
export const ENTROPY_DIGITS = 10;
/** Minimum width of the counter part. */
export const COUNTER_DIGITS = 4;
/** Number of distinct entropy values. */
const ENTROPY_VALUES = 10 ** ENTROPY_DIGITS;
/** Largest counter whose id still fits `cl_order_id`. */
const MAX_COUNTER = 10 ** (MAX_CL_ORDER_ID_BYTES - TIMESTAMP_DIGITS - ENTROPY_DIGITS) - 1;

/** Prefixes in use by generators of this process: a second generator never reuses one. */
const prefixesInUse = new Set<string>();

/** Options of the gateway's order id generator (`HftGatewayOptions.orderIds`): inject the clock and the entropy in tests. */
export interface OrderIdGeneratorOptions {
  /** Current time; default `new Date()`. Read once, at construction. */
  readonly now?: () => Date;
  /** Entropy, an integer in [0, 10¹⁰); default: drawn from `crypto.randomInt`. Read once. */
  readonly entropy?: () => number;
  /** Continue an earlier generator (from the order journal): ids up to `prefix + counter` are taken. */
  readonly resume?: { readonly prefix: string; readonly counter: number } | undefined;
}

/** Thrown when a generator has made every id that fits `cl_order_id`. */
export class OrderIdsExhaustedError extends Error {
  readonly code = "ORDER_IDS_EXHAUSTED";
  constructor(prefix: string) {
    super(
      `order ids of prefix ${prefix} are exhausted: ${MAX_COUNTER} ids fit the ${MAX_CL_ORDER_ID_BYTES} ` +
        "characters of cl_order_id; reconnect in a new gateway to start a new prefix",
    );
    this.name = "OrderIdsExhaustedError";
  }
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

/** A prefix of this timestamp no other generator of this process holds, starting at `entropy`. */
function freePrefix(timestamp: string, entropy: number): string {
  let value = ((Math.trunc(entropy) % ENTROPY_VALUES) + ENTROPY_VALUES) % ENTROPY_VALUES;
  for (;;) {
    const prefix = timestamp + pad(value, ENTROPY_DIGITS);
    if (!prefixesInUse.has(prefix)) return prefix;
    value = (value + 1) % ENTROPY_VALUES;
  }
}

/** Makes local order ids; see the module documentation for the scheme. */
export class OrderIdGenerator {
  /** The fixed part of every id of this generator: creation time and entropy. */
  readonly prefix: string;
  private counter = 0;

  constructor(options: OrderIdGeneratorOptions = {}) {
    if (options.resume !== undefined) {
      this.prefix = options.resume.prefix;
      this.counter = options.resume.counter;
    } else {
      const now = options.now?.() ?? new Date();
      const entropy = options.entropy?.() ?? randomInt(ENTROPY_VALUES);
      this.prefix = freePrefix(chinaTimestamp(now), entropy);
    }
    prefixesInUse.add(this.prefix);
  }

  /**
   * The next id, e.g. `"251126093015" + "4821730956" + "0001"`.
   *
   * @throws {@link OrderIdsExhaustedError} after 999,999,999 ids (they would not fit cl_order_id)
   */
  next(): string {
    if (this.counter >= MAX_COUNTER) throw new OrderIdsExhaustedError(this.prefix);
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
