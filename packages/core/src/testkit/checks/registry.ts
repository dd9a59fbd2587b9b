/**
 * The table of checks, in the order they run.
 *
 * @module
 */
import type { ConformanceCheckName, ConformanceTimeouts } from "../options.js";
import type { ConformanceSession } from "../session.js";
import { checkCancel, checkCancelFinished } from "./cancel.js";
import { checkClose } from "./close.js";
import { checkConnect } from "./connect.js";
import { checkFill } from "./fill.js";
import { checkImmutability } from "./immutability.js";
import { checkReady } from "./ready.js";
import { checkSendOrder } from "./send-order.js";
import { checkSettings } from "./settings.js";
import { checkTicks } from "./ticks.js";

/** One check of the kit. */
export interface ConformanceCheck {
  /** Its name, as used in `skip`. */
  readonly name: ConformanceCheckName;
  /** What it verifies, as a test title. */
  readonly title: string;
  /** Runs it; throws a `ConformanceError` or `WaitTimeoutError` on a violation. */
  readonly run: (session: ConformanceSession) => Promise<void>;
  /** An upper bound of its duration: every wait it may do (including a lazy connect), plus margin. */
  readonly timeout: (t: ConformanceTimeouts) => number;
}

// Room for the engine, the runner and slow machines on top of the awaited events.
const MARGIN_MS = 10_000;
const setup = (t: ConformanceTimeouts): number => t.connect + t.tick + MARGIN_MS;
const orderCycle = (t: ConformanceTimeouts): number => 4 * t.order + t.quietPeriod;

/** Every check, in run order. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = Object.freeze([
  {
    name: "settings",
    title: "connect() rejects bad settings with a SettingsError naming the key",
    run: checkSettings,
    timeout: (t) => t.close + MARGIN_MS,
  },
  {
    name: "connect",
    title: "connect() publishes contracts, an account, positions, a CONNECTED status and logs",
    run: checkConnect,
    timeout: (t) => 2 * t.connect + MARGIN_MS,
  },
  {
    name: "ready",
    title: "connect() ends in a READY status, after the contracts, account and positions",
    run: checkReady,
    timeout: (t) => 2 * t.connect + MARGIN_MS,
  },
  {
    name: "ticks",
    title: "subscribe() delivers valid ticks on eTick. and eTick.<vtSymbol>",
    run: checkTicks,
    timeout: (t) => setup(t) + t.tick,
  },
  {
    name: "sendOrder",
    title: "sendOrder() returns the vtOrderid at once; SUBMITTING comes before NOTTRADED",
    run: checkSendOrder,
    timeout: (t) => setup(t) + orderCycle(t),
  },
  {
    name: "fill",
    title: "a filling order reaches ALLTRADED with trades summing to its traded volume",
    run: checkFill,
    timeout: (t) => setup(t) + orderCycle(t) + 2 * t.fill,
  },
  {
    name: "cancel",
    title: "cancelOrder() of a resting order ends CANCELLED",
    run: checkCancel,
    timeout: (t) => setup(t) + orderCycle(t),
  },
  {
    name: "cancelFinished",
    title: "cancelOrder() of a finished order neither throws nor changes it",
    run: checkCancelFinished,
    timeout: (t) => setup(t) + orderCycle(t) + 2 * t.quietPeriod,
  },
  {
    name: "immutability",
    title: "pushed objects are frozen and never change; updates are new objects",
    run: checkImmutability,
    timeout: (t) => setup(t) + t.tick + orderCycle(t),
  },
  {
    name: "close",
    title: "close() resolves, stops publishing and leaves no sockets or timers",
    run: checkClose,
    timeout: (t) => setup(t) + t.close + t.quietPeriod + t.handles + t.close,
  },
] satisfies ConformanceCheck[]);
