import { LogLevel } from "./constants.js";
import { InvalidArgumentError } from "./errors.js";
import { EventRing } from "./event-ring.js";
import { EVENT_LOG, EVENT_TIMER, type Event } from "./event-types.js";
import { createLog } from "./objects/log.js";

/** A function called with each event of the type it is registered for. */
export type EventHandler<T extends string = string> = (event: Event<T>) => void;

/**
 * Called when a handler throws. `error` is whatever was thrown; `event` is the event being
 * delivered; `handler` is the handler that threw.
 */
export type HandlerErrorReporter = (error: unknown, event: Event, handler: EventHandler) => void;

/** Options of {@link EventEngine}. */
export interface EventEngineOptions {
  /** Seconds between two {@link EVENT_TIMER} events while the engine runs. Default 1. */
  readonly interval?: number;
  /**
   * Receives every error thrown by a handler. Default: `console.error` with the event type and
   * the handler's name. Whatever this does, the other handlers still run.
   */
  readonly onHandlerError?: HandlerErrorReporter;
  /**
   * Also publish each handler error as an {@link EVENT_LOG} event (level ERROR, gatewayName
   * `"EventEngine"`), so it shows in the log window. Default true. Errors thrown while
   * delivering an `eLog` event are never re-published, which rules out feedback loops.
   */
  readonly logHandlerErrors?: boolean;
}

/** Default seconds between timer events, as in vnpy. */
export const DEFAULT_TIMER_INTERVAL = 1;

// setInterval cannot wait longer than this many milliseconds.
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

const TIMER_EVENT: Event<typeof EVENT_TIMER> = Object.freeze({ type: EVENT_TIMER, data: undefined });

const NO_HANDLERS: readonly EventHandler[] = Object.freeze([]);

type EngineState = "idle" | "running" | "stopped";

interface FlushWaiter {
  readonly target: number;
  readonly resolve: () => void;
}

/**
 * Asynchronous publish/subscribe hub between gateways, the OMS and strategies (vnpy `EventEngine`,
 * without the thread: it runs on the Node event loop).
 *
 * Rules:
 * - **Asynchronous, FIFO.** `put()` only queues; events are delivered later, in `put` order. A
 *   handler never runs inside `put()`, so a handler that puts an event sees it delivered after
 *   the events already queued (never re-entrantly).
 * - **Batches.** The queue is drained in a loop: the first batch runs in a microtask right after
 *   the code that put the events; events put while a batch is being delivered form the next
 *   batch, which runs from `setImmediate`, so a chain of handlers putting events cannot starve
 *   I/O.
 * - **Order of handlers.** For each event: handlers registered for its exact type, in
 *   registration order, then general handlers, in registration order. Registering the same
 *   handler twice for a type (or twice as general) is ignored.
 * - **Registration during delivery.** Handler lists are copied on write: (un)registering inside
 *   a handler is safe and takes effect from the next event.
 * - **Errors.** A handler that throws is reported (see {@link EventEngineOptions}) and does not
 *   stop the other handlers or the engine.
 * - **Timer.** While running, an {@link EVENT_TIMER} event is put every `interval` seconds. The
 *   timer is unref'd: it never keeps the process alive by itself (open connections, servers or
 *   `MainEngine`'s `keepAlive` option decide that).
 * - **Before `start()`.** Events put before the first `start()` are queued and delivered, in
 *   order, once the engine starts.
 * - **Memory.** The queue (8 bytes a slot) keeps the slots a burst made it grow to, so a burst
 *   that recurs does not pay for growing again (copies into fresh old-generation memory, which
 *   can pull a full GC into the burst). It gives them back on the timer once the queue has stayed
 *   at most 1/8 of them for 10 timer periods in a row (10 s by default), down to the smallest
 *   power of two at least twice the longest queue of those periods and at least 1,024 slots
 *   (the thresholds live in `event-ring.ts`); `stop()` gives them back at once. Busy, it holds
 *   fewer than twice as many slots as the longest queue seen since it last shrank.
 * - **`stop()` discards.** `stop()` stops the timer and discards every event not yet delivered
 *   (including the rest of the batch in progress, when called from a handler); events put while
 *   stopped are discarded too. To deliver what is queued first, `await engine.flush()` and then
 *   `stop()`. A stopped engine can be started again.
 *
 * @example
 * ```ts
 * const engine = new EventEngine({ interval: 1 });
 * engine.register(EVENT_TICK, (event) => console.log(event.data.vtSymbol, event.data.lastPrice));
 * engine.start();
 * engine.put({ type: EVENT_TICK, data: tick });
 * ```
 */
