/**
 * The trading side of the gateway, over `TraderApi`: login, the initial queries, orders and
 * cancels, order and trade reports, account and position refreshes, connection state.
 *
 * Order bookkeeping:
 * - every order has one entry keyed by its local order id (the client order id sent to the
 *   broker); the broker's order id is learnt from the order answer or the first report, so an
 *   order is found by either;
 * - reports carry a per-account sequence; a report (or query record) older than the newest one
 *   applied to the order is ignored, so a query answer racing live reports cannot move an order
 *   back;
 * - an order in a final state (ALLTRADED, CANCELLED, REJECTED) never becomes active again;
 * - every change pushes a new frozen snapshot (`updateOrder`); an update that changes nothing
 *   pushes nothing;
 * - orders reported by the server that this process did not create (another session, an earlier
 *   run) are adopted: an entry is built from the report, keyed by its client order id (or the
 *   broker's id when it has none);
 * - trades are pushed once per trade id, whatever the server or a reconnect replays;
 * - memory stays bounded: only the newest finished orders and trade ids are kept (see
 *   `retention.ts`); replays of forgotten ones are recognised by their report sequence;
 * - with an order journal, each new order and its id are saved before it is sent, order changes
 *   and trades once per batch of reports (see `JournalLink`); a restarted process reloads the
 *   day's orders and trade ids, so replayed reports are recognised and the OMS is rebuilt from the
 *   journal and the server's answers.
 *
 * @module
 */

import {
  type CancelRequest,
  createAccount,
  createOrder,
  createOrderData,
  createPosition,
  createTrade,
  Direction,
  GatewaySide,
  isActiveOrder,
  type JournalContents,
  LogLevel,
  Offset,
  type OrderData,
  type OrderRequest,
  parseVtSymbol,
  Status,
  updateOrder,
} from "@tsgate/core";
import type {
  CancelRspEvent,
  CashRecord,
  HftLibrary,
  LoadHftLibraryOptions,
  LoginEvent,
  OrderReport,
  OrderRspEvent,
  PositionRecord,
  SecurityRecord,
  TradeReport,
  TraderApiEvents,
} from "@tsgate/hft-native";
import { connectionOptions, type HftApiFactory, type TraderApiPort } from "./api-ports.js";
import { ERROR_DUPLICATE_CL_ORDER_ID } from "./constants.js";
import type { ContractStore } from "./contracts.js";
import { errorText, type GatewaySink } from "./gateway-sink.js";
import type { JournalLink } from "./journal-link.js";
import {
  exchangeTime,
  mapStatus,
  ORDERTYPE_HFT2VT,
  parseVendorSymbol,
  SIDE_HFT2VT,
  STATUS_HFT2VT,
} from "./mappings.js";
import { msg, TRADE_LABELS, WHAT } from "./messages.js";
import type { OrderIdGenerator } from "./order-ids.js";
import { validateOrder } from "./order-validation.js";
import { DEFAULT_RETENTION, FinishedOrders, type RetentionLimits, SeenTradeIds } from "./retention.js";
import type { HftSettings } from "./settings.js";
import { SideConnection } from "./side-connection.js";
import { HFT_LOGIN_ERRORS, noRetryCodes } from "./vendor-errors.js";

/** After a fill, positions and account are queried once this much later (fills come in bursts). */
const FILL_REFRESH_MS = 200;

/** Trade login codes after which retrying cannot help (the native library stops reconnecting). */
const CREDENTIAL_ERRORS: ReadonlySet<number> = new Set([
  1001,
  1002,
  1003,
  1004,
  1006,
  ...noRetryCodes(HFT_LOGIN_ERRORS),
]);

interface OrderEntry {
  order: OrderData;
  /** The broker's order id; "" until known. */
  serverId: string;
  /** Highest report sequence applied to this order (0: none yet). */
  lastSeq: number;
}

/** How the trade side creates its API (the factory's `createTrader`). */
export type CreateTrader = HftApiFactory["createTrader"];

