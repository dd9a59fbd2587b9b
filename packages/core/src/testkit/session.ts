import { EventEngine } from "../event-engine.js";
import { EVENT_CONTRACT, EVENT_ORDER, EVENT_TICK, EVENT_TRADE } from "../event-types.js";
import type { BaseGateway } from "../gateway.js";
import type { ContractData } from "../objects/contract.js";
import { isActiveOrder, type OrderData } from "../objects/order.js";
import { createCancelRequest, createSubscribeRequest, type OrderRequest } from "../objects/requests.js";
import type { TickData } from "../objects/tick.js";
import type { TradeData } from "../objects/trade.js";
import { ConformanceError, WaitTimeoutError } from "./errors.js";
import { showStatuses, showValue } from "./messages.js";
import {
  type ConformanceOptions,
  type ResolvedConformanceOptions,
  resolveConformanceOptions,
} from "./options.js";
import { EventRecorder } from "./recorder.js";
import { ResourceTracker } from "./resource-tracker.js";
import { type ResourceCounts, sampleActiveResources } from "./resources.js";

/**
 * One gateway under test: its own started {@link EventEngine}, the gateway, and an
 * {@link EventRecorder} of everything it published. The check functions (`checkConnect`, ...)
 * take a session; it connects and subscribes lazily, once, so any check can run first or alone.
 *
 * Create it with {@link createConformanceSession} after the harness is started, and
 * {@link ConformanceSession.dispose} it at the end.
 */
export class ConformanceSession {
  /** The options, with defaults applied and the setting resolved. */
  readonly options: ResolvedConformanceOptions;
  /** The engine the gateway publishes on (started). */
  readonly eventEngine: EventEngine;
  /** The gateway under test. */
  readonly gateway: BaseGateway;
  /** Every event the engine delivered since the session was created. */
  readonly recorder: EventRecorder;
  /** The timers, sockets and other handles created by the gateway and its engine. */
  readonly resources: ResourceTracker;
  /** Process-wide active resources counted just before `connect()`; context for the `close` check. */
  resourcesBeforeConnect: ResourceCounts | undefined;
  /** Set when `connect()` returned a promise that rejected (it should throw or return void). */
  connectRejection: unknown;

  private connecting: Promise<ContractData> | undefined;
  private subscribing: Promise<TickData> | undefined;
  private closing: Promise<void> | undefined;

  /** Prefer {@link createConformanceSession}. */
  constructor(options: ResolvedConformanceOptions) {
    this.options = options;
    this.resources = new ResourceTracker();
    this.resources.enable();
    this.eventEngine = new EventEngine();
    this.recorder = new EventRecorder(this.eventEngine);
    try {
      // The engine runs the gateway's handlers: resources they create count as the gateway's.
      this.gateway = this.asGateway(() => {
        this.eventEngine.start();
        return options.createGateway(this.eventEngine);
      });
      if (this.gateway.eventEngine !== this.eventEngine) {
        throw new ConformanceError(
          "session",
          "createGateway(eventEngine) returned a gateway bound to another EventEngine; pass the given engine to the constructor",
        );
      }
    } catch (error) {
      this.eventEngine.stop();
      this.resources.disable();
      throw error;
    }
  }

  /**
   * Runs `fn` on behalf of the gateway: timers, sockets and other handles created by it, directly
   * or later in their callbacks, are attributed to the gateway by the `close` check. Call every
   * gateway method through it.
   *
   * @example
   * ```ts
   * session.asGateway(() => session.gateway.cancelOrder(createCancelRequest(order)));
   * ```
   */
  asGateway<T>(fn: () => T): T {
    return this.resources.run(fn);
  }

  /** The gateway's instance name. */
  get gatewayName(): string {
    return this.gateway.gatewayName;
  }

  /** The harness instrument, e.g. `"600000.SSE"`. */
  get vtSymbol(): string {
    return this.options.harness.symbol;
  }

  /** True once {@link ConformanceSession.close} was called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /**
   * Connects the gateway with the configured setting (once) and resolves with the contract of
   * the harness instrument.
   */
  connect(): Promise<ContractData> {
    this.connecting ??= this.startConnect();
    return this.connecting;
  }

  /** Connects (once), subscribes to the harness instrument (once) and resolves with its first tick. */
  subscribe(): Promise<TickData> {
    this.subscribing ??= this.startSubscribe();
    return this.subscribing;
  }

  /** The latest tick of the harness instrument, after {@link ConformanceSession.subscribe}. */
  latestTick(): TickData {
    const tick = this.recorder.dataOf(`${EVENT_TICK}${this.vtSymbol}`).at(-1);
    if (tick === undefined) throw new ConformanceError("ticks", `no tick of ${this.vtSymbol} received yet`);
    return tick;
  }

  /** Every `eOrder.` snapshot of `vtOrderid` recorded so far, in order. */
  orderUpdates(vtOrderid: string): OrderData[] {
    return this.recorder.dataOf(EVENT_ORDER).filter((order) => order.vtOrderid === vtOrderid);
  }

  /** Every `eTrade.` of `vtOrderid` recorded so far, in order. */
  tradesOf(vtOrderid: string): TradeData[] {
    return this.recorder.dataOf(EVENT_TRADE).filter((trade) => trade.vtOrderid === vtOrderid);
  }

