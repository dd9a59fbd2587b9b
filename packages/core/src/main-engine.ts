import { type Exchange, LogLevel } from "./constants.js";
import { EngineClosedError, GatewayExistsError, GatewayNotFoundError } from "./errors.js";
import { EventEngine } from "./event-engine.js";
import { EVENT_LOG } from "./event-types.js";
import type { BaseGateway, GatewayClass, GatewaySetting } from "./gateway.js";
import type { GatewayStatusData } from "./objects/gateway-status.js";
import { createLog } from "./objects/log.js";
import type { CancelRequest, OrderRequest, SubscribeRequest } from "./objects/requests.js";
import { OmsEngine, type OmsEngineOptions } from "./oms.js";
import { OmsForwarder } from "./oms-forwarder.js";
import { waitForGatewayReady } from "./ready-wait.js";
import { parseRiskConfig, type RiskConfigInput } from "./risk/risk-config.js";
import type { RiskCountStore } from "./risk/risk-count-store.js";
import { RiskEngine } from "./risk/risk-engine.js";
import type { SettingDefaults } from "./settings.js";

/** Options of {@link MainEngine}. */
export interface MainEngineOptions {
  /**
   * Keep the Node process alive from construction until {@link MainEngine.close}, even when no
   * gateway holds an open handle. Default false: the process lives as long as gateways, servers
   * or user code hold handles (the event engine's timer never does).
   */
  readonly keepAlive?: boolean;
  /** Options of the built-in {@link OmsEngine}. */
  readonly oms?: OmsEngineOptions;
  /**
   * How long {@link MainEngine.close} waits for each gateway's `close()` before reporting it
   * and moving on, in milliseconds. Default {@link DEFAULT_GATEWAY_CLOSE_TIMEOUT_MS}.
   */
  readonly gatewayCloseTimeoutMs?: number;
  /**
   * Turns on the pre-trade {@link RiskEngine} between {@link MainEngine.sendOrder} /
   * {@link MainEngine.cancelOrder} and every gateway, with these limits (`{}`: the defaults, see
   * `parseRiskConfig`). Omitted: no risk checks.
   */
  readonly risk?: RiskConfigInput;
  /** Where the risk engine keeps the day's counts across restarts (e.g. `SqliteJournal`). */
  readonly riskStore?: RiskCountStore;
  /** The risk engine's clock (epoch ms); default `Date.now`. For tests. */
  readonly riskClock?: () => number;
}

/** Default of {@link MainEngineOptions.gatewayCloseTimeoutMs}: 10 seconds. */
export const DEFAULT_GATEWAY_CLOSE_TIMEOUT_MS = 10_000;

// Longest delay setInterval accepts; the keep-alive timer only needs to exist, never to fire usefully.
const KEEP_ALIVE_INTERVAL_MS = 2 ** 31 - 1;

/** Default timeout of {@link MainEngine.waitForReady}: 30 seconds. */
export const DEFAULT_READY_TIMEOUT_MS = 30_000;

/** Name under which MainEngine writes its own log messages. */
export const MAIN_ENGINE_NAME = "MainEngine";

/**
 * The application's hub (vnpy `MainEngine`): owns the event engine, the gateways and the
 * {@link OmsEngine}, routes requests to gateways by name and answers state queries.
 *
 * @example
 * ```ts
 * const main = new MainEngine();
 * main.addGateway(HftGateway);
 * main.connect(settings, "HFT");
 * main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "HFT");
 * main.eventEngine.register(EVENT_TICK, (event) => console.log(event.data.lastPrice));
 * // ...
 * await main.close();
 * ```
 */
export class MainEngine extends OmsForwarder {
  /** The event engine shared by the gateways, the OMS and the application. */
  readonly eventEngine: EventEngine;
  /** The order management system fed by the event engine; the OMS getters read it. */
  override readonly oms: OmsEngine;
  /** The pre-trade risk engine and kill switch, when {@link MainEngineOptions.risk} was given. */
  readonly risk: RiskEngine | undefined;

