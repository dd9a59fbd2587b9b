/**
 * The market-data side of the gateway, over `MdApi`: login, subscriptions, ticks, connection
 * state.
 *
 * Subscriptions: requested before the first market-data login they are kept here and sent once
 * it succeeds; afterwards they go straight to the library, which queues them while disconnected
 * and re-sends the whole set after every automatic reconnect and re-login (so market data
 * recovers after a drop without the gateway doing anything but logging).
 *
 * Ticks for a code without a contract use the contract built from the market server's base info
 * (sent before a code's first snapshot); without either the tick is dropped, with one log line
 * per code.
 *
 * @module
 */

import {
  type Exchange,
  freezeTick,
  GatewaySide,
  LogLevel,
  type SubscribeRequest,
  toVtSymbol,
} from "@tsgate/core";
import {
  type BaseInfoEvent,
  finalLoginCodes,
  type HftLibrary,
  type LoadHftLibraryOptions,
  type Market,
  type MarketDataEvent,
  type MdApiEvents,
  type MdLoginEvent,
} from "@tsgate/hft-native";
import { connectionOptions, type HftApiFactory, type MdApiPort } from "./api-ports.js";
import type { ContractStore } from "./contracts.js";
import type { GatewaySink } from "./gateway-sink.js";
import { exchangeTime, MARKET_HFT2VT, MARKET_VT2HFT } from "./mappings.js";
import { MARKET_LABELS } from "./messages.js";
import type { HftSettings } from "./settings.js";
import { SideConnection } from "./side-connection.js";

/** A code the market-data ABI carries (`char[8]`): 1–7 printable ASCII characters, e.g. 600000. */
const SYMBOL_TEXT = /^[\x21-\x7e]{1,7}$/;

/** The market server's answer to a subscription with codes it does not know. */
const SUBSCRIBE_UNKNOWN_CODE = 5003;

/** Market-data login codes after which retrying cannot help. */
const CREDENTIAL_ERRORS = finalLoginCodes("market");

/** How the market side creates its API (the factory's `createMd`). */
export type CreateMd = HftApiFactory["createMd"];

interface Subscription {
  readonly market: Market;
  readonly code: string;
}

/** The market-data side of {@link HftGateway}. */
export class MarketSide {
  private api: MdApiPort | undefined;
  private settings: HftSettings | undefined;
  private readonly connection: SideConnection;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly droppedCodes = new Set<string>();

  constructor(
    private readonly sink: GatewaySink,
    private readonly contracts: ContractStore,
  ) {
    this.connection = new SideConnection(sink, GatewaySide.MARKET, MARKET_LABELS, CREDENTIAL_ERRORS);
  }

  /** True while logged in to the market server. */
  get isLoggedIn(): boolean {
    return this.connection.loggedIn;
  }

  /** Creates the API, wires its events and requests the login. Never throws. */
  start(settings: HftSettings, library: HftLibrary | LoadHftLibraryOptions, create: CreateMd): void {
    this.settings = settings;
    this.connection.open(
      `${settings.行情服务器}:${settings.行情端口}`,
      () => create(connectionOptions(settings.行情服务器, settings.行情端口, library, settings)),
      (api) => this.adopt(api),
      (api) => api.login({ user: settings.行情用户名, password: settings.行情密码 }),
    );
  }

  /** Releases the native handle. */
  async close(): Promise<void> {
    this.connection.onClose();
    this.contracts.baseInfo.reset();
    const api = this.api;
    this.api = undefined;
    if (api !== undefined) await api.close();
  }