/** The trading side of {@link HftGateway}. */
export class TradeSide {
  private api: TraderApiPort | undefined;
  private settings: HftSettings | undefined;
  private readonly connection: SideConnection;
  private accountId = "";
  private readonly orders = new Map<string, OrderEntry>();
  private readonly byServerId = new Map<string, string>();
  private readonly tradeIds: SeenTradeIds;
  private readonly finished: FinishedOrders;
  private positionSymbols = new Set<string>();
  private accountQuery: Promise<void> | undefined;
  private positionQuery: Promise<void> | undefined;
  private fillRefresh: NodeJS.Timeout | undefined;
  /** Journal contents loaded at construction, pushed at the first connect. */
  private restored: JournalContents | undefined;
  /** Restored orders still active: the first order query must confirm them. */
  private readonly unconfirmed = new Set<string>();

  constructor(
    private readonly sink: GatewaySink,
    private readonly contracts: ContractStore,
    private readonly orderIds: OrderIdGenerator,
    private readonly journal: JournalLink,
    retention: RetentionLimits = DEFAULT_RETENTION,
  ) {
    this.connection = new SideConnection(sink, GatewaySide.TRADE, TRADE_LABELS, CREDENTIAL_ERRORS);
    this.tradeIds = new SeenTradeIds(retention.tradeIds);
    this.finished = new FinishedOrders(retention.finishedOrders, (orderid) => this.forget(orderid));
  }

  /**
   * Takes over the journal's orders and trade ids (without pushing them yet): reports and query
   * answers about them are then recognised, never adopted or pushed as new.
   */
  restore(contents: JournalContents): void {
    for (const saved of contents.orders) {
      this.orders.set(saved.order.orderid, {
        order: saved.order,
        serverId: saved.serverId,
        lastSeq: saved.lastSeq,
      });
      if (saved.serverId !== "") this.byServerId.set(saved.serverId, saved.order.orderid);
      if (isActiveOrder(saved.order)) this.unconfirmed.add(saved.order.orderid);
      else this.finished.add(saved.order.orderid, saved.lastSeq);
    }
    for (const trade of contents.trades) this.tradeIds.add(trade.tradeid, 0);
    this.restored = contents;
  }

  /**
   * Forgets every order and trade id: the next connection is to another account or server, whose
   * ids and report sequences have nothing to do with these.
   */
  reset(): void {
    this.orders.clear();
    this.byServerId.clear();
    this.tradeIds.clear();
    this.finished.clear();
    this.positionSymbols = new Set();
    this.unconfirmed.clear();
    this.restored = undefined;
  }

  /** Pushes the restored orders and trades once, so the OMS starts from the journal. */
  pushRestored(): void {
    const contents = this.restored;
    if (contents === undefined) return;
    this.restored = undefined;
    let active = 0;
    for (const saved of contents.orders) {
      if (isActiveOrder(saved.order)) active++;
      this.sink.onOrder(saved.order);
    }
    for (const trade of contents.trades) this.sink.onTrade(trade);
    this.sink.writeLog(
      msg.journalRestored(contents.orders.length, active, contents.trades.length, this.orderIds.peek()),
    );
  }

  /** True while logged in to the trade server. */
  get isLoggedIn(): boolean {
    return this.connection.loggedIn;
  }

  /**
   * Creates the API, wires its events and requests the login. Never throws: a failure to create
   * the API or to queue the login is logged and reported as DISCONNECTED.
   */
  start(settings: HftSettings, library: HftLibrary | LoadHftLibraryOptions, create: CreateTrader): void {
    this.settings = settings;
    this.connection.begin(`${settings.交易服务器}:${settings.交易端口}`);
    let api: TraderApiPort;
    try {
      api = create(connectionOptions(settings.交易服务器, settings.交易端口, library, settings));
    } catch (error) {
      this.connection.fail(msg.apiCreateFailed(TRADE_LABELS, errorText(error)));
      return;
    }
    this.api = api;
    this.listen(api);
    try {
      api.login({
        accountId: settings.交易用户名,
        password: settings.交易密码,
        custOrgid: settings.机构代号,
        custBranchid: settings.营业部代号,
        clSystemId: settings.网关,
        accountType: settings.accountType,
      });
    } catch (error) {
      this.connection.fail(msg.loginCallFailed(TRADE_LABELS, errorText(error)));
    }
  }