  private readonly gateways = new Map<string, BaseGateway>();
  private readonly gatewayCloseTimeoutMs: number;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  /**
   * @param eventEngine - engine to use; when omitted a new one is created. Either way it is
   *   started here if it is not running (as vnpy does), and stopped by {@link MainEngine.close}.
   * @param options - process keep-alive and OMS options
   */
  constructor(eventEngine?: EventEngine, options: MainEngineOptions = {}) {
    super();
    this.eventEngine = eventEngine ?? new EventEngine();
    this.oms = new OmsEngine(this.eventEngine, options.oms);
    this.gatewayCloseTimeoutMs = options.gatewayCloseTimeoutMs ?? DEFAULT_GATEWAY_CLOSE_TIMEOUT_MS;
    // Risk: built before the engine starts so it sees every event (§11; src/risk/).
    this.risk =
      options.risk === undefined
        ? undefined
        : new RiskEngine(
            this.eventEngine,
            parseRiskConfig(options.risk),
            { gateways: () => this.gateways.values() },
            { store: options.riskStore, now: options.riskClock },
          );
    if (!this.eventEngine.active) this.eventEngine.start();
    if (options.keepAlive === true) this.keepAliveTimer = setInterval(() => {}, KEEP_ALIVE_INTERVAL_MS);
  }

  /**
   * Creates a gateway of `gatewayClass` on this engine's event engine and registers it.
   *
   * @param gatewayClass - a concrete `BaseGateway` subclass
   * @param gatewayName - instance name; defaults to the class's `defaultName`
   * @param options - the gateway's own constructor options, e.g. `{ journal }` for `HftGateway`
   * @returns the new gateway
   * @throws {@link GatewayExistsError} when the name is already taken, {@link EngineClosedError}
   *   after {@link MainEngine.close}
   */
  addGateway<G extends BaseGateway, O = never>(
    gatewayClass: GatewayClass<G, O>,
    gatewayName?: string,
    options?: O,
  ): G {
    this.assertOpen();
    const name = gatewayName ?? gatewayClass.defaultName;
    if (this.gateways.has(name)) throw new GatewayExistsError(name);
    const gateway =
      options === undefined
        ? new gatewayClass(this.eventEngine, name)
        : new gatewayClass(this.eventEngine, name, options);
    this.gateways.set(gateway.gatewayName, gateway);
    return gateway;
  }

  /**
   * The gateway registered under `gatewayName`. Every request to a gateway (connect, subscribe,
   * orders, cancels, queries) comes through here, so after {@link MainEngine.close} they all fail.
   *
   * @throws {@link GatewayNotFoundError} listing the known names, {@link EngineClosedError} after
   *   {@link MainEngine.close}
   */
  getGateway(gatewayName: string): BaseGateway {
    this.assertOpen();
    const gateway = this.gateways.get(gatewayName);
    if (gateway === undefined) throw new GatewayNotFoundError(gatewayName, this.getAllGatewayNames());
    return gateway;
  }

  /** Names of all gateways, in the order they were added. */
  getAllGatewayNames(): string[] {
    return [...this.gateways.keys()];
  }

  /** Default settings of a gateway (to pre-fill a connect form). */
  getDefaultSetting(gatewayName: string): SettingDefaults {
    return this.getGateway(gatewayName).defaultSetting;
  }

  /** Every exchange traded by at least one gateway, without duplicates. */
  getAllExchanges(): Exchange[] {
    const exchanges = new Set<Exchange>();
    for (const gateway of this.gateways.values())
      for (const exchange of gateway.exchanges) exchanges.add(exchange);
    return [...exchanges];
  }

  /**
   * Connects a gateway. Returns once connecting has started; results arrive as events.
   *
   * @throws {@link GatewayNotFoundError}, or the gateway's `SettingsError` for bad settings
   */
  connect(setting: GatewaySetting, gatewayName: string): void {
    this.getGateway(gatewayName).connect(setting);
  }

  /** Subscribes to market data through a gateway. @throws {@link GatewayNotFoundError} */
  subscribe(req: SubscribeRequest, gatewayName: string): void {
    this.getGateway(gatewayName).subscribe(req);
  }

  /**
   * Sends an order through a gateway and returns its vtOrderid at once. With a
   * {@link MainEngine.risk} engine, an order it refuses is pushed REJECTED with the reason in
   * `statusMsg` and never reaches the gateway.
   *
   * @throws {@link GatewayNotFoundError}
   */
  sendOrder(req: OrderRequest, gatewayName: string): string {
    const gateway = this.getGateway(gatewayName);
    // Risk hook: every gateway's orders pass the pre-trade checks.
    if (this.risk !== undefined) return this.risk.sendOrder(req, gateway);
    return gateway.sendOrder(req);
  }

