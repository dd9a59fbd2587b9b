/**
 * {@link HftGateway}: the Guotai Junan HFT unified trading gateway (A-shares, SSE and SZSE, net
 * positions) as a tsgate `BaseGateway`, over the `@tsgate/hft-native` C library.
 *
 * @module
 */
import {
  BaseGateway,
  type CancelRequest,
  ConnectionState,
  createGatewayStatus,
  createLog,
  EVENT_TIMER,
  type EventEngine,
  Exchange,
  type GatewaySetting,
  GatewaySide,
  type GatewayStatusData,
  type LogData,
  LogLevel,
  type OrderJournal,
  type OrderRequest,
  SettingsError,
  type SubscribeRequest,
} from "@tsgate/core";
import { type HftApiFactory, nativeApiFactory } from "./api-ports.js";
import { HFT_GATEWAY_NAME } from "./constants.js";
import { ContractStore } from "./contracts.js";
import { errorText } from "./gateway-sink.js";
import { languageOfSetting, resolveLanguage } from "./i18n/language.js";
import { JournalLink } from "./journal-link.js";
import { loadedLibraryKind } from "./library-kind.js";
import { MarketSide } from "./market-side.js";
import { type GatewayMessages, gatewayMessages } from "./messages.js";
import { OrderIdGenerator, type OrderIdGeneratorOptions } from "./order-ids.js";
import { DEFAULT_RETENTION, type RetentionLimits } from "./retention.js";
import { HFT_DEFAULT_SETTING, type HftSettings, parseHftSettings } from "./settings.js";
import { EVENT_SUBSCRIBE_FAILED, type SubscribeFailure } from "./subscribe-failure.js";
import { TradeSide } from "./trade-side.js";
import { applyVendorSettings } from "./vendor-settings.js";

/** Extra constructor options of {@link HftGateway}, passed by `MainEngine.addGateway(HftGateway, name, options)`. */
export interface HftGatewayOptions {
  /**
   * An order journal (e.g. `SqliteJournal` from `@tsgate/journal`). The gateway commits each new
   * order with its id before sending it, and order changes and trades once per batch of reports;
   * on construction it reloads the day's records, so after a restart order ids continue, trades
   * already pushed are not pushed as new, and the first `connect` pushes the journalled orders and
   * trades before the server's answers. The caller owns the journal and closes it after the gateway.
   */
  readonly journal?: OrderJournal;
  /** The native API factory; default {@link nativeApiFactory}. Tests inject fakes here. */
  readonly api?: HftApiFactory;
  /** Clock and entropy of the local order id generator (tests). */
  readonly orderIds?: OrderIdGeneratorOptions;
  /**
   * How many finished orders and trade ids the gateway keeps for recognising late and replayed
   * reports; default {@link DEFAULT_RETENTION}. Older ones are forgotten so memory stays flat.
   */
  readonly retention?: RetentionLimits;
}

const REDACTED = "***";

type GatewayState = "idle" | "connected" | "closing";

/**
 * The HFT gateway.
 *
 * - `connect(setting)` validates the settings (throwing `SettingsError` at once for bad ones,
 *   and logging them), loads the native library (a missing or incompatible library is logged and
 *   reported as DISCONNECTED, not thrown), then starts the trade and market connections in
 *   parallel and returns. Everything after that arrives as events.
 * - After the trade login: contracts, account, positions, orders and trades are queried and
 *   pushed, each step logged; account and positions are refreshed on the event engine's timer
 *   every `accountRefreshSeconds`.
 * - `sendOrder` returns the vtOrderid at once, with a SUBMITTING order pushed; refused requests
 *   become REJECTED with the reason. `cancelOrder` never throws.
 * - Disconnects are logged and reported as gateway status events; the native library reconnects,
 *   logs in again, re-subscribes market data and resumes the report stream.
 * - `close()` releases both native handles; afterwards nothing of the gateway keeps the process
 *   alive, and `connect` may be called again.
 *
 * Passwords are never written to logs or status messages: both are redacted from every message
 * the gateway publishes.
 *
 * @example
 * ```ts
 * const main = new MainEngine();
 * main.addGateway(HftGateway);
 * main.connect({ 交易用户名: "demo", 交易密码: "…", 交易服务器: "127.0.0.1", 行情用户名: "demo",
 *   行情密码: "…", 行情服务器: "127.0.0.1" }, "HFT");
 * ```
 */
export class HftGateway extends BaseGateway {
  static override defaultName = HFT_GATEWAY_NAME;
  static override defaultSetting = HFT_DEFAULT_SETTING;
  static override exchanges: readonly Exchange[] = [Exchange.SSE, Exchange.SZSE];