  /** Releases the native handle; pending queries end quietly. */
  async close(): Promise<void> {
    this.connection.onClose();
    clearTimeout(this.fillRefresh);
    this.fillRefresh = undefined;
    this.journal.flush();
    const api = this.api;
    this.api = undefined;
    if (api !== undefined) await api.close();
  }

  // ---- orders ----

  /**
   * Pushes a SUBMITTING order and returns its vtOrderid at once; then validates and sends it. A
   * request the gateway refuses, or that cannot be handed to the library, is pushed as REJECTED
   * with the reason right after, never left SUBMITTING.
   */
  sendOrder(req: OrderRequest): string {
    const orderid = this.orderIds.next();
    const entry: OrderEntry = {
      order: createOrderData(req, orderid, this.sink.gatewayName),
      serverId: "",
      lastSeq: 0,
    };
    this.orders.set(orderid, entry);
    const journalProblem = this.journal.saveNewOrder(this.orderIds.prefix, this.orderIds.count, entry);
    this.sink.onOrder(entry.order);

    if (journalProblem !== undefined) {
      this.rejectLocally(entry, journalProblem, msg.orderRejectedLocally);
      return entry.order.vtOrderid;
    }
    const api = this.api;
    if (api === undefined) {
      this.rejectLocally(entry, "not connected: call connect() first", msg.orderRejectedLocally);
      return entry.order.vtOrderid;
    }
    const checked = validateOrder(req, this.contracts.get(req.vtSymbol));
    if (!checked.ok) {
      this.rejectLocally(entry, checked.reason, msg.orderRejectedLocally);
      return entry.order.vtOrderid;
    }
    try {
      api.order({ clOrderId: orderid, ...checked.order });
    } catch (error) {
      this.rejectLocally(entry, errorText(error), msg.orderSendFailed);
    }
    return entry.order.vtOrderid;
  }

  /**
   * Requests cancellation by the broker's order id when known, else by the client order id (the
   * library sends requests in order, so the server has the order by then). Unknown or finished
   * orders are logged, never thrown.
   */
  cancelOrder(req: CancelRequest): void {
    const entry = this.orders.get(req.orderid);
    if (entry === undefined) {
      this.sink.writeLog(msg.cancelUnknown(req.orderid), LogLevel.WARNING);
      return;
    }
    if (!isActiveOrder(entry.order)) {
      this.sink.writeLog(msg.cancelFinished(req.orderid, entry.order.status), LogLevel.WARNING);
      return;
    }
    const api = this.api;
    if (api === undefined) {
      this.sink.writeLog(msg.cancelNotConnected(req.orderid), LogLevel.WARNING);
      return;
    }
    try {
      if (entry.serverId !== "") api.cancelOrder({ orderId: entry.serverId, clOrderId: req.orderid });
      else api.cancelOrder({ clOrderId: req.orderid });
    } catch (error) {
      this.sink.writeLog(msg.cancelSendFailed(req.orderid, errorText(error)), LogLevel.WARNING);
    }
  }

  private rejectLocally(
    entry: OrderEntry,
    reason: string,
    text: (orderid: string, reason: string) => string,
  ): void {
    entry.order = updateOrder(entry.order, { status: Status.REJECTED, statusMsg: reason });
    this.pushOrder(entry);
    this.sink.writeLog(text(entry.order.orderid, reason), LogLevel.WARNING);
  }

  // ---- queries ----

  /** Requests the account; the answer is pushed as `onAccount`. Logged and ignored unless logged in. */
  queryAccount(): void {
    if (this.api === undefined || !this.connection.loggedIn) {
      this.sink.writeLog(msg.queryNotConnected(WHAT.account), LogLevel.WARNING);
      return;
    }
    this.requestCash();
  }

  /** Requests positions; the answer is pushed as `onPosition`. Logged and ignored unless logged in. */
  queryPosition(): void {
    if (this.api === undefined || !this.connection.loggedIn) {
      this.sink.writeLog(msg.queryNotConnected(WHAT.positions), LogLevel.WARNING);
      return;
    }
    this.requestPositions();
  }

