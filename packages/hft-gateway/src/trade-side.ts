/**
 * The trading side of the gateway, over `TraderApi`: login, the initial queries, orders and
 * cancels, order and trade reports, account and position refreshes, connection state.
 *
 * The reconciliation rules (order bookkeeping, report sequences, re-query after a reconnect,
 * broker sessions, trade dedup, adoption of foreign orders) live in `reconciliation.ts`; this class
 * wires them to the API, the journal and the gateway's pushers:
 * - with an order journal, each new order and its id are saved before it is sent, order changes
 *   and trades once per batch of reports (see `JournalLink`); a restarted process reloads the
 *   day's orders and trade ids, so replayed reports are recognised and the OMS is rebuilt from the
 *   journal and the server's answers;
 * - after a re-login that starts a new broker session, or on a broker without report sequences,
 *   orders and trades are queried again and reconciled.
 *
 * @module
 */

import {
  type CancelRequest,
  createAccount,
  createOrderData,
  createPosition,
  Direction,
  GatewaySide,
  isActiveOrder,
  type JournalContents,
  LogLevel,
  type OrderData,
  type OrderRequest,
  parseVtSymbol,
} from "@tsgate/core";
import {
  type CancelRspEvent,
  type CashRecord,
  finalLoginCodes,
  HFT_BATCH_CANCEL_MAX,
  type HftLibrary,
  type LoadHftLibraryOptions,
  type LoginEvent,
  type OrderSend,
  type PositionRecord,
  type SecurityRecord,
  type TraderApiEvents,
} from "@tsgate/hft-native";
import { connectionOptions, type HftApiFactory, type TraderApiPort } from "./api-ports.js";
import type { ContractStore } from "./contracts.js";
import { errorText, type GatewaySink } from "./gateway-sink.js";
import type { Subject } from "./i18n/gateway-subjects.js";
import type { JournalLink } from "./journal-link.js";
import { parseVendorSymbol } from "./mappings.js";
import { TRADE_LABELS, WHAT } from "./messages.js";
import type { OrderIdGenerator } from "./order-ids.js";
import { validateOrder } from "./order-validation.js";
import { Reconciler } from "./reconciliation.js";
import { DEFAULT_RETENTION, type RetentionLimits } from "./retention.js";
import type { HftSettings } from "./settings.js";
import { SideConnection } from "./side-connection.js";

/** After a fill, positions and account are queried once this much later (fills come in bursts). */
const FILL_REFRESH_MS = 200;

/** Trade login codes after which retrying cannot help (the native library stops reconnecting). */
const CREDENTIAL_ERRORS = finalLoginCodes("trade");

/** Why an order was not sent, and the log text that says so. */
interface LocalRefusal {
  readonly reason: string;
  readonly text: (orderid: string, reason: string) => string;
}

/** How the trade side creates its API (the factory's `createTrader`). */
export type CreateTrader = HftApiFactory["createTrader"];

/** The trading side of {@link HftGateway}. */
export class TradeSide {
  private api: TraderApiPort | undefined;
  private settings: HftSettings | undefined;
  private readonly connection: SideConnection;
  private accountId = "";
  private readonly book: Reconciler;
  private positionSymbols = new Set<string>();
  private accountQuery: Promise<void> | undefined;
  private positionQuery: Promise<void> | undefined;
  private fillRefresh: NodeJS.Timeout | undefined;
  /** The start-up queries of this start() all succeeded (READY was reported). */
  private loaded = false;
  /** Journal contents loaded at construction, pushed at the first connect. */
  private restored: JournalContents | undefined;