export class EventEngine {
  /** Seconds between two timer events. */
  readonly interval: number;

  private readonly onHandlerError: HandlerErrorReporter;
  private readonly logHandlerErrors: boolean;

  // The very objects put, in order; a batch is the first `batchLeft` of them.
  private readonly queue = new EventRing<Event>();
  private handlers = new Map<string, readonly EventHandler[]>();
  private generalHandlers: readonly EventHandler[] = NO_HANDLERS;
  // The last type looked up and its handlers: a run of one type skips the Map. Reset by every
  // (un)registration, so it never outlives the copy-on-write list it points to.
  private cachedType: string | undefined = undefined;
  private cachedHandlers: readonly EventHandler[] = NO_HANDLERS;

  private state: EngineState = "idle";
  private scheduled = false;
  private draining = false;
  // Events of the batch in progress not delivered yet; stop() zeroes it to end the batch.
  private batchLeft = 0;
  private timer: NodeJS.Timeout | undefined;

  // Counters for flush(): events accepted by put(), and events delivered or discarded since.
  private accepted = 0;
  private settled = 0;
  private waiters: FlushWaiter[] = [];

  /**
   * @param options - timer interval and error reporting
   * @throws {@link InvalidArgumentError} when `interval` is not a positive number of seconds
   */
  constructor(options: EventEngineOptions = {}) {
    const interval = options.interval ?? DEFAULT_TIMER_INTERVAL;
    if (!(Number.isFinite(interval) && interval > 0 && interval * 1000 <= MAX_TIMER_DELAY_MS)) {
      throw new InvalidArgumentError(
        `EventEngine interval must be a positive number of seconds (at most ${Math.floor(MAX_TIMER_DELAY_MS / 1000)}), got ${String(interval)}`,
      );
    }
    this.interval = interval;
    this.onHandlerError = options.onHandlerError ?? reportToConsole;
    this.logHandlerErrors = options.logHandlerErrors ?? true;
  }

  /** True between `start()` and `stop()`. */
  get active(): boolean {
    return this.state === "running";
  }

  /** Number of events accepted by `put()` and not yet delivered or discarded. */
  get pending(): number {
    return this.accepted - this.settled;
  }

  /**
   * Starts delivering events (including any queued before) and starts the timer. Calling it on
   * a running engine does nothing.
   */
  start(): void {
    if (this.state === "running") return;
    this.state = "running";
    this.timer = setInterval(this.onTimer, this.interval * 1000);
    this.timer.unref();
    if (this.queue.size > 0) this.schedule();
  }

  /**
   * Stops the timer and delivery, and discards every event not yet delivered. Events put while
   * stopped are discarded as well. Safe to call from a handler and more than once.
   *
   * @returns the number of queued events discarded by this call
   */
  stop(): number {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    if (this.state === "stopped") return 0;
    this.state = "stopped";
    const discarded = this.queue.clear();
    // The batch in progress is accounted for, whole, by drain() when it ends.
    this.settled += discarded - this.batchLeft;
    this.batchLeft = 0;
    this.resolveWaiters();
    return discarded;
  }

  /**
   * Registers `handler` for events of exactly `type`. Registering the same handler for the same
   * type again is ignored. Takes effect from the next event delivered.
   *
   * @example
   * ```ts
   * engine.register(EVENT_ORDER, (event) => event.data.status);
   * engine.register(eventType(EVENT_TICK, "600000.SSE"), (event) => event.data.lastPrice);
   * ```
   */
  register<T extends string>(type: T, handler: EventHandler<T>): void {
    const list = this.handlers.get(type) ?? NO_HANDLERS;
    const h = handler as unknown as EventHandler;
    if (list.includes(h)) return;
    this.handlers.set(type, [...list, h]);
    this.cachedType = undefined;
  }

  /** Removes `handler` from `type`; does nothing if it was not registered. */
  unregister<T extends string>(type: T, handler: EventHandler<T>): void {
    const list = this.handlers.get(type);
    if (list === undefined) return;
    const h = handler as unknown as EventHandler;
    if (!list.includes(h)) return;
    const next = list.filter((registered) => registered !== h);
    if (next.length === 0) this.handlers.delete(type);
    else this.handlers.set(type, next);
    this.cachedType = undefined;
  }

