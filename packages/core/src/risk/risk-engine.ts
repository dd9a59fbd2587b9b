/**
 * {@link RiskEngine}: the thin shell around {@link RiskCore} that MainEngine puts between its
 * `sendOrder`/`cancelOrder` and every gateway. It feeds the core from the event engine, pushes
 * refused orders as REJECTED, logs refusals once per burst, reports `eRisk` on the timer,
 * persists the day's counts, and runs the kill switch.
 *
 * @module
 */
import { LogLevel, Status } from "../constants.js";
import type { EventEngine, EventHandler } from "../event-engine.js";
import {
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_RISK,
  EVENT_TICK,
  EVENT_TIMER,
  EVENT_TRADE,
} from "../event-types.js";
import type { BaseGateway } from "../gateway.js";
import { createLog } from "../objects/log.js";
import { createOrderData, isActiveOrder, type OrderData, updateOrder } from "../objects/order.js";
import { type CancelRequest, createCancelRequest, type OrderRequest } from "../objects/requests.js";
import { chinaDayKey } from "./china-day.js";
import { RefusalLog } from "./refusal-log.js";
import type { RiskConfig } from "./risk-config.js";
import { RiskCore, type RiskStateChange } from "./risk-core.js";
import type { RiskCountStore } from "./risk-count-store.js";
import type { RiskRefusal } from "./risk-refusal.js";
import type { RiskSnapshot } from "./risk-snapshot.js";
import { TradingState } from "./trading-state.js";

/** Name under which the risk engine writes its log messages. */
export const RISK_ENGINE_NAME = "RiskEngine";

/**
 * How the order ids of refused orders begin (`risk-<start time>-<n>`, under the target gateway's
 * name). Such an order never reached its gateway, so the gateway's journal does not hold it.
 */
export const RISK_ORDERID_PREFIX = "risk-";

/** True for an order the risk engine refused (pushed REJECTED without reaching its gateway). */
export function isRiskRefusal(order: Pick<OrderData, "orderid">): boolean {
  return order.orderid.startsWith(RISK_ORDERID_PREFIX);
}

/** What the risk engine needs of its host (MainEngine): the gateways. */
export interface RiskEngineHost {
  /** Every gateway, to cancel their orders on a halt. */
  gateways(): Iterable<BaseGateway>;
}

/** Options of {@link RiskEngine}. */
export interface RiskEngineOptions {
  /** Keeps the day's counts across restarts (e.g. `SqliteJournal`). */
  readonly store?: RiskCountStore;
  /** The clock, epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

/** What {@link RiskEngine.halt} did. */
export interface HaltResult {
  /** Cancels sent, one per working order of every gateway. */
  readonly cancelsSent: number;
  /** Cancels a gateway threw on (reported in the log). */
  readonly cancelsFailed: number;
}

/**
 * Pre-trade risk for every gateway of a MainEngine (DESIGN §11). Create it through
 * `new MainEngine(undefined, { risk: {...} })`; reach it as `mainEngine.risk`.
 */
export class RiskEngine {
  /** The pure core: limits, counts and state. */
  readonly core: RiskCore;
  private readonly eventEngine: EventEngine;
  private readonly host: RiskEngineHost;
  private readonly store: RiskCountStore | undefined;
  private readonly now: () => number;
  private readonly refusalLog = new RefusalLog();
  private readonly registrations: Array<readonly [string, EventHandler]> = [];
  private stateReason = "";
  private rejectSeq = 0;
  private readonly rejectPrefix: string;
  private savedActions = -1;
  /** Orders a halt already cancelled after the broker acknowledged them. */
  private readonly haltCancelled = new Set<string>();