  /** The timer's periodic refresh (silent while not logged in). */
  refresh(): void {
    this.requestCash();
    this.requestPositions();
  }

  private requestCash(): void {
    const api = this.api;
    if (api === undefined || !this.connection.loggedIn || this.accountQuery !== undefined) return;
    this.accountQuery = api
      .queryAll("cash")
      .then((records) => this.pushCash(records))
      .catch((error: unknown) => this.queryProblem(api, WHAT.account, error, msg.refreshFailed))
      .finally(() => {
        this.accountQuery = undefined;
      });
  }

  private requestPositions(): void {
    const api = this.api;
    if (api === undefined || !this.connection.loggedIn || this.positionQuery !== undefined) return;
    this.positionQuery = api
      .queryAll("positions")
      .then((records) => this.pushPositions(records))
      .catch((error: unknown) => this.queryProblem(api, WHAT.positions, error, msg.refreshFailed))
      .finally(() => {
        this.positionQuery = undefined;
      });
  }

  /**
   * After the first login: contracts (all pages), then account, positions, orders and trades,
   * each logged. A failing step is logged and the next one still runs.
   */
  private async initialQueries(api: TraderApiPort): Promise<void> {
    await this.step(api, WHAT.contracts, async () => {
      const records = await api.queryAll("securities");
      this.sink.writeLog(msg.contractsLoaded(this.pushSecurities(records)));
    });
    await this.step(api, WHAT.account, async () => {
      this.pushCash(await api.queryAll("cash"));
      this.sink.writeLog(msg.accountLoaded());
    });
    await this.step(api, WHAT.positions, async () => {
      const records = await api.queryAll("positions");
      this.pushPositions(records);
      this.sink.writeLog(msg.positionsLoaded(records.length));
    });
    await this.step(api, WHAT.orders, async () => {
      const records = await api.queryAll("orders");
      const known = new Set<string>();
      for (const record of records) {
        const entry = this.findEntry(record.clOrderId, record.orderId);
        if (entry !== undefined) known.add(entry.order.orderid);
        this.applyOrderReport(record, false);
      }
      this.rejectUnconfirmed(known);
      this.sink.writeLog(msg.ordersLoaded(records.length));
    });
    await this.step(api, WHAT.trades, async () => {
      const records = await api.queryAll("trades");
      for (const record of records) this.applyTradeReport(record);
      this.sink.writeLog(msg.tradesLoaded(records.length));
    });
  }

  /**
   * A restored active order the server's order list does not know can never trade: one still
   * SUBMITTING was lost with the earlier process (killed before the order left it); any other
   * comes from a journal of another server or account. Either ends REJECTED, not active for ever.
   */
  private rejectUnconfirmed(known: ReadonlySet<string>): void {
    for (const orderid of this.unconfirmed) {
      const entry = this.orders.get(orderid);
      if (entry === undefined || known.has(orderid) || !isActiveOrder(entry.order)) continue;
      const lost = entry.serverId === "" && entry.order.status === Status.SUBMITTING;
      this.rejectLocally(
        entry,
        lost ? msg.lostBeforeRestart() : msg.unknownAfterRestart(),
        msg.orderRejectedLocally,
      );
    }
    this.unconfirmed.clear();
  }

  private async step(api: TraderApiPort, what: string, run: () => Promise<void>): Promise<void> {
    if (this.api !== api) return;
    try {
      await run();
    } catch (error) {
      this.queryProblem(api, what, error, msg.queryFailed);
    }
  }

  private queryProblem(
    api: TraderApiPort,
    what: string,
    error: unknown,
    text: (what: string, detail: string) => string,
  ): void {
    // Pending queries are rejected when the api closes; that is not worth a warning.
    if (this.api !== api) return;
    this.sink.writeLog(text(what, errorText(error)), LogLevel.WARNING);
  }

  private pushSecurities(records: readonly SecurityRecord[]): number {
    let count = 0;
    for (const record of records) {
      if (this.contracts.addSecurity(record) !== undefined) count++;
      else this.sink.writeLog(msg.badSymbol(WHAT.contracts, record.symbol), LogLevel.WARNING);
    }
    return count;
  }