  /**
   * Requests cancellation through a gateway. With a {@link MainEngine.risk} engine, a cancel past
   * the cancel rate limits is refused (logged, counted) and not sent.
   *
   * @throws {@link GatewayNotFoundError}
   */
  cancelOrder(req: CancelRequest, gatewayName: string): void {
    const gateway = this.getGateway(gatewayName);
    // Risk hook: cancels are counted and rate-limited too.
    if (this.risk !== undefined) {
      this.risk.cancelOrder(req, gateway);
      return;
    }
    gateway.cancelOrder(req);
  }

  /** Asks a gateway for a fresh account snapshot. @throws {@link GatewayNotFoundError} */
  queryAccount(gatewayName: string): void {
    this.getGateway(gatewayName).queryAccount();
  }

  /** Asks a gateway for fresh positions. @throws {@link GatewayNotFoundError} */
  queryPosition(gatewayName: string): void {
    this.getGateway(gatewayName).queryPosition();
  }

  /** Publishes a log message from the application (gatewayName `"MainEngine"` unless given). */
  writeLog(msg: string, level: LogLevel = LogLevel.INFO, source: string = MAIN_ENGINE_NAME): void {
    this.eventEngine.put({ type: EVENT_LOG, data: createLog({ gatewayName: source, msg, level }) });
  }

  // ---- waiting for READY ----

  /**
   * Resolves once `gatewayName` reports READY: connected, with its contracts, account,
   * positions, orders and trades loaded into the OMS, so `getContract`, `getAllPositions` and
   * order checks see the broker's state. Call it after {@link MainEngine.connect}.
   *
   * @example
   * ```ts
   * main.connect(settings, "HFT");
   * await main.waitForReady("HFT", 10_000);
   * main.getAllPositions(); // the broker's positions
   * ```
   *
   * @param gatewayName - the gateway to wait for
   * @param timeoutMs - how long to wait, in milliseconds (default 30 s)
   * @returns the READY status
   * @throws {@link GatewayNotFoundError} for an unknown name (synchronously)
   * @throws {@link GatewayNotReadyError} (as a rejection) with the gateway's latest status message
   *   when it is not READY in time or gives up connecting (e.g. a refused password)
   */
  waitForReady(gatewayName: string, timeoutMs = DEFAULT_READY_TIMEOUT_MS): Promise<GatewayStatusData> {
    this.getGateway(gatewayName);
    return waitForGatewayReady(this.eventEngine, this.oms, gatewayName, timeoutMs);
  }

  /**
   * Shuts down: closes every gateway in parallel (a gateway whose `close()` throws, rejects or
   * takes longer than `gatewayCloseTimeoutMs` is reported on `console.error` and as an ERROR log,
   * and the others still close), delivers the events they pushed while closing, then stops the
   * event engine and releases the keep-alive timer. Afterwards nothing of MainEngine's keeps the
   * process alive. Calling it again returns the same promise.
   *
   * Closing is final: from the call on, `addGateway`, `getGateway` and every request routed to a
   * gateway throw {@link EngineClosedError}; the OMS queries (`getOrder`, `getAllTrades`, ...)
   * keep answering with the last state.
   */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  // close() is final: from the moment it is called nothing reaches a gateway again, so no order
  // can be placed that the stopped OMS would never hear of.
  private assertOpen(): void {
    if (this.closing !== undefined) throw new EngineClosedError();
  }

  private async closeOnce(): Promise<void> {
    const results = await Promise.allSettled(
      [...this.gateways.values()].map((gateway) => this.closeGateway(gateway)),
    );
    const names = [...this.gateways.keys()];
    results.forEach((result, i) => {
      if (result.status === "rejected") {
        const msg = `Gateway ${names[i]} failed to close: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`;
        console.error(`[tsgate] ${msg}`);
        this.writeLog(msg, LogLevel.ERROR);
      }
    });
    await this.eventEngine.flush();
    this.eventEngine.stop();
    this.oms.dispose();
    this.risk?.dispose();
    if (this.keepAliveTimer !== undefined) {
      clearInterval(this.keepAliveTimer);
      this.keepAliveTimer = undefined;
    }
  }

  private async closeGateway(gateway: BaseGateway): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`close() did not finish within ${this.gatewayCloseTimeoutMs} ms`)),
        this.gatewayCloseTimeoutMs,
      );
    });
    try {
      await Promise.race([(async () => gateway.close())(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