  /**
   * @param eventEngine - the engine the gateways publish on
   * @param config - validated limits (`parseRiskConfig`)
   * @param host - gives the gateways
   * @param options - store and clock
   */
  constructor(
    eventEngine: EventEngine,
    config: RiskConfig,
    host: RiskEngineHost,
    options: RiskEngineOptions = {},
  ) {
    this.eventEngine = eventEngine;
    this.host = host;
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.core = new RiskCore(config, this.now);
    this.rejectPrefix = `${RISK_ORDERID_PREFIX}${this.now().toString(36)}-`;
    const stored = this.store?.loadRiskCounts(chinaDayKey(this.now()));
    if (stored !== undefined) this.core.restoreDayCounts(stored);
    const on = <T extends string>(type: T, handler: EventHandler<T>): void => {
      eventEngine.register(type, handler);
      this.registrations.push([type, handler as unknown as EventHandler]);
    };
    on(EVENT_ORDER, (event) => this.onOrder(event.data));
    on(EVENT_TRADE, (event) => this.onStateChange(this.core.onTrade(event.data)));
    on(EVENT_POSITION, (event) => this.core.onPosition(event.data));
    on(EVENT_TICK, (event) =>
      this.onStateChange(this.core.onTick(event.data.vtSymbol, event.data.lastPrice)),
    );
    on(EVENT_TIMER, () => this.onTimer());
  }

  /** The trading state. */
  get state(): TradingState {
    return this.core.state;
  }

  /**
   * Checks an order and sends it through `gateway`, or pushes it REJECTED with the reason.
   * Either way returns its vtOrderid at once, as `BaseGateway.sendOrder` does.
   */
  sendOrder(req: OrderRequest, gateway: BaseGateway): string {
    // `enabled: false` turns the limits off, never the kill switch.
    if (!this.core.config.enabled && this.core.state !== TradingState.HALTED) return gateway.sendOrder(req);
    const why = this.core.checkOrder(req, gateway.gatewayName);
    if (why !== undefined) return this.reject(req, gateway.gatewayName, why);
    const vtOrderid = gateway.sendOrder(req);
    // "" is vnpy's "not sent": nothing will ever finish it, so it must not count as working.
    if (vtOrderid !== "") this.core.trackSent(vtOrderid, req, gateway.gatewayName);
    return vtOrderid;
  }

  /**
   * Checks a cancel and sends it through `gateway`.
   *
   * @returns undefined when sent, else the refusal (also logged once per burst and counted)
   */
  cancelOrder(req: CancelRequest, gateway: BaseGateway): RiskRefusal | undefined {
    if (!this.core.config.enabled) {
      gateway.cancelOrder(req);
      return undefined;
    }
    const why = this.core.checkCancel(req);
    if (why !== undefined) {
      this.logRefusal(why);
      return why;
    }
    gateway.cancelOrder(req);
    return undefined;
  }

  /** Sets the trading state by hand (e.g. back to ACTIVE after a halt). Publishes `eRisk`. */
  setState(state: TradingState, reason = "set by hand"): void {
    this.onStateChange(this.core.setState(state, reason));
  }

  /**
   * The kill switch: HALTED (no new order), then a cancel for every working order of every
   * gateway, past the cancel rate limits. Orders acknowledged later (sent just before the halt)
   * are cancelled when their acknowledgement arrives, for as long as the state stays HALTED.
   */
  halt(reason = "kill switch"): HaltResult {
    this.onStateChange(this.core.setState(TradingState.HALTED, reason));
    let cancelsSent = 0;
    let cancelsFailed = 0;
    const gateways = new Map<string, BaseGateway>();
    for (const gateway of this.host.gateways()) gateways.set(gateway.gatewayName, gateway);
    for (const book of this.core.book.all()) {
      for (const order of [...book.orders.values()]) {
        const gateway = gateways.get(order.gatewayName);
        if (gateway === undefined) continue;
        if (this.forceCancel(gateway, order)) cancelsSent += 1;
        else cancelsFailed += 1;
      }
    }
    this.writeLog(
      `Kill switch: trading HALTED (${reason}); ${cancelsSent} cancel(s) sent${cancelsFailed > 0 ? `, ${cancelsFailed} failed` : ""}`,
      LogLevel.WARNING,
    );
    this.publish();
    return { cancelsSent, cancelsFailed };
  }

  /**
   * Forgets one gateway's working orders and holdings; call it with `OmsEngine.clearGateway` when
   * the gateway was connected to another account. The day's counts stay (the exchanges count
   * per account, but what was sent today was sent).
   */
  clearGateway(gatewayName: string): void {
    this.core.book.clearGateway(gatewayName);
  }