  private pushCash(records: readonly CashRecord[]): void {
    for (const record of records) {
      this.sink.onAccount(
        createAccount({
          gatewayName: this.sink.gatewayName,
          accountid: record.accountId !== "" ? record.accountId : this.accountId,
          balance: record.balance,
          frozen: record.frozen,
        }),
      );
    }
  }

  private pushPositions(records: readonly PositionRecord[]): void {
    const seen = new Set<string>();
    for (const record of records) {
      const split = parseVendorSymbol(record.symbol);
      if (split === undefined) {
        this.sink.writeLog(msg.badSymbol(WHAT.positions, record.symbol), LogLevel.WARNING);
        continue;
      }
      const position = createPosition({
        gatewayName: this.sink.gatewayName,
        symbol: split.symbol,
        exchange: split.exchange,
        direction: Direction.NET,
        volume: record.volume,
        ydVolume: record.ydVolume,
        frozen: record.frozenVolume,
        price: record.costPrice,
        pnl: record.pnl,
      });
      seen.add(position.vtSymbol);
      this.sink.onPosition(position);
    }
    // A holding sold out may simply vanish from the answer: say so, or it would stay in the OMS.
    for (const vtSymbol of this.positionSymbols) {
      if (seen.has(vtSymbol)) continue;
      const { symbol, exchange } = parseVtSymbol(vtSymbol);
      this.sink.onPosition(
        createPosition({ gatewayName: this.sink.gatewayName, symbol, exchange, direction: Direction.NET }),
      );
    }
    this.positionSymbols = seen;
  }

  // ---- reports ----

  private listen(api: TraderApiPort): void {
    const on = <K extends keyof TraderApiEvents>(
      name: K,
      handler: (event: TraderApiEvents[K]) => void,
    ): void => {
      // The api rethrows listener errors as uncaught exceptions: never let one escape.
      api.on(name, (event) => {
        // Events of a closed (replaced) api are stale.
        if (this.api !== api) return;
        try {
          handler(event);
        } catch (error) {
          this.sink.writeLog(msg.handlerFailed(TRADE_LABELS, String(name), errorText(error)), LogLevel.ERROR);
        }
      });
    };
    on("connecting", (ev) => this.connection.onConnecting(ev));
    on("connected", () => this.connection.onConnected());
    on("disconnected", (ev) => this.connection.onDisconnected(ev));
    on("login", (ev) => this.onLogin(ev, api));
    on("error", (ev) =>
      this.sink.writeLog(msg.tradeLibraryError(ev.errorCode, ev.message), LogLevel.WARNING),
    );
    on("orderRsp", (ev) => this.onOrderRsp(ev));
    on("cancelRsp", (ev) => this.onCancelRsp(ev));
    on("orderStatus", (ev) => this.applyOrderReport(ev, true));
    on("tradeReport", (ev) => this.applyTradeReport(ev));
    on("riskNotify", (ev) =>
      this.sink.writeLog(
        msg.riskNotify(ev.level, ev.code, ev.message),
        ev.level >= 3 ? LogLevel.ERROR : LogLevel.WARNING,
      ),
    );
  }

  private onLogin(ev: LoginEvent, api: TraderApiPort): void {
    const settings = this.settings;
    if (!ev.ok) {
      this.connection.loginFailed(
        ev.errorCode,
        msg.tradeLoginFailed(
          ev.errorCode,
          ev.errorMsg,
          settings?.交易用户名 ?? "",
          settings?.机构代号 ?? "",
          settings?.营业部代号 ?? "",
        ),
      );
      return;
    }
    this.accountId = ev.accountId;
    const first = this.connection.loginOk();
    // Reports resume by sequence inside the library; account and positions may have moved.
    if (first) void this.initialQueries(api);
    else this.refresh();
  }

  private onOrderRsp(ev: OrderRspEvent): void {
    const entry = this.orders.get(ev.clOrderId);
    if (entry === undefined) return;
    this.learnServerId(entry, ev.orderId);
    // 2012 answers a resend after a reconnect: the order exists and its reports carry on.
    if (ev.errorCode === 0 || ev.errorCode === ERROR_DUPLICATE_CL_ORDER_ID) return;
    if (!isActiveOrder(entry.order)) return;
    const reason = ev.errorMsg !== "" ? ev.errorMsg : `rejected by the server (code ${ev.errorCode})`;
    entry.order = updateOrder(entry.order, { status: Status.REJECTED, statusMsg: reason });
    this.pushOrder(entry);
    this.sink.writeLog(msg.orderRejected(entry.order.orderid, ev.errorCode, reason), LogLevel.WARNING);
  }

