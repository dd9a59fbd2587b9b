/**
 * Test helpers to collect events of one type and to await one, with timeout messages that say
 * what was awaited and what arrived instead.
 *
 * @module
 */
import type { EventEngine, EventHandler } from "../event-engine.js";
import type { Event, EventData } from "../event-types.js";
import { WaitTimeoutError } from "./errors.js";
import { describeArrivals, type SeenEvent, showValue } from "./messages.js";

/** Default timeout of {@link waitForEvent} and {@link EventCollector.waitFor}, in milliseconds. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10_000;

// Bounds the memory a long wait spends on remembering other events for its timeout message.
const MAX_REMEMBERED_EVENTS = 10_000;

/** Events of one type, collected as they are delivered. Create with {@link collectEvents}. */
export interface EventCollector<T extends string> {
  /** The collected event type. */
  readonly type: T;
  /** Data of every event of {@link EventCollector.type} delivered since collection started, in order. */
  readonly items: readonly EventData<T>[];
  /**
   * Resolves with the first collected item matching `predicate`, already collected or still to
   * come; rejects with a {@link WaitTimeoutError} after `timeoutMs`.
   *
   * @param predicate - which item to wait for; default: any
   * @param timeoutMs - default {@link DEFAULT_WAIT_TIMEOUT_MS}
   * @param what - describes the predicate in the timeout message, e.g. `"status CANCELLED"`
   */
  waitFor(
    predicate?: (data: EventData<T>) => boolean,
    timeoutMs?: number,
    what?: string,
  ): Promise<EventData<T>>;
  /** Stops collecting (unregisters the handler). Pending waits still time out normally. */
  stop(): void;
}

interface Waiter<T extends string> {
  readonly predicate: (data: EventData<T>) => boolean;
  readonly resolve: (data: EventData<T>) => void;
}

/**
 * Starts collecting the events of exactly `type` delivered by `eventEngine` from now on.
 *
 * @example
 * ```ts
 * const orders = collectEvents(engine, EVENT_ORDER);
 * const vtOrderid = gateway.sendOrder(req);
 * const cancelled = await orders.waitFor(
 *   (o) => o.vtOrderid === vtOrderid && o.status === Status.CANCELLED, 5_000, `${vtOrderid} CANCELLED`,
 * );
 * orders.stop();
 * ```
 */
export function collectEvents<T extends string>(eventEngine: EventEngine, type: T): EventCollector<T> {
  const items: EventData<T>[] = [];
  const waiters = new Set<Waiter<T>>();
  const handler: EventHandler<T> = (event: Event<T>) => {
    items.push(event.data);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(event.data)) {
        waiters.delete(waiter);
        waiter.resolve(event.data);
      }
    }
  };
  eventEngine.register(type, handler);

  return {
    type,
    items,
    waitFor(predicate = () => true, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS, what?: string) {
      const found = items.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      const others: SeenEvent[] = [];
      const watchOthers: EventHandler = (event) => {
        if (event.type !== type && others.length < MAX_REMEMBERED_EVENTS) others.push(event);
      };
      eventEngine.registerGeneral(watchOthers);
      const countBefore = items.length;
      return new Promise<EventData<T>>((resolve, reject) => {
        const waiter: Waiter<T> = {
          predicate,
          resolve: (data) => {
            clearTimeout(timer);
            eventEngine.unregisterGeneral(watchOthers);
            resolve(data);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          eventEngine.unregisterGeneral(watchOthers);
          const awaited = `a "${type}" event${what === undefined ? "" : ` (${what})`}`;
          const arrivedOfType = items.length - countBefore;
          const ofType =
            arrivedOfType === 0
              ? `No "${type}" event arrived.`
              : `${arrivedOfType} "${type}" event(s) arrived but none matched; the last: ${showValue(items.at(-1))}.`;
          reject(new WaitTimeoutError(awaited, timeoutMs, `${ofType} ${describeArrivals(others)}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop() {
      eventEngine.unregister(type, handler);
    },
  };
}

/**
 * Resolves with the data of the first event of `type` delivered from now on that matches
 * `predicate`; rejects with a {@link WaitTimeoutError} after `timeoutMs`, whose message names the
 * awaited event and lists what arrived instead (counts by type, last logs and status changes).
 *
 * Call it before triggering the event: events delivered before the call are not seen.
 *
 * @param eventEngine - the engine to listen on
 * @param type - the exact event type, e.g. `EVENT_ORDER` or `` `${EVENT_TICK}600000.SSE` ``
 * @param predicate - which event to wait for; default: any
 * @param timeoutMs - default {@link DEFAULT_WAIT_TIMEOUT_MS}
 * @param what - describes the predicate in the timeout message
 *
 * @example
 * ```ts
 * const tick = waitForEvent(engine, `${EVENT_TICK}600000.SSE`, (t) => t.askPrice1 > 0, 10_000, "a quoted tick");
 * gateway.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }));
 * console.log((await tick).askPrice1);
 * ```
 */
export async function waitForEvent<T extends string>(
  eventEngine: EventEngine,
  type: T,
  predicate?: (data: EventData<T>) => boolean,
  timeoutMs: number = DEFAULT_WAIT_TIMEOUT_MS,
  what?: string,
): Promise<EventData<T>> {
  const collector = collectEvents(eventEngine, type);
  try {
    return await collector.waitFor(predicate, timeoutMs, what);
  } finally {
    collector.stop();
  }
}