  /** The current snapshot (what `eRisk` carries). */
  snapshot(): RiskSnapshot {
    const counts = this.core.dayCounts();
    return Object.freeze({
      state: this.core.state,
      stateReason: this.stateReason,
      limits: this.core.usage(),
      selfTradePrevention: this.core.config.selfTradePrevention,
      dailyPnl: this.core.book.dailyPnl,
      ordersToday: counts.orders,
      cancelsToday: counts.cancels,
      refusals: this.core.refusalCounts(),
      datetime: new Date(this.now()),
    });
  }

  /** Saves the day's counts and unregisters from the event engine. */
  dispose(): void {
    this.saveCounts();
    for (const [type, handler] of this.registrations) this.eventEngine.unregister(type, handler);
    this.registrations.length = 0;
  }

  private onOrder(order: OrderData): void {
    this.core.onOrder(order);
    // Orders acknowledged after a halt (sent just before it, or adopted) are cancelled on arrival.
    if (
      this.core.state !== TradingState.HALTED ||
      !isActiveOrder(order) ||
      order.status === Status.SUBMITTING
    )
      return;
    if (this.haltCancelled.has(order.vtOrderid)) return;
    const gateway = [...this.host.gateways()].find((g) => g.gatewayName === order.gatewayName);
    if (gateway === undefined) return;
    this.haltCancelled.add(order.vtOrderid);
    this.forceCancel(gateway, order);
  }

  private forceCancel(gateway: BaseGateway, order: Parameters<typeof createCancelRequest>[0]): boolean {
    const req = createCancelRequest(order);
    this.core.checkCancel(req, true);
    try {
      gateway.cancelOrder(req);
      return true;
    } catch (err) {
      this.writeLog(
        `Kill switch: cancel of ${gateway.gatewayName}.${order.orderid} failed: ${(err as Error).message}`,
        LogLevel.ERROR,
      );
      return false;
    }
  }

  private reject(req: OrderRequest, gatewayName: string, why: RiskRefusal): string {
    this.rejectSeq += 1;
    const order = updateOrder(createOrderData(req, `${this.rejectPrefix}${this.rejectSeq}`, gatewayName), {
      status: Status.REJECTED,
      statusMsg: why.message,
      datetime: new Date(this.now()),
    });
    this.eventEngine.put({ type: EVENT_ORDER, data: order });
    this.eventEngine.put({ type: `${EVENT_ORDER}${order.vtOrderid}`, data: order });
    this.logRefusal(why);
    return order.vtOrderid;
  }

  private logRefusal(why: RiskRefusal): void {
    const line = this.refusalLog.onRefusal(why, this.now());
    if (line !== undefined) this.writeLog(line, LogLevel.WARNING);
  }

  private onStateChange(change: RiskStateChange | undefined): void {
    if (change === undefined) return;
    this.stateReason = change.reason;
    if (change.to !== TradingState.HALTED) this.haltCancelled.clear();
    this.writeLog(`Trading state ${change.from} -> ${change.to}: ${change.reason}`, LogLevel.WARNING);
    this.publish();
  }

  private onTimer(): void {
    for (const line of this.refusalLog.flush(this.now())) this.writeLog(line, LogLevel.WARNING);
    this.saveCounts();
    this.publish();
  }

  private saveCounts(): void {
    if (this.store === undefined) return;
    const counts = this.core.dayCounts();
    const actions = counts.orders + counts.cancels;
    if (actions === this.savedActions) return;
    try {
      this.store.saveRiskCounts(chinaDayKey(this.now()), counts);
      this.savedActions = actions;
    } catch (err) {
      this.writeLog(`Could not save the day's risk counts: ${(err as Error).message}`, LogLevel.ERROR);
    }
  }

  private publish(): void {
    this.eventEngine.put({ type: EVENT_RISK, data: this.snapshot() });
  }

  private writeLog(msg: string, level: LogLevel): void {
    this.eventEngine.put({ type: EVENT_LOG, data: createLog({ gatewayName: RISK_ENGINE_NAME, msg, level }) });
  }
}