  private onCancelRsp(ev: CancelRspEvent): void {
    if (ev.status !== "CancelRejected" && ev.errorCode === 0) return;
    const orderid =
      (ev.clOrderId !== "" && this.orders.has(ev.clOrderId)
        ? ev.clOrderId
        : this.byServerId.get(ev.orderId)) ??
      (ev.clOrderId || ev.orderId);
    const reason = ev.errorMsg !== "" ? ev.errorMsg : "cancel refused";
    this.sink.writeLog(msg.cancelRejected(orderid, ev.errorCode, reason), LogLevel.WARNING);
  }

  /** Records the broker's id of an order (journalled: later reports may carry only that id). */
  private learnServerId(entry: OrderEntry, serverId: string): void {
    if (serverId === "" || entry.serverId !== "") return;
    entry.serverId = serverId;
    this.byServerId.set(serverId, entry.order.orderid);
    this.journal.saveOrder(entry);
  }

  /** Journals the entry, then pushes its snapshot. */
  private pushOrder(entry: OrderEntry): void {
    this.journal.saveOrder(entry);
    this.sink.onOrder(entry.order);
    if (!isActiveOrder(entry.order)) this.finished.add(entry.order.orderid, entry.lastSeq);
  }

  /** Drops a long-finished order (see `retention.ts`). */
  private forget(orderid: string): void {
    const entry = this.orders.get(orderid);
    this.orders.delete(orderid);
    if (entry !== undefined && entry.serverId !== "") this.byServerId.delete(entry.serverId);
  }

  private findEntry(clOrderId: string, serverId: string): OrderEntry | undefined {
    if (clOrderId !== "") {
      const entry = this.orders.get(clOrderId);
      if (entry !== undefined) return entry;
    }
    if (serverId !== "") {
      const orderid = this.byServerId.get(serverId);
      if (orderid !== undefined) return this.orders.get(orderid);
    }
    return undefined;
  }

  /** Applies an order report (live) or an order query record (`live` false). */
  private applyOrderReport(report: OrderReport, live: boolean): void {
    const entry = this.findEntry(report.clOrderId, report.orderId);
    if (entry === undefined) {
      // A replayed report of an order finished and forgotten long ago is not a foreign order.
      if (!this.finished.isForgottenReplay(report.reportSeq)) this.adopt(report, live);
      return;
    }
    this.learnServerId(entry, report.orderId);
    if (report.reportSeq > 0) {
      if (report.reportSeq <= entry.lastSeq) return;
      entry.lastSeq = report.reportSeq;
    }
    const current = entry.order;
    if (
      STATUS_HFT2VT[report.status] === undefined &&
      report.status !== "PendingCancel" &&
      report.status !== "Canceling"
    ) {
      this.sink.writeLog(msg.orderUnknownStatus(current.orderid, report.status), LogLevel.WARNING);
    }
    const status = mapStatus(report.status, current.status);
    // Final is final: a late report cannot revive an order.
    if (!isActiveOrder(current) && isActiveOrder({ status })) return;
    const traded = Math.max(current.traded, report.filledVolume);
    const statusMsg = status === Status.REJECTED ? rejectionReason(report) : current.statusMsg;
    if (status === current.status && traded === current.traded && statusMsg === current.statusMsg) return;
    entry.order = updateOrder(current, {
      status,
      traded,
      statusMsg,
      datetime: exchangeTime(report.tradingDay, report.updateTime),
    });
    this.pushOrder(entry);
    if (status === Status.REJECTED && current.status !== Status.REJECTED) {
      this.sink.writeLog(msg.orderRejected(current.orderid, report.errorCode, statusMsg), LogLevel.WARNING);
    }
  }