  constructor(
    private readonly sink: GatewaySink,
    private readonly contracts: ContractStore,
    private readonly orderIds: OrderIdGenerator,
    private readonly journal: JournalLink,
    retention: RetentionLimits = DEFAULT_RETENTION,
  ) {
    this.connection = new SideConnection(sink, GatewaySide.TRADE, TRADE_LABELS, CREDENTIAL_ERRORS);
    this.book = new Reconciler(
      sink.gatewayName,
      {
        orderChanged: (entry) => {
          this.journal.saveOrder(entry);
          this.sink.onOrder(entry.order);
        },
        serverIdLearnt: (entry) => this.journal.saveOrder(entry),
        tradeAdded: (trade) => {
          this.journal.saveTrade(trade);
          this.sink.onTrade(trade);
          this.refreshAfterFill();
        },
        log: (text, level) => this.sink.writeLog(text, level),
        get msg() {
          return sink.msg;
        },
      },
      retention,
    );
  }

  /**
   * Takes over the journal's orders and trade ids (without pushing them yet): reports and query
   * answers about them are then recognised, never adopted or pushed as new.
   */
  restore(contents: JournalContents): void {
    this.book.restore(contents);
    this.restored = contents;
  }

  /**
   * Forgets every order and trade id: the next connection is to another account or server, whose
   * ids and report sequences have nothing to do with these.
   */
  reset(): void {
    this.book.reset();
    this.positionSymbols = new Set();
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
      this.sink.msg.journalRestored(
        contents.orders.length,
        active,
        contents.trades.length,
        this.orderIds.peek(),
      ),
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
    this.loaded = false;
    this.connection.open(
      `${settings.交易服务器}:${settings.交易端口}`,
      () =>
        create({
          ...connectionOptions(settings.交易服务器, settings.交易端口, library, settings),
          orderSend: settings.orderSend as OrderSend,
        }),
      (api) => this.adopt(api),
      (api) =>
        api.login({
          accountId: settings.交易用户名,
          password: settings.交易密码,
          custOrgid: settings.机构代号,
          custBranchid: settings.营业部代号,
          clSystemId: settings.网关,
          accountType: settings.accountType,
        }),
    );
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
   *
   * Without a journal the order is checked and handed to the library first, and booked and pushed
   * SUBMITTING right after, in the same synchronous call (issue 22: the bytes leave before the
   * bookkeeping; no report can be handled in between, and the pushed events keep their order). Its
   * OrderData is built (and so checked) before anything is sent: a request that cannot become an
   * order throws with nothing sent, as before. With a journal the order and its id are saved
   * before they are sent, as a restart needs.
   */
  sendOrder(req: OrderRequest): string {
    let orderid = this.orderIds.next();
    // An id already in the book (an adopted order of another process) is taken: use the next.
    while (this.book.get(orderid) !== undefined) orderid = this.orderIds.next();
    // Stamped with the local time: a person reads when it was sent even if no report follows.
    const order = createOrderData(req, orderid, this.sink.gatewayName, new Date());
    if (this.journal.active) return this.sendJournalled(req, order);
    const refusal = this.send(req, order);
    const entry = this.book.addLocal(order);
    this.sink.onOrder(order);
    if (refusal !== undefined) this.book.rejectLocally(entry, refusal.reason, refusal.text);
    return order.vtOrderid;
  }

  /** {@link TradeSide.sendOrder} with a journal: the order is on record before it is sent. */
  private sendJournalled(req: OrderRequest, order: OrderData): string {
    const entry = this.book.addLocal(order);
    const journalProblem = this.journal.saveNewOrder(this.orderIds.prefix, this.orderIds.count, entry);
    this.sink.onOrder(order);
    const refusal =
      journalProblem !== undefined
        ? { reason: journalProblem, text: this.sink.msg.orderRejectedLocally }
        : this.send(req, order);
    if (refusal !== undefined) this.book.rejectLocally(entry, refusal.reason, refusal.text);
    return order.vtOrderid;
  }

  /** Checks the order and hands it to the library; returns why it was not sent, if it was not. */
  private send(req: OrderRequest, local: OrderData): LocalRefusal | undefined {
    const msg = this.sink.msg;
    const api = this.api;
    if (api === undefined) return { reason: msg.notConnectedRefusal(), text: msg.orderRejectedLocally };
    const checked = validateOrder(req, this.contracts.get(req.vtSymbol), msg.language);
    if (!checked.ok) return { reason: checked.reason, text: msg.orderRejectedLocally };
    const order = checked.order;
    try {
      api.order({
        clOrderId: local.orderid,
        symbol: order.symbol,
        orderType: order.orderType,
        side: order.side,
        volume: order.volume,
        price: order.price,
      });
    } catch (error) {
      return { reason: msg.libraryError(error), text: msg.orderSendFailed };
    }
    return undefined;
  }

  /**
   * Requests cancellation by the broker's order id when known, else by the client order id (the
   * library sends requests in order, so the server has the order by then). Unknown or finished
   * orders are logged, never thrown.
   */
  cancelOrder(req: CancelRequest): void {
    const entry = this.book.get(req.orderid);
    if (entry === undefined) {
      this.sink.writeLog(this.sink.msg.cancelUnknown(req.orderid), LogLevel.WARNING);
      return;
    }
    if (!isActiveOrder(entry.order)) {
      this.sink.writeLog(this.sink.msg.cancelFinished(req.orderid, entry.order.status), LogLevel.WARNING);
      return;
    }
    const api = this.api;
    if (api === undefined) {
      this.sink.writeLog(this.sink.msg.cancelNotConnected(req.orderid), LogLevel.WARNING);
      return;
    }
    try {
      if (entry.serverId !== "") api.cancelOrder({ orderId: entry.serverId, clOrderId: req.orderid });
      else api.cancelOrder({ clOrderId: req.orderid });
    } catch (error) {
      this.sink.writeLog(
        this.sink.msg.cancelSendFailed(req.orderid, this.sink.msg.libraryError(error)),
        LogLevel.WARNING,
      );
    }
  }

  /**
   * Cancels every active order (of `vtSymbol` when given): those the broker acknowledged in
   * batches of up to {@link HFT_BATCH_CANCEL_MAX} broker ids (one BatchCancelOrder each on the
   * vendor path), the rest (no broker id yet) one by one by client order id. Returns how many
   * orders it asked to cancel; problems are logged, never thrown. A cash account has no
   * broker-side cancel-all (the vendor's BatchCancelAllOrder is for credit accounts).
   */
  cancelAll(vtSymbol?: string): number {
    const active = this.book
      .activeOrders()
      .filter((entry) => vtSymbol === undefined || entry.order.vtSymbol === vtSymbol);
    if (active.length === 0) return 0;
    const api = this.api;
    if (api === undefined) {
      for (const entry of active)
        this.sink.writeLog(this.sink.msg.cancelNotConnected(entry.order.orderid), LogLevel.WARNING);
      return 0;
    }
    const acknowledged = active.filter((entry) => entry.serverId !== "");
    for (let i = 0; i < acknowledged.length; i += HFT_BATCH_CANCEL_MAX) {
      const batch = acknowledged.slice(i, i + HFT_BATCH_CANCEL_MAX);
      try {
        api.cancelOrders(batch.map((entry) => entry.serverId));
      } catch (error) {
        for (const entry of batch)
          this.sink.writeLog(
            this.sink.msg.cancelSendFailed(entry.order.orderid, errorText(error)),
            LogLevel.WARNING,
          );
      }
    }
    for (const entry of active) {
      if (entry.serverId !== "") continue;
      try {
        api.cancelOrder({ clOrderId: entry.order.orderid });
      } catch (error) {
        this.sink.writeLog(
          this.sink.msg.cancelSendFailed(entry.order.orderid, errorText(error)),
          LogLevel.WARNING,
        );
      }
    }
    return active.length;
  }

  // ---- queries ----

  /** Requests the account; the answer is pushed as `onAccount`. Logged and ignored unless logged in. */
  queryAccount(): void {
    if (this.api === undefined || !this.connection.loggedIn) {
      this.sink.writeLog(this.sink.msg.queryNotConnected(WHAT.account), LogLevel.WARNING);
      return;
    }
    this.requestCash();
  }

  /** Requests positions; the answer is pushed as `onPosition`. Logged and ignored unless logged in. */
  queryPosition(): void {
    if (this.api === undefined || !this.connection.loggedIn) {
      this.sink.writeLog(this.sink.msg.queryNotConnected(WHAT.positions), LogLevel.WARNING);
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
      .catch((error: unknown) => this.queryProblem(api, WHAT.account, error, this.sink.msg.refreshFailed))
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
      .catch((error: unknown) => this.queryProblem(api, WHAT.positions, error, this.sink.msg.refreshFailed))
      .finally(() => {
        this.positionQuery = undefined;
      });
  }

  /**
   * After the first login: contracts (all pages), then account, positions, orders and trades,
   * each logged. A failing step is logged and the next one still runs. READY follows when all
   * five succeeded; otherwise a warning names the failed ones.
   */
  private async initialQueries(api: TraderApiPort): Promise<void> {
    const failed: Subject[] = [];
    const step = (what: Subject, run: () => Promise<void>) => this.step(api, what, run, failed);
    await step(WHAT.contracts, async () => {
      let records: SecurityRecord[];
      try {
        records = await api.queryAll("securities");
      } catch (error) {
        // The vendor SDK has no whole-market securities query: its contracts come from the market
        // side's whole-market base info instead, so this is no failure (READY still follows).
        if (!isUnsupported(error)) throw error;
        // READY includes the contracts: wait until the market side's base info has come.
        await this.contracts.baseInfo.settled();
        this.sink.writeLog(this.sink.msg.contractsFromMarketData());
        return;
      }
      this.sink.writeLog(this.sink.msg.contractsLoaded(this.pushSecurities(records)));
    });
    await step(WHAT.account, async () => {
      this.pushCash(await api.queryAll("cash"));
      this.sink.writeLog(this.sink.msg.accountLoaded());
    });
    await step(WHAT.positions, async () => {
      const records = await api.queryAll("positions");
      this.pushPositions(records);
      this.sink.writeLog(this.sink.msg.positionsLoaded(records.length));
    });
    failed.push(...(await this.reconcileQueries(api)));
    if (this.api !== api) return;
    if (failed.length > 0) {
      this.sink.writeLog(this.sink.msg.notReady(failed), LogLevel.WARNING);
      return;
    }
    this.loaded = true;
    this.sink.writeReady(this.sink.msg.ready());
  }

  /**
   * Orders, then trades, applied by the reconciler: at the first login, and after a re-login that
   * started a new broker session or on a broker without report sequences. Returns the steps that
   * failed.
   */
  private async reconcileQueries(api: TraderApiPort): Promise<Subject[]> {
    const failed: Subject[] = [];
    const step = (what: Subject, run: () => Promise<void>) => this.step(api, what, run, failed);
    await step(WHAT.orders, async () => {
      // Only orders the broker knew before the query are judged by its answer.
      const acknowledged = this.book.acknowledgedActive();
      const records = await api.queryAll("orders");
      this.book.onOrderQuery(records, acknowledged);
      this.sink.writeLog(this.sink.msg.ordersLoaded(records.length));
    });
    await step(WHAT.trades, async () => {
      const records = await api.queryAll("trades");
      let known = 0;
      for (const record of records) if (!this.book.onTradeReport(record, "query")) known++;
      this.sink.writeLog(this.sink.msg.tradesLoaded(records.length));
      if (known > 0) this.sink.writeLog(this.sink.msg.tradesAlreadyKnown(known), LogLevel.DEBUG);
    });
    return failed;
  }

  /** Runs one start-up query; a failure is logged and, while `api` is current, added to `failed`. */
  private async step(
    api: TraderApiPort,
    what: Subject,
    run: () => Promise<void>,
    failed: Subject[],
  ): Promise<void> {
    if (this.api !== api) return;
    try {
      await run();
    } catch (error) {
      this.queryProblem(api, what, error, this.sink.msg.queryFailed);
      if (this.api === api) failed.push(what);
    }
  }

  private queryProblem(
    api: TraderApiPort,
    what: Subject,
    error: unknown,
    text: (what: Subject, detail: string) => string,
  ): void {
    // Pending queries are rejected when the api closes; that is not worth a warning.
    if (this.api !== api) return;
    this.sink.writeLog(text(what, this.sink.msg.libraryError(error)), LogLevel.WARNING);
  }

  private pushSecurities(records: readonly SecurityRecord[]): number {
    let count = 0;
    for (const record of records) {
      if (this.contracts.addSecurity(record) !== undefined) count++;
      else this.sink.writeLog(this.sink.msg.badSymbol(WHAT.contracts, record.symbol), LogLevel.WARNING);
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
        this.sink.writeLog(this.sink.msg.badSymbol(WHAT.positions, record.symbol), LogLevel.WARNING);
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

  /** The API just created becomes the side's: its events are listened to. */
  private adopt(api: TraderApiPort): void {
    this.api = api;
    this.listen(api);
  }

  private listen(api: TraderApiPort): void {
    const on = <K extends keyof TraderApiEvents>(
      name: K,
      handler: (event: TraderApiEvents[K]) => void,
    ): void => {
      api.on(
        name,
        this.connection.guarded(String(name), () => this.api === api, handler),
      );
    };
    on("connecting", (ev) => this.connection.onConnecting(ev));
    on("connected", () => this.connection.onConnected());
    on("disconnected", (ev) => this.connection.onDisconnected(ev));
    on("login", (ev) => this.onLogin(ev, api));
    on("error", (ev) =>
      this.sink.writeLog(this.sink.msg.tradeLibraryError(ev.errorCode, ev.message), LogLevel.WARNING),
    );
    on("orderRsp", (ev) => this.book.onOrderRsp(ev));
    on("cancelRsp", (ev) => this.onCancelRsp(ev));
    on("orderStatus", (ev) => this.book.onOrderReport(ev, true));
    on("tradeReport", (ev) => this.book.onTradeReport(ev, ev.replay ? "replay" : "live"));
    on("riskNotify", (ev) =>
      this.sink.writeLog(
        this.sink.msg.riskNotify(ev.level, ev.code, ev.message),
        ev.level >= 3 ? LogLevel.ERROR : LogLevel.WARNING,
      ),
    );
  }

  private onLogin(ev: LoginEvent, api: TraderApiPort): void {
    const settings = this.settings;
    if (!ev.ok) {
      this.connection.loginFailed(
        ev.errorCode,
        this.sink.msg.tradeLoginFailed(
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
    const verdict = this.book.onLogin(ev, first);
    if (first) {
      void this.initialQueries(api);
      return;
    }
    // Account and positions may have moved.
    this.refresh();
    // Reports resume by sequence inside the library, unless the broker has none or lost them: then
    // orders and trades are queried again, and READY follows once they are reconciled.
    if (verdict.requery) {
      void this.reconcileQueries(api).then((failed) => {
        if (failed.length === 0 && this.loaded && this.api === api)
          this.sink.writeReady(this.sink.msg.readyAgain());
      });
    } else if (this.loaded) {
      this.sink.writeReady(this.sink.msg.readyAgain());
    }
  }

  private onCancelRsp(ev: CancelRspEvent): void {
    if (ev.status !== "CancelRejected" && ev.errorCode === 0) return;
    const orderid = this.book.localIdOf(ev.clOrderId, ev.orderId) ?? (ev.clOrderId || ev.orderId);
    // An empty text reads as the catalogue's "no reason given", in the gateway's language.
    this.sink.writeLog(this.sink.msg.cancelRejected(orderid, ev.errorCode, ev.errorMsg), LogLevel.WARNING);
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

/** A call the loaded library does not offer (`HFT_E_UNSUPPORTED`), as opposed to one that failed. */
function isUnsupported(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "UNSUPPORTED";
}