  /**
   * Calls `gateway.sendOrder(req)` and checks it returned this gateway's vtOrderid synchronously.
   *
   * @param check - the check to blame on failure
   */
  sendOrder(req: OrderRequest, check: string): string {
    let result: unknown;
    try {
      result = this.asGateway(() => this.gateway.sendOrder(req));
    } catch (error) {
      throw new ConformanceError(
        check,
        `sendOrder(${showValue(req)}) threw ${errorText(error)}; failures after local checks must come back as a REJECTED order, not an exception`,
        { cause: error },
      );
    }
    if (typeof result !== "string" || !result.startsWith(`${this.gatewayName}.`)) {
      throw new ConformanceError(
        check,
        `sendOrder() must return the vtOrderid ("${this.gatewayName}.<orderid>") synchronously, got ${showValue(result)}${isThenable(result) ? " (a promise)" : ""}`,
      );
    }
    return result;
  }

  /**
   * Waits for an order snapshot of `vtOrderid` matching `predicate`; the timeout message lists
   * the statuses seen.
   */
  waitForOrder(
    vtOrderid: string,
    predicate: (order: OrderData) => boolean,
    what: string,
    timeoutMs = this.options.timeouts.order,
  ): Promise<OrderData> {
    return this.recorder
      .waitUntil(
        () => this.orderUpdates(vtOrderid).some(predicate),
        timeoutMs,
        `order ${vtOrderid} to ${what}`,
        () => `Statuses of ${vtOrderid} seen: ${showStatuses(this.orderUpdates(vtOrderid))}.`,
      )
      .then(() => this.orderUpdates(vtOrderid).find(predicate)!);
  }

  /** The latest snapshot of `vtOrderid`, if any. */
  latestOrder(vtOrderid: string): OrderData | undefined {
    return this.orderUpdates(vtOrderid).at(-1);
  }

  /**
   * Best effort clean-up: cancels `vtOrderid` if it is still active and waits for it to finish.
   * Never throws: the `cancel` check is where cancelling is judged.
   */
  async cancelQuietly(vtOrderid: string): Promise<void> {
    const order = this.latestOrder(vtOrderid);
    if (order === undefined || !isActiveOrder(order)) return;
    try {
      this.asGateway(() => this.gateway.cancelOrder(createCancelRequest(order)));
      await this.waitForOrder(vtOrderid, (o) => !isActiveOrder(o), "finish after a clean-up cancel");
    } catch {
      // Judged by the cancel check.
    }
  }

  /**
   * Calls `gateway.close()` (once) and resolves when it settles; rejects with a
   * {@link WaitTimeoutError} when it takes longer than the `close` timeout.
   */
  close(): Promise<void> {
    this.closing ??= this.startClose();
    return this.closing;
  }

  /**
   * Closes the gateway if not yet closed (ignoring failures), then stops the engine, the recorder
   * and the resource tracking.
   */
  async dispose(): Promise<void> {
    try {
      await this.close();
    } catch {
      // Reported by the close check when it runs.
    }
    await this.eventEngine.flush();
    this.eventEngine.stop();
    this.recorder.stop();
    this.resources.disable();
  }

  private async startConnect(): Promise<ContractData> {
    this.resourcesBeforeConnect = await sampleActiveResources();
    let result: unknown;
    try {
      result = this.asGateway(() => this.gateway.connect(this.options.setting));
    } catch (error) {
      throw new ConformanceError("connect", `connect() threw ${errorText(error)}`, { cause: error });
    }
    if (isThenable(result)) {
      result.then(undefined, (error: unknown) => {
        this.connectRejection = error;
      });
    }
    return this.recorder.waitFor(
      EVENT_CONTRACT,
      (contract) => contract.vtSymbol === this.vtSymbol,
      this.options.timeouts.connect,
      `the contract of ${this.vtSymbol} after connect() (harness.symbol must be an instrument the gateway reports)`,
    );
  }

  private async startSubscribe(): Promise<TickData> {
    const contract = await this.connect();
    const specific = `${EVENT_TICK}${this.vtSymbol}` as const;
    try {
      const req = createSubscribeRequest({ symbol: contract.symbol, exchange: contract.exchange });
      this.asGateway(() => this.gateway.subscribe(req));
    } catch (error) {
      throw new ConformanceError("ticks", `subscribe(${this.vtSymbol}) threw ${errorText(error)}`, {
        cause: error,
      });
    }
    return this.recorder.waitFor(
      specific,
      () => true,
      this.options.timeouts.tick,
      `a tick on "${specific}" after subscribe(${this.vtSymbol})`,
    );
  }

  private async startClose(): Promise<void> {
    let result: unknown;
    try {
      result = this.asGateway(() => this.gateway.close());
    } catch (error) {
      throw new ConformanceError("close", `close() threw ${errorText(error)}`, { cause: error });
    }
    if (!isThenable(result)) return;
    const timeoutMs = this.options.timeouts.close;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WaitTimeoutError("the promise returned by close() to settle", timeoutMs, "")),
        timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.resolve(result), timeout]);
    } catch (error) {
      if (error instanceof WaitTimeoutError) throw error;
      throw new ConformanceError("close", `close() rejected with ${errorText(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Creates a {@link ConformanceSession}: a started event engine, the gateway (not yet connected)
 * and a recorder. Start the harness first when the setting is a function of it.
 *
 * @throws `InvalidArgumentError` for unusable options
 */
export function createConformanceSession(options: ConformanceOptions): ConformanceSession {
  return new ConformanceSession(resolveConformanceOptions(options));
}

/** `Error: message` for errors, the JSON of anything else. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : showValue(error);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function"
  );
}