  /** Builds an entry for an order this process did not create. */
  private adopt(report: OrderReport, live: boolean): void {
    const orderid = report.clOrderId !== "" ? report.clOrderId : report.orderId;
    if (orderid === "") return;
    const split = parseVendorSymbol(report.symbol);
    if (split === undefined) {
      this.sink.writeLog(msg.badSymbol(WHAT.orderReport, report.symbol), LogLevel.WARNING);
      return;
    }
    // Sides other than Bid/Ask (融券卖出, ETF 申赎 ...) and unknown order types: refused by name.
    const direction = SIDE_HFT2VT[report.side];
    const type = ORDERTYPE_HFT2VT[report.orderType];
    if (direction === undefined || type === undefined) {
      const [field, value] =
        direction === undefined
          ? (["side", report.side] as const)
          : (["orderType", report.orderType] as const);
      this.sink.writeLog(msg.unsupportedReport(WHAT.orderReport, orderid, field, value), LogLevel.WARNING);
      return;
    }
    const initial = report.filledVolume > 0 ? Status.PARTTRADED : Status.NOTTRADED;
    const status = mapStatus(report.status, initial);
    const order = createOrder({
      gatewayName: this.sink.gatewayName,
      symbol: split.symbol,
      exchange: split.exchange,
      orderid,
      direction,
      type,
      offset: Offset.NONE,
      price: report.orderType === "LMT" ? report.price : 0,
      volume: report.volume,
      traded: report.filledVolume,
      status,
      datetime: exchangeTime(report.tradingDay, report.updateTime),
      statusMsg: status === Status.REJECTED ? rejectionReason(report) : "",
    });
    const entry: OrderEntry = { order, serverId: report.orderId, lastSeq: report.reportSeq };
    this.orders.set(orderid, entry);
    if (report.orderId !== "") this.byServerId.set(report.orderId, orderid);
    this.pushOrder(entry);
    if (live) this.sink.writeLog(msg.orderAdopted(orderid, order.vtSymbol));
  }

  /** Pushes a trade once per trade id (live reports, replays and query records alike). */
  private applyTradeReport(report: TradeReport): void {
    if (report.tradeId === "" || this.tradeIds.has(report.tradeId)) return;
    if (this.tradeIds.isForgottenReplay(report.reportSeq)) return;
    const split = parseVendorSymbol(report.symbol);
    if (split === undefined) {
      this.sink.writeLog(msg.badSymbol(WHAT.tradeReport, report.symbol), LogLevel.WARNING);
      return;
    }
    const direction = SIDE_HFT2VT[report.side];
    if (direction === undefined) {
      this.sink.writeLog(
        msg.unsupportedReport(WHAT.tradeReport, report.tradeId, "side", report.side),
        LogLevel.WARNING,
      );
      return;
    }
    this.tradeIds.add(report.tradeId, report.reportSeq);
    const entry = this.findEntry(report.clOrderId, report.orderId);
    const orderid = entry?.order.orderid ?? (report.clOrderId !== "" ? report.clOrderId : report.orderId);
    const trade = createTrade({
      gatewayName: this.sink.gatewayName,
      symbol: split.symbol,
      exchange: split.exchange,
      orderid,
      tradeid: report.tradeId,
      direction,
      offset: entry?.order.offset ?? Offset.NONE,
      price: report.price,
      volume: report.volume,
      fee: report.fee,
      datetime: exchangeTime(report.tradingDay, report.tradeTime),
    });
    this.journal.saveTrade(trade);
    this.sink.onTrade(trade);
    this.refreshAfterFill();
  }

  /**
   * Positions and account change with every fill: query them shortly after a burst of fills
   * instead of waiting for the timer's refresh (one query per burst, not per fill).
   */
  private refreshAfterFill(): void {
    if (this.fillRefresh !== undefined || !this.connection.loggedIn) return;
    this.fillRefresh = setTimeout(() => {
      this.fillRefresh = undefined;
      this.refresh();
    }, FILL_REFRESH_MS);
    this.fillRefresh.unref();
  }
}

function rejectionReason(report: OrderReport): string {
  return report.errorMsg !== "" ? report.errorMsg : `rejected by the server (code ${report.errorCode})`;
}