  /**
   * Subscribes once per vtSymbol; before `start` or before the first login the request waits
   * here. Subscriptions are kept across `close`/`start`. Never throws.
   */
  subscribe(req: SubscribeRequest): void {
    const exchange: unknown = req.exchange;
    const market =
      typeof exchange === "string" && Object.hasOwn(MARKET_VT2HFT, exchange)
        ? MARKET_VT2HFT[exchange as Exchange]
        : undefined;
    if (market === undefined) {
      const reason = this.sink.msg.subscribeUnsupported(String(req.vtSymbol));
      this.sink.writeLog(reason, LogLevel.WARNING);
      this.sink.onSubscribeFailed({ vtSymbol: String(req.vtSymbol), errorCode: 0, reason });
      return;
    }
    // A code the library cannot encode is refused here: queued, it would make the whole batch
    // of its market fail after the login.
    if (typeof req.symbol !== "string" || !SYMBOL_TEXT.test(req.symbol)) {
      const reason = this.sink.msg.subscribeBadSymbol(String(req.vtSymbol));
      this.sink.writeLog(reason, LogLevel.WARNING);
      this.sink.onSubscribeFailed({ vtSymbol: String(req.vtSymbol), errorCode: 0, reason });
      return;
    }
    if (this.subscriptions.has(req.vtSymbol)) return;
    this.subscriptions.set(req.vtSymbol, { market, code: req.symbol });
    const api = this.api;
    if (api !== undefined && this.connection.everLoggedIn) {
      this.send(api, market, [req.symbol], req.vtSymbol);
    } else {
      this.sink.writeLog(this.sink.msg.subscribeQueued(req.vtSymbol));
    }
  }

  private send(api: MdApiPort, market: Market, codes: readonly string[], what: string): void {
    try {
      api.subscribe(market, codes);
    } catch (error) {
      this.sink.writeLog(
        this.sink.msg.subscribeSendFailed(what, this.sink.msg.libraryError(error)),
        LogLevel.WARNING,
      );
    }
  }

  /** Sends every subscription kept so far, one call per market. */
  private sendAll(api: MdApiPort): void {
    const byMarket = new Map<Market, string[]>();
    for (const { market, code } of this.subscriptions.values()) {
      const codes = byMarket.get(market) ?? [];
      codes.push(code);
      byMarket.set(market, codes);
    }
    for (const [market, codes] of byMarket) this.send(api, market, codes, codes.join(","));
  }

  /** The API just created becomes the side's: its events are listened to. */
  private adopt(api: MdApiPort): void {
    this.api = api;
    this.listen(api);
  }

  private listen(api: MdApiPort): void {
    const on = <K extends keyof MdApiEvents>(name: K, handler: (event: MdApiEvents[K]) => void): void => {
      api.on(
        name,
        this.connection.guarded(String(name), () => this.api === api, handler),
      );
    };
    on("marketData", (ev) => this.onMarketData(ev));
    on("baseInfo", (ev) => this.onBaseInfo(ev));
    on("connecting", (ev) => this.connection.onConnecting(ev));
    on("connected", () => this.connection.onConnected());
    on("disconnected", (ev) => this.connection.onDisconnected(ev));
    on("login", (ev) => this.onLogin(ev, api));
    on("error", (ev) =>
      this.sink.writeLog(this.sink.msg.mdLibraryError(ev.errorCode, ev.message), LogLevel.WARNING),
    );
    on("subscribeRsp", (ev) => {
      if (ev.errorCode === SUBSCRIBE_UNKNOWN_CODE) {
        const reason = this.sink.msg.subscribeUnknownCode(ev.market, ev.errorCode, ev.errorMsg);
        this.sink.writeLog(reason, LogLevel.WARNING);
        if (ev.action === "subscribe") this.refuseUnknown(ev.market, ev.errorMsg, reason);
      } else if (ev.errorCode !== 0) {
        this.sink.writeLog(this.sink.msg.subscribeFailed(ev.errorCode, ev.errorMsg), LogLevel.WARNING);
      }
    });
    on("overflow", (ev) =>
      this.sink.writeLog(this.sink.msg.mdOverflow(ev.dropped, ev.droppedTotal), LogLevel.WARNING),
    );
  }