  private readonly api: HftApiFactory;
  private readonly contracts: ContractStore;
  // Both sides live as long as the gateway: orders, trade ids and subscriptions survive a
  // close() and a new connect().
  private readonly trade: TradeSide;
  private readonly market: MarketSide;
  private state: GatewayState = "idle";
  private closing: Promise<void> | undefined;
  private secrets: string[] = [];
  /** Server and account of the last connect: the trade side's orders belong to it. */
  private account: string | undefined;
  private timerCount = 0;
  private timerTicks = 1;
  private messages: GatewayMessages = gatewayMessages(resolveLanguage(undefined));

  /**
   * The gateway's log and status texts, in the language of the `language` setting of the last
   * connect (before one: from `LC_ALL`/`LC_MESSAGES`/`LANG`, else zh-CN).
   */
  get msg(): GatewayMessages {
    return this.messages;
  }

  /**
   * @param eventEngine - where events are published
   * @param gatewayName - instance name, default `"HFT"`
   * @param options - an order journal; test hooks (native API factory, order id clock/entropy)
   */
  constructor(eventEngine: EventEngine, gatewayName?: string, options: HftGatewayOptions = {}) {
    super(eventEngine, gatewayName);
    this.api = options.api ?? nativeApiFactory;
    this.contracts = new ContractStore(this.gatewayName, (contract) => this.onContract(contract));
    // A journal that cannot be read fails here, before anything was sent with a reused id.
    const saved = options.journal?.load(this.gatewayName);
    const orderIds = new OrderIdGenerator({ ...options.orderIds, resume: saved?.orderIds });
    this.trade = new TradeSide(
      this,
      this.contracts,
      orderIds,
      new JournalLink(options.journal, this),
      options.retention,
    );
    if (saved !== undefined) this.trade.restore(saved);
    this.market = new MarketSide(this, this.contracts);
  }

  /** True while the trade side is logged in. */
  get tradeLoggedIn(): boolean {
    return this.trade.isLoggedIn;
  }

  /** True while the market side is logged in. */
  get marketLoggedIn(): boolean {
    return this.market.isLoggedIn;
  }

  /**
   * Validates `setting` and starts connecting both sides; returns at once.
   *
   * @throws `SettingsError` naming every bad key (also written to the log)
   */
  connect(setting: GatewaySetting): void {
    // Bad settings are reported even while connected (the connection is kept).
    // A new connection speaks the language its settings ask for, also when they are refused.
    if (this.state === "idle") this.bindLanguage(setting);
    let settings: HftSettings;
    try {
      settings = parseHftSettings(setting);
    } catch (error) {
      if (error instanceof SettingsError)
        this.writeLog(this.msg.settingsInvalid(error.issues), LogLevel.ERROR);
      throw error;
    }
    if (this.state !== "idle") {
      this.writeLog(this.msg.alreadyConnected(), LogLevel.WARNING);
      return;
    }
    this.secrets = [settings.交易密码, settings.行情密码].filter((secret) => secret.length > 0);
    const account = [
      settings.交易服务器,
      settings.交易端口,
      settings.机构代号,
      settings.营业部代号,
      settings.交易用户名,
    ].join("|");
    if (this.account !== undefined && this.account !== account) {
      this.trade.reset();
      this.writeLog(
        this.msg.accountChanged(settings.交易用户名, `${settings.交易服务器}:${settings.交易端口}`),
      );
    }
    this.account = account;

    let library: ReturnType<HftApiFactory["loadLibrary"]>;
    try {
      library = this.api.loadLibrary({
        ...(settings.libraryPath !== "" ? { path: settings.libraryPath } : {}),
        backend: settings.ffiBackend as "koffi" | "ffi-napi",
      });
    } catch (error) {
      const code =
        typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : "";
      const text = this.msg.libraryFailed(code, errorText(error));
      this.writeLog(text, LogLevel.ERROR);
      this.writeStatus(GatewaySide.TRADE, ConnectionState.DISCONNECTED, text);
      this.writeStatus(GatewaySide.MARKET, ConnectionState.DISCONNECTED, text);
      return;
    }

    // Rejection codes are read by the loaded library's table: the sim library's are our protocol's,
    // the vendor shim's the broker's.
    this.messages = gatewayMessages(this.messages.language, loadedLibraryKind(library));
    const vendorFailure = applyVendorSettings(library, settings, this.msg);
    if (vendorFailure !== undefined) {
      this.writeLog(vendorFailure, LogLevel.ERROR);
      this.writeStatus(GatewaySide.TRADE, ConnectionState.DISCONNECTED, vendorFailure);
      this.writeStatus(GatewaySide.MARKET, ConnectionState.DISCONNECTED, vendorFailure);
      return;
    }

    this.state = "connected";
    this.closing = undefined;
    this.timerTicks = Math.max(1, Math.round(settings.accountRefreshSeconds / this.eventEngine.interval));
    this.timerCount = 0;
    this.eventEngine.register(EVENT_TIMER, this.onTimer);
    this.trade.pushRestored();
    this.trade.start(settings, library, (options) => this.api.createTrader(options));
    this.market.start(settings, library, (options) => this.api.createMd(options));
  }