  /**
   * Registers `handler` for every event, called after the type handlers. Registering the same
   * handler again is ignored.
   */
  registerGeneral(handler: EventHandler): void {
    if (this.generalHandlers.includes(handler)) return;
    this.generalHandlers = [...this.generalHandlers, handler];
  }

  /** Removes a general handler; does nothing if it was not registered. */
  unregisterGeneral(handler: EventHandler): void {
    if (!this.generalHandlers.includes(handler)) return;
    this.generalHandlers = this.generalHandlers.filter((registered) => registered !== handler);
  }

  /**
   * Queues an event for asynchronous delivery. Never calls a handler itself.
   * Before the first `start()` the event waits in the queue; while stopped it is discarded.
   */
  put<T extends string>(event: Event<T>): void {
    if (this.state === "stopped") return;
    this.queue.push(event as unknown as Event);
    this.accepted++;
    if (!this.scheduled && !this.draining && this.state === "running") {
      this.scheduled = true;
      queueMicrotask(this.drain);
    }
  }

  /**
   * Resolves once every event put before this call has been delivered (or discarded by `stop()`).
   * On an engine that has not started yet, it waits for `start()`.
   *
   * @example
   * ```ts
   * engine.put({ type: EVENT_LOG, data: log });
   * await engine.flush(); // every handler has seen the log
   * ```
   */
  flush(): Promise<void> {
    const target = this.accepted;
    if (this.settled >= target) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiters.push({ target, resolve });
    });
  }

  private readonly onTimer = (): void => {
    // The queue gives back a past burst's slots only after quiet timer periods (see EventRing).
    this.queue.trim();
    this.put(TIMER_EVENT);
  };

  private schedule(): void {
    if (this.scheduled || this.draining) return;
    this.scheduled = true;
    queueMicrotask(this.drain);
  }

  private readonly drain = (): void => {
    this.scheduled = false;
    if (this.state !== "running" || this.draining) return;
    const queue = this.queue;
    const size = queue.size;
    if (size === 0) return;
    this.draining = true;
    this.batchLeft = size;
    try {
      while (this.batchLeft > 0) {
        this.batchLeft--;
        this.dispatch(queue.shift()!);
      }
    } finally {
      this.batchLeft = 0;
      this.draining = false;
      this.settled += size;
      if (this.waiters.length > 0) this.resolveWaiters();
      if (this.state === "running" && queue.size > 0 && !this.scheduled) {
        // Later batches yield to I/O first.
        this.scheduled = true;
        setImmediate(this.drain);
      }
    }
  };

  private dispatch(event: Event): void {
    // Both lists are read before any handler runs: (un)registration applies from the next event.
    const type = event.type;
    let handlers = this.cachedHandlers;
    if (type !== this.cachedType) {
      handlers = this.handlers.get(type) ?? NO_HANDLERS;
      this.cachedType = type;
      this.cachedHandlers = handlers;
    }
    const general = this.generalHandlers;
    this.callEach(handlers, event);
    this.callEach(general, event);
  }

  private callEach(handlers: readonly EventHandler[], event: Event): void {
    for (let j = 0; j < handlers.length; j++) {
      const handler = handlers[j]!;
      try {
        handler(event);
      } catch (error) {
        this.reportHandlerError(error, event, handler);
      }
    }
  }

  private reportHandlerError(error: unknown, event: Event, handler: EventHandler): void {
    try {
      this.onHandlerError(error, event, handler);
    } catch (reporterError) {
      console.error("[tsgate] EventEngine: onHandlerError threw while reporting", error, reporterError);
    }
    if (this.logHandlerErrors && event.type !== EVENT_LOG) {
      this.put({
        type: EVENT_LOG,
        data: createLog({
          gatewayName: "EventEngine",
          level: LogLevel.ERROR,
          msg: `Handler ${handlerName(handler)} threw on event "${event.type}": ${errorText(error)}`,
        }),
      });
    }
  }

  private resolveWaiters(): void {
    while (this.waiters.length > 0 && this.waiters[0]!.target <= this.settled) {
      this.waiters.shift()!.resolve();
    }
  }
}

function handlerName(handler: EventHandler): string {
  return handler.name === "" ? "<anonymous>" : handler.name;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reportToConsole(error: unknown, event: Event, handler: EventHandler): void {
  console.error(
    `[tsgate] EventEngine: handler ${handlerName(handler)} threw on event "${event.type}":`,
    error,
  );
}