  /**
   * The subscriptions of `market` whose code the server's message names (it lists the unknown
   * codes, e.g. "unknown codes on SZ: 000002,000003") are dropped, so that subscribing again
   * retries them, and each is reported as failed.
   */
  private refuseUnknown(market: Market, errorMsg: string, reason: string): void {
    const named = new Set(errorMsg.split(/[^0-9A-Za-z]+/));
    for (const [vtSymbol, sub] of this.subscriptions) {
      if (sub.market !== market || !named.has(sub.code)) continue;
      this.subscriptions.delete(vtSymbol);
      this.sink.onSubscribeFailed({ vtSymbol, errorCode: SUBSCRIBE_UNKNOWN_CODE, reason });
    }
  }

  private onLogin(ev: MdLoginEvent, api: MdApiPort): void {
    if (!ev.ok) {
      this.connection.loginFailed(
        ev.errorCode,
        this.sink.msg.mdLoginFailed(ev.errorCode, ev.message, this.settings?.行情用户名 ?? ""),
      );
      return;
    }
    const first = this.connection.loginOk();
    this.contracts.baseInfo.marketLoggedIn();
    // After a reconnect the library has already re-sent the subscriptions it holds.
    if (first) this.sendAll(api);
  }

  private onBaseInfo(ev: BaseInfoEvent): void {
    this.contracts.addBaseInfo(ev);
  }

  private onMarketData(ev: MarketDataEvent): void {
    const exchange: Exchange = MARKET_HFT2VT[ev.market];
    const vtSymbol = toVtSymbol(ev.code, exchange); // cached: no string built per tick
    const contract = this.contracts.get(vtSymbol);
    if (contract === undefined) {
      if (!this.droppedCodes.has(vtSymbol)) {
        this.droppedCodes.add(vtSymbol);
        this.sink.writeLog(this.sink.msg.tickWithoutContract(vtSymbol), LogLevel.WARNING);
      }
      return;
    }
    const bp = ev.bidPrice;
    const bv = ev.bidVolume;
    const ap = ev.askPrice;
    const av = ev.askVolume;
    // Every field in TickData's order, frozen as it is: one object per tick, no init object and
    // copy (issue 22: allocation per tick sets the garbage collector's pace).
    this.sink.onTick(
      freezeTick({
        gatewayName: this.sink.gatewayName,
        symbol: ev.code,
        exchange,
        vtSymbol,
        datetime: exchangeTime(ev.tradingDay, ev.time),
        name: contract.name,
        volume: ev.volume,
        turnover: ev.turnover,
        openInterest: 0,
        lastPrice: ev.last,
        lastVolume: 0,
        limitUp: ev.limitUp > 0 ? ev.limitUp : (contract.limitUp ?? 0),
        limitDown: ev.limitDown > 0 ? ev.limitDown : (contract.limitDown ?? 0),
        openPrice: ev.open,
        highPrice: ev.high,
        lowPrice: ev.low,
        preClose: ev.preClose,
        bidPrice1: bp[0] ?? 0,
        bidPrice2: bp[1] ?? 0,
        bidPrice3: bp[2] ?? 0,
        bidPrice4: bp[3] ?? 0,
        bidPrice5: bp[4] ?? 0,
        askPrice1: ap[0] ?? 0,
        askPrice2: ap[1] ?? 0,
        askPrice3: ap[2] ?? 0,
        askPrice4: ap[3] ?? 0,
        askPrice5: ap[4] ?? 0,
        bidVolume1: bv[0] ?? 0,
        bidVolume2: bv[1] ?? 0,
        bidVolume3: bv[2] ?? 0,
        bidVolume4: bv[3] ?? 0,
        bidVolume5: bv[4] ?? 0,
        askVolume1: av[0] ?? 0,
        askVolume2: av[1] ?? 0,
        askVolume3: av[2] ?? 0,
        askVolume4: av[3] ?? 0,
        askVolume5: av[4] ?? 0,
        localtime: undefined,
      }),
    );
  }
}