  /**
   * Releases both native handles (their threads are joined and sockets closed) and stops the
   * timer refresh. Safe to call more than once and before `connect`.
   */
  close(): Promise<void> {
    if (this.state === "idle") return Promise.resolve();
    if (this.closing !== undefined) return this.closing;
    this.state = "closing";
    this.eventEngine.unregister(EVENT_TIMER, this.onTimer);
    this.closing = (async () => {
      const results = await Promise.allSettled([this.trade.close(), this.market.close()]);
      for (const result of results) {
        if (result.status === "rejected")
          this.writeLog(this.msg.closeFailed(errorText(result.reason)), LogLevel.ERROR);
      }
      this.state = "idle";
      this.writeStatus(GatewaySide.TRADE, ConnectionState.DISCONNECTED, this.msg.closed());
      this.writeStatus(GatewaySide.MARKET, ConnectionState.DISCONNECTED, this.msg.closed());
      this.writeLog(this.msg.closed());
    })();
    return this.closing;
  }

  /** Subscribes market data; before connect or before the market login it is queued. */
  subscribe(req: SubscribeRequest): void {
    this.market.subscribe(req);
  }

  /**
   * Sends an order; returns its vtOrderid at once. Not connected, unknown contract or a request
   * that breaks the contract's rules: the order is pushed SUBMITTING then REJECTED with the
   * reason.
   */
  sendOrder(req: OrderRequest): string {
    return this.trade.sendOrder(req);
  }

  /** Requests cancellation by local order id; problems are logged, never thrown. */
  cancelOrder(req: CancelRequest): void {
    this.trade.cancelOrder(req);
  }

  /**
   * Cancels every active order of this gateway, or of one `vtSymbol` ("600000.SSE"): orders the
   * broker acknowledged through the library's batch cancel (one BatchCancelOrder per 500 orders
   * on the vendor path), orders not yet acknowledged one by one. Returns how many orders it asked
   * to cancel (0 when not connected: each is logged); the outcome comes as order events.
   */
  cancelAll(vtSymbol?: string): number {
    return this.trade.cancelAll(vtSymbol);
  }

  /** Requests the account (pushed as an account event); ignored unless logged in. */
  queryAccount(): void {
    this.trade.queryAccount();
  }

  /** Requests positions (pushed as position events); ignored unless logged in. */
  queryPosition(): void {
    this.trade.queryPosition();
  }

  /** Binds {@link HftGateway.msg} to the `language` of `setting`, when it names one. */
  private bindLanguage(setting: GatewaySetting): void {
    const value = (setting as Record<string, unknown>).language;
    const named = typeof value === "string" && value !== "" ? languageOfSetting(value) : undefined;
    // A bad value keeps the environment's language; the settings error names the key.
    const language = named ?? resolveLanguage(undefined);
    if (language !== this.messages.language) this.messages = gatewayMessages(language, this.messages.library);
  }

  /** Publishes a log, with the passwords redacted. */
  override onLog(log: LogData): void {
    const text = this.redact(log.msg);
    super.onLog(text === log.msg ? log : createLog({ ...log, msg: text }));
  }

  /** Publishes a status change, with the passwords redacted. */
  override onStatus(status: GatewayStatusData): void {
    const text = this.redact(status.msg);
    super.onStatus(text === status.msg ? status : createGatewayStatus({ ...status, msg: text }));
  }

  /**
   * Publishes a refused subscription as {@link EVENT_SUBSCRIBE_FAILED} (the reason is also logged),
   * with the passwords redacted.
   */
  onSubscribeFailed(failure: Omit<SubscribeFailure, "gatewayName">): void {
    const data: SubscribeFailure = Object.freeze({
      gatewayName: this.gatewayName,
      vtSymbol: failure.vtSymbol,
      errorCode: failure.errorCode,
      reason: this.redact(failure.reason),
    });
    this.onEvent(EVENT_SUBSCRIBE_FAILED, data);
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  private readonly onTimer = (): void => {
    this.timerCount += 1;
    if (this.timerCount < this.timerTicks) return;
    this.timerCount = 0;
    this.trade.refresh();
  };
}
