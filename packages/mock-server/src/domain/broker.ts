/**
 * The simulated broker: accounts, instruments, markets, order handling, reports and queries of
 * one trading day, behind one synchronous facade with no I/O (except reading a replay CSV once at
 * construction). The trade and market servers translate frames to these calls.
 *
 * Report timing: the reports caused by a call (`placeOrder`, `cancelOrder`, `stepMarket`) are
 * journaled and delivered to `onReport` listeners synchronously, during the call, so they are
 * delivered before the call returns its response. A server that wants the response on the wire
 * before the reports (protocol.md section 9) buffers what its listener receives during the call
 * and writes it after the response.
 */
import { readFileSync } from "node:fs";
import type {
  BaseInfo,
  CancelReq,
  CancelRsp,
  CashRecord,
  LoginReq,
  LoginRsp,
  MarketData,
  MdLoginRsp,
  OrderReq,
  OrderRsp,
  PositionRecord,
  QueryRecord,
  QueryReq,
  QueryRsp,
  Report,
  TradeReport,
} from "../protocol/messages.js";
import { ErrorCode, OrderStatus, OrderType, QueryKind, Side } from "../protocol/messages.js";
import { Account } from "./accounts.js";
import {
  type CageRule,
  cageRejection,
  cageRuleOf,
  checkBuyVolume,
  checkCash,
  checkLimitPrice,
  checkOrderCap,
  checkSellCash,
  checkSellVolume,
  checkTypeAndSide,
  checkVolumeAndPrice,
  insideCage,
  type Rejection,
  rejection,
} from "./ashare-rules.js";
import { type AuctionOrder, allocate, uncross } from "./call-auction.js";
import type { MockConfig } from "./config.js";
import { NO_CANCEL_WINDOWS, PRICE_SCALE } from "./constants.js";
import { parseReplayCsv, ReplayDriver } from "./csv-replay.js";
import { formatClock, isTradingDate, toExchangeTime } from "./exchange-clock.js";
import { type FeeBreakdown, FeeSchedule, type TradeFees, ZERO_FEE } from "./fees.js";
import { type Instrument, resolveInstrument, symbolOf, toBaseInfo, toSecurityRecord } from "./instruments.js";
import { InstrumentMarket, type PriceDriver, RandomWalkDriver } from "./market-sim.js";
import { restingFill, stepPools, takeLiquidity } from "./matching.js";
import { fitMessage } from "./message-text.js";
import { yuanToScaled } from "./money.js";
import { checkOrderTypeForMarket, isKnownOrderType, isMarketOrder, oppositeVolume } from "./order-types.js";
import { isFinal, type Order, OrderStore, orderReportBody, remainingVolume } from "./orders.js";
import { PreOpenQueue } from "./pre-open-queue.js";
import { ProgrammaticCounters, type ProgrammaticCounts, type RiskNotice } from "./programmatic-counters.js";
import { checkQuery, type Page, pageByIndex, pageBySymbol, queryError } from "./query.js";
import { ReportJournal } from "./report-journal.js";
import { ScriptedDriver } from "./scripted-book.js";
import {
  CLOSING_UNCROSS_TIME,
  CONTINUOUS_START_TIME,
  isMarketOpen,
  OPENING_UNCROSS_TIME,
  phaseAt,
  type SessionMode,
  TradingPhase,
} from "./sessions.js";

/** Options of a {@link Broker}. */
export interface BrokerOptions {
  /** Overrides the market simulation's seed from the config. */
  seed?: number;
  /** The clock (default: the system clock). Times are converted to exchange time (UTC+8). */
  now?: () => Date;
  /** Reads the replay CSV (default: `fs.readFileSync(path, "utf8")`). */
  readFile?: (path: string) => string;
  /** Called when an `onReport` listener throws (default: `console.error`). */
  onListenerError?: (error: unknown) => void;
}

/** Positions and cash of an account, for ledger checks. */
export interface AccountBooks {
  cash: CashRecord;
  positions: PositionRecord[];
  /** Fees paid so far by part (scaled): commission, stamp duty, transfer fee, and their total. */
  fees: FeeBreakdown;
}

/** The result of an order check: a rejection, or the cash/share reservations of the accepted order. */
type Checked =
  | { rejection: Rejection }
  | {
      rejection?: undefined;
      reservePrice: number;
      frozenCash: number;
      sellReserve: number;
      /** Outside the price cage on an exchange that holds such orders. */
      caged: boolean;
    };

const NOT_LOGGED_IN = "request before login: unknown account";

/**
 * A simulated Guotai Junan broker for one trading day. Construct it from a validated
 * {@link MockConfig}; every method is synchronous and deterministic given the seed, the clock and
 * the sequence of calls.
 */
export class Broker {
  /**
   * `YYYYMMDD`: the config's `tradingDay`, else today (exchange time) at construction; in
   * `realtime` mode it moves to each new trading day the clock reaches (the rollover: day orders
   * expire, T+1 unlocks, new previous close and limits).
   */
  get tradingDay(): number {
    this.clock(); // a new trading day on the clock rolls the broker over first
    return this.day;
  }
  private day: number;
  /** The clock's calendar day last seen: a later one that is a trading day rolls the broker over. */
  private clockDay: number;
  /** The latest time of `clockDay` the clock was read at (infinity once it went past that day). */
  private clockTime: number;
  private readonly holidays: ReadonlySet<number>;
  /** The call auction the clock is in (realtime mode), uncrossed when the clock leaves it. */
  private auction: TradingPhase | undefined;
  /** 09:25–09:30 on a trading day (realtime mode): requests are held until 09:30. */
  private preOpen = false;
  private readonly preOpenQueue = new PreOpenQueue<Order>();
  /** Set while the clock's transitions run, so the reports they make do not start them again. */
  private syncing = false;
  private readonly instrumentConfigs: MockConfig["instruments"];
  /** How trading hours are enforced. */
  readonly sessionMode: SessionMode;
  /** How often the servers should call {@link stepMarket}. */
  readonly tickIntervalMs: number;

  private readonly now: () => Date;
  private readonly fees: FeeSchedule;
  private readonly instruments = new Map<string, Instrument>();
  private sortedInstruments: Instrument[];
  private readonly markets = new Map<string, InstrumentMarket>();
  private readonly marketList: InstrumentMarket[] = [];
  private readonly driver: PriceDriver;
  private readonly accounts = new Map<string, Account>();
  private readonly mdUsers = new Map<string, string>();
  private orders: OrderStore;
  private readonly trades = new Map<string, TradeReport[]>();
  /** Fee parts of every fill, by trade id (a trade report carries only the total). */
  private readonly tradeFees = new Map<string, FeeBreakdown>();
  /** Fee parts paid per account. */
  private readonly accountFees = new Map<string, FeeBreakdown>();
  /** Open limit orders per symbol, matched on every market step. */
  private readonly resting = new Map<string, Order[]>();
  private readonly pendingCancels = new Set<Order>();
  private readonly journal: ReportJournal;
  private readonly cancelDelaySteps: number;
  /** Enforce the price cage (config `rules.priceCage`; default on in realtime sessions). */
  private readonly priceCage: boolean;
  private readonly counters = new ProgrammaticCounters();
  private readonly riskListeners = new Set<(accountId: string, notice: RiskNotice) => void>();
  private readonly onListenerError: (error: unknown) => void;
  private loginRejects = 0;
  private orderRejects = 0;
  private mdLoginRejects = 0;

  constructor(config: MockConfig, options: BrokerOptions = {}) {
    this.now = options.now ?? (() => new Date());
    const start = toExchangeTime(this.now());
    this.day = config.tradingDay ?? start.day;
    this.clockDay = start.day;
    this.clockTime = start.time;
    this.holidays = new Set(config.holidays);
    this.instrumentConfigs = config.instruments;
    this.sessionMode = config.sessionMode;
    this.tickIntervalMs = config.market.tickIntervalMs;
    this.cancelDelaySteps = config.matching.cancelDelaySteps;
    this.priceCage = config.rules.priceCage ?? config.sessionMode === "realtime";
    this.fees = new FeeSchedule(config.fees);
    this.journal = new ReportJournal(options.onListenerError);
    this.onListenerError = options.onListenerError ?? ((e) => console.error(e));
    this.orders = new OrderStore(this.tradingDay);

    for (const cfg of config.instruments) {
      const inst = resolveInstrument(cfg, this.tradingDay);
      this.instruments.set(inst.symbol, inst);
    }
    this.sortedInstruments = [...this.instruments.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    for (const cfg of config.accounts) this.accounts.set(cfg.accountId, new Account(cfg));
    for (const u of config.mdUsers) this.mdUsers.set(u.user, u.password);

    const seed = options.seed ?? config.market.seed;
    if (config.market.mode === "replay") {
      const read = options.readFile ?? ((path: string) => readFileSync(path, "utf8"));
      const rows = parseReplayCsv(read(config.market.csvPath), this.instruments, config.market.csvPath);
      this.driver = new ReplayDriver(rows, config.market.loop, seed);
    } else if (config.market.mode === "scripted") {
      this.driver = new ScriptedDriver(config.market.books);
    } else {
      this.driver = new RandomWalkDriver(seed, config.market.volatility);
    }
    for (const inst of this.sortedInstruments) {
      const market = new InstrumentMarket(inst, start.time);
      this.driver.init(market);
      this.markets.set(inst.symbol, market);
      this.marketList.push(market);
    }
  }

  /**
   * Exchange time now. In realtime mode it first runs what the clock passed since it was last read,
   * however far it jumped: on a trading day the opening uncross at 09:25, the pre-open's held
   * requests at 09:30 and the closing uncross at 15:00, each once; then the rollover to a new
   * trading day it reached.
   */
  private clock(): number {
    const now = toExchangeTime(this.now());
    if (this.syncing || this.sessionMode !== "realtime") return now.time;
    this.syncing = true;
    try {
      this.auction = undefined;
      this.preOpen = false;
      if (isTradingDate(this.clockDay, this.holidays)) {
        const reached = now.day > this.clockDay ? Number.POSITIVE_INFINITY : now.time;
        for (const [at, run] of this.sessionEvents) {
          if (this.clockTime < at && reached >= at) run(at);
        }
      }
      this.clockTime =
        now.day > this.clockDay ? Number.POSITIVE_INFINITY : Math.max(this.clockTime, now.time);
      if (now.day > this.clockDay && isTradingDate(now.day, this.holidays)) this.rollover(now.day, now.time);
      const phase = phaseAt(now.time);
      const auction = phase === TradingPhase.OpeningAuction || phase === TradingPhase.ClosingAuction;
      const tradingNow = now.day === this.clockDay && isTradingDate(now.day, this.holidays);
      this.auction = auction && tradingNow ? phase : undefined;
      this.preOpen = phase === TradingPhase.PreOpen && tradingNow;
    } finally {
      this.syncing = false;
    }
    return now.time;
  }

  /** What happens at a moment of each trading day (`HHMMSSmmm`), in time order. */
  private readonly sessionEvents: readonly (readonly [number, (time: number) => void])[] = [
    [OPENING_UNCROSS_TIME, (t) => this.uncrossAll(t)],
    [CONTINUOUS_START_TIME, (t) => this.releasePreOpen(t)],
    [CLOSING_UNCROSS_TIME, (t) => this.uncrossAll(t)],
  ];

  /** The orders of a call auction for one instrument: the accounts' limit orders and the simulated book. */
  private auctionOrders(market: InstrumentMarket): AuctionOrder<Order | number>[] {
    const out: AuctionOrder<Order | number>[] = [];
    // The simulated book's levels are the crowd's orders, there before ours (rank −1); keys −1…−5
    // are bids, −6…−10 asks.
    for (let i = 0; i < market.bidPrice.length; i++) {
      const bp = market.bidPrice[i] ?? 0;
      const bv = market.bidVolume[i] ?? 0;
      if (bp > 0 && bv > 0) out.push({ key: -1 - i, side: Side.Bid, price: bp, volume: bv, rank: -1 });
      const ap = market.askPrice[i] ?? 0;
      const av = market.askVolume[i] ?? 0;
      if (ap > 0 && av > 0) out.push({ key: -6 - i, side: Side.Ask, price: ap, volume: av, rank: -1 });
    }
    for (const o of this.resting.get(market.instrument.symbol) ?? []) {
      // A held (caged) order takes part too: the cage is a rule of continuous trading only.
      if (isFinal(o.status) || o.orderType !== OrderType.LMT) continue;
      out.push({ key: o, side: o.side, price: o.price, volume: remainingVolume(o), rank: o.seq });
    }
    return out;
  }

  /** The auction price and volume of an instrument now (indicative during the auction). */
  private auctionResult(market: InstrumentMarket, phase: TradingPhase) {
    const inst = market.instrument;
    return uncross(this.auctionOrders(market), {
      exchange: inst.symbol.startsWith("SZ.") ? "SZSE" : "SSE",
      reference: phase === TradingPhase.OpeningAuction ? inst.preClose : market.last,
      tick: inst.priceTick,
    });
  }

  /**
   * Uncrosses every instrument's call auction at one price (call-auction.ts): our orders fill at
   * it, the market trades it (the opening price at 09:25, the close at 15:00) and the simulated
   * book is rebuilt around it. What does not execute rests on.
   */
  private uncrossAll(time: number): void {
    const phase = time === OPENING_UNCROSS_TIME ? TradingPhase.OpeningAuction : TradingPhase.ClosingAuction;
    for (const market of this.marketList) {
      const orders = this.auctionOrders(market);
      const result = this.auctionResult(market, phase);
      if (result === undefined) continue;
      market.time = time;
      market.recordTrade(result.price, result.volume);
      for (const [key, q] of allocate(orders, result)) {
        if (typeof key === "number") continue;
        key.caged = false;
        this.fill(key, result.price, q, time);
      }
      this.driver.init(market);
    }
  }

  /** Is the clock's date a trading day (weekdays that are not holidays)? Always in always-open mode. */
  private isTradingDateNow(): boolean {
    return this.sessionMode === "always-open" || isTradingDate(toExchangeTime(this.now()).day, this.holidays);
  }

  /**
   * Moves the broker to trading day `day` (`realtime` mode, when the clock reaches it): the day
   * orders still open expire (reported CancelFilled or PartiallyCanceled), shares bought are
   * sellable (T+1: yesterday volume = volume), each instrument's previous close is its last price
   * with the limits in force on `day`, the markets start a new day, order ids and client order ids
   * start again. Report sequences continue, so a client resumes across days.
   */
  private rollover(day: number, time: number): void {
    this.clockDay = day; // first: the reports below read the trading day, which must not roll again
    this.clockTime = time;
    const expire = (order: Order) => {
      if (isFinal(order.status)) return;
      order.errorMsg = fitMessage(`day order expired at the close of ${this.day}`);
      this.cancelRemainder(order, time);
    };
    for (const list of this.resting.values()) for (const order of list) expire(order);
    for (const order of [...this.pendingCancels]) expire(order);
    this.resting.clear();
    this.pendingCancels.clear();
    for (const account of this.accounts.values()) account.rollover();
    this.day = day;
    this.orders = new OrderStore(day);
    this.trades.clear();
    this.marketList.length = 0;
    for (const cfg of this.instrumentConfigs) {
      const symbol = `${cfg.market}.${cfg.code}`;
      const close = this.markets.get(symbol)?.last ?? yuanToScaled(cfg.preClose);
      const inst = resolveInstrument({ ...cfg, preClose: close / PRICE_SCALE }, day);
      this.instruments.set(symbol, inst);
    }
    this.sortedInstruments = [...this.instruments.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    for (const inst of this.sortedInstruments) {
      const market = new InstrumentMarket(inst, time);
      this.driver.init(market);
      this.markets.set(inst.symbol, market);
      this.marketList.push(market);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Logins and faults

  /** Trade login: 1001 unknown account, 1002 password, 1003 org code, 1004 branch code, 1006 account type, 1005 fault. */
  tradeLogin(req: LoginReq): LoginRsp {
    const fail = (code: number, message: string): LoginRsp => ({
      errorCode: code,
      errorMsg: fitMessage(message),
      accountId: req.accountId,
      tradingDay: this.tradingDay,
      lastReportSeq: 0,
    });
    if (this.loginRejects > 0) {
      this.loginRejects -= 1;
      return fail(
        ErrorCode.LOGIN_REJECTED,
        "login rejected by the server: service unavailable, try again later",
      );
    }
    const account = this.accounts.get(req.accountId);
    if (account === undefined)
      return fail(ErrorCode.LOGIN_UNKNOWN_ACCOUNT, `unknown account "${req.accountId}" (交易用户名)`);
    if (req.password !== account.password) {
      return fail(ErrorCode.LOGIN_WRONG_PASSWORD, `wrong password (交易密码) for account "${req.accountId}"`);
    }
    if (req.custOrgid !== account.orgCode) {
      return fail(
        ErrorCode.LOGIN_WRONG_ORG,
        `wrong org code (机构代号) "${req.custOrgid}" for account "${req.accountId}"`,
      );
    }
    if (req.custBranchid !== account.branchCode) {
      return fail(
        ErrorCode.LOGIN_WRONG_BRANCH,
        `wrong branch code (营业部代号) "${req.custBranchid}" for account "${req.accountId}"`,
      );
    }
    if (req.accountType !== 1) {
      return fail(
        ErrorCode.LOGIN_UNSUPPORTED_ACCOUNT_TYPE,
        `unsupported account type ${req.accountType}: only 1 (stock cash account) is supported`,
      );
    }
    return {
      errorCode: ErrorCode.OK,
      errorMsg: "",
      accountId: account.accountId,
      tradingDay: this.tradingDay,
      lastReportSeq: this.journal.lastSeq(account.accountId),
    };
  }

  /** Market-data login: 5001 unknown user, 5002 wrong password, 5005 fault. */
  mdLogin(user: string, password: string): MdLoginRsp {
    if (this.mdLoginRejects > 0) {
      this.mdLoginRejects -= 1;
      return {
        errorCode: ErrorCode.MD_LOGIN_REJECTED,
        errorMsg: "market login rejected by the server: service unavailable",
      };
    }
    const expected = this.mdUsers.get(user);
    if (expected === undefined) {
      return {
        errorCode: ErrorCode.MD_LOGIN_UNKNOWN_USER,
        errorMsg: fitMessage(`unknown market-data user "${user}" (行情用户名)`),
      };
    }
    if (expected !== password) {
      return {
        errorCode: ErrorCode.MD_LOGIN_WRONG_PASSWORD,
        errorMsg: fitMessage(`wrong password (行情密码) for user "${user}"`),
      };
    }
    return { errorCode: ErrorCode.OK, errorMsg: "" };
  }

  /** The next `n` trade logins fail with 1005 (replaces any previous count). */
  rejectNextLogins(n: number): void {
    this.loginRejects = Math.max(0, Math.floor(n));
  }

  /** The next `n` orders are rejected with 2015 (replaces any previous count). */
  rejectNextOrders(n: number): void {
    this.orderRejects = Math.max(0, Math.floor(n));
  }

  /** The next `n` market-data logins fail with 5005 (replaces any previous count). */
  rejectNextMdLogins(n: number): void {
    this.mdLoginRejects = Math.max(0, Math.floor(n));
  }

  // ---------------------------------------------------------------------------------------------
  // Orders

  /**
   * Places an order. Accepted: reports PendingNew, New, then a TRADE_REPORT + ORDER_REPORT per
   * immediate fill; a market order's remainder (B5TC, IOC) is cancelled at once, and an AON the
   * displayed book cannot fill in full is cancelled whole (domain/order-types.ts). Rejected: one ORDER_REPORT Rejected
   * with the same code and reason as the response. A `clOrderId` already used by the account
   * today: 2012 with the existing order's id and no report. 09:25–09:30 (realtime mode): accepted
   * and held by the broker (PendingNew), sent to the exchange at 09:30 (New, or Rejected 2017 by
   * SSE's price cage).
   */
  placeOrder(accountId: string, req: OrderReq): OrderRsp {
    const account = this.accounts.get(accountId);
    if (account === undefined) {
      return {
        clOrderId: req.clOrderId,
        orderId: "",
        errorCode: ErrorCode.NOT_LOGGED_IN,
        errorMsg: NOT_LOGGED_IN,
      };
    }
    if (req.clOrderId !== "") {
      const existing = this.orders.byClientId(accountId, req.clOrderId);
      if (existing !== undefined) {
        return {
          clOrderId: req.clOrderId,
          orderId: existing.orderId,
          errorCode: ErrorCode.ORDER_DUPLICATE_CL_ORDER_ID,
          errorMsg: fitMessage(
            `duplicate clOrderId "${req.clOrderId}": already used today by order ${existing.orderId}`,
          ),
        };
      }
    }
    const time = this.clock();
    const checked = this.checkOrder(account, req, time);
    const seq = this.orders.nextSeq;
    const valid = checked.rejection === undefined;
    const order: Order = {
      seq,
      orderId: this.orders.orderIdOf(seq),
      clOrderId: req.clOrderId,
      accountId,
      symbol: req.symbol,
      // A rejected order keeps what it asked for, made encodable: an invalid side/type (2013) or a
      // non-integer number (only possible in-process) is reported as Bid/LMT/0.
      side: req.side === Side.Ask ? Side.Ask : Side.Bid,
      orderType: isKnownOrderType(req.orderType) ? req.orderType : OrderType.LMT,
      price:
        (isKnownOrderType(req.orderType) && isMarketOrder(req.orderType)) || !Number.isSafeInteger(req.price)
          ? 0
          : req.price,
      volume: Number.isSafeInteger(req.volume) ? req.volume : 0,
      createTime: time,
      status: valid ? OrderStatus.PendingNew : OrderStatus.Rejected,
      filledVolume: 0,
      filledAmount: 0,
      canceledVolume: 0,
      feesPaid: 0,
      frozenCash: valid ? checked.frozenCash : 0,
      reservePrice: valid ? checked.reservePrice : 0,
      sellReserve: valid ? checked.sellReserve : 0,
      errorCode: valid ? 0 : checked.rejection.code,
      errorMsg: valid ? "" : checked.rejection.reason,
      updateTime: time,
      lastReportSeq: 0,
      cancelStepsLeft: undefined,
      caged: valid && checked.caged,
    };
    this.orders.add(order);
    if (!valid) {
      this.report(order, OrderStatus.Rejected, time);
      return {
        clOrderId: req.clOrderId,
        orderId: order.orderId,
        errorCode: order.errorCode,
        errorMsg: order.errorMsg,
      };
    }

    // Accepted: reserve cash / shares; then it goes to the exchange, or waits at the broker
    // 09:25–09:30, when the exchanges take no orders.
    account.adjustFrozenCash(order.frozenCash);
    if (order.side === Side.Ask) account.freezeShares(order.symbol, order.volume);
    this.report(order, OrderStatus.PendingNew, time);
    if (this.preOpen) this.preOpenQueue.holdOrder(order);
    else this.route(order, time);
    return { clOrderId: req.clOrderId, orderId: order.orderId, errorCode: ErrorCode.OK, errorMsg: "" };
  }

  /**
   * An accepted order reaches the exchange: it counts, is acknowledged (New) and takes what the
   * book offers (not while held by the cage or in a call auction); what is left rests (limit) or
   * is cancelled (market).
   */
  private route(order: Order, time: number): void {
    this.count(order.accountId, time);
    this.report(order, OrderStatus.New, time);
    const market = this.markets.get(order.symbol) as InstrumentMarket;
    market.time = time;
    const unfillable =
      order.orderType === OrderType.AON &&
      oppositeVolume(market.askVolume, market.bidVolume, order.side === Side.Bid) < order.volume;
    if (!order.caged && this.auction === undefined && !unfillable) this.take(order, market, time);
    if (remainingVolume(order) > 0) {
      if (isMarketOrder(order.orderType)) this.cancelRemainder(order, time);
      else this.restingList(order.symbol).push(order);
    }
  }

  /**
   * 09:30: what the broker held since 09:25 goes to the exchange, in arrival order. An order meets
   * the price cage of continuous trading first (SSE refuses it, 2017, reported Rejected; SZSE holds
   * it), then is routed; a cancel of an order already at the exchange completes (or starts its
   * `cancelDelaySteps`).
   */
  private releasePreOpen(time: number): void {
    for (const { kind, order } of this.preOpenQueue.drain()) {
      if (isFinal(order.status)) continue;
      if (kind === "cancel") {
        this.count(order.accountId, time, order.createTime);
        if (this.cancelDelaySteps === 0) this.cancelRemainder(order, time);
        else this.pendingCancels.add(order);
        continue;
      }
      const inst = this.instruments.get(order.symbol) as Instrument;
      const rule = order.orderType === OrderType.LMT ? this.cageNow(inst, time) : undefined;
      if (rule !== undefined && !this.inCage(rule, inst, order.side, order.price)) {
        if (rule.action === "refuse") {
          this.rejectAccepted(order, cageRejection(rule, inst, order.side, order.price), time);
          continue;
        }
        order.caged = true;
      }
      this.route(order, time);
    }
  }

  /** The exchange refuses an order the broker had accepted: its reservations are released. */
  private rejectAccepted(order: Order, refused: Rejection, time: number): void {
    const account = this.accounts.get(order.accountId) as Account;
    account.adjustFrozenCash(-order.frozenCash);
    order.frozenCash = 0;
    if (order.side === Side.Ask) account.releaseShares(order.symbol, order.volume);
    order.errorCode = refused.code;
    order.errorMsg = refused.reason;
    this.report(order, OrderStatus.Rejected, time);
  }

  /** Fills an order that arrives (or leaves the cage) against the displayed book. */
  private take(order: Order, market: InstrumentMarket, time: number): void {
    const limit = order.orderType === OrderType.LMT ? order.price : undefined;
    for (const fill of takeLiquidity(market, order.side, limit, remainingVolume(order))) {
      this.fill(order, fill.price, fill.volume, time);
    }
  }

  /** The price cage that applies to a limit order now, or undefined (off, not continuous, none for the instrument). */
  private cageNow(inst: Instrument, time: number): CageRule | undefined {
    if (!this.priceCage) return undefined;
    if (this.sessionMode !== "always-open" && phaseAt(time) !== TradingPhase.Continuous) return undefined;
    return cageRuleOf(inst, this.tradingDay);
  }

  /** Is a limit order inside the cage against the instrument's current book? */
  private inCage(rule: CageRule, inst: Instrument, side: Side, price: number): boolean {
    const m = this.markets.get(inst.symbol) as InstrumentMarket;
    const book = {
      bid1: m.bidPrice[0] ?? 0,
      ask1: m.askPrice[0] ?? 0,
      last: m.last,
      preClose: inst.preClose,
    };
    return insideCage(rule, inst, side, price, book);
  }

  /** Runs the A-share rules (see ashare-rules.ts for the order of checks). */
  private checkOrder(account: Account, req: OrderReq, time: number): Checked {
    if (this.orderRejects > 0) {
      this.orderRejects -= 1;
      return {
        rejection: rejection(ErrorCode.ORDER_REJECTED, "order rejected by the server (fault injection)"),
      };
    }
    const kind = checkTypeAndSide(req.orderType, req.side);
    if (kind) return { rejection: kind };
    const inst = this.instruments.get(req.symbol);
    if (inst === undefined) {
      return {
        rejection: rejection(
          ErrorCode.ORDER_UNKNOWN_SECURITY,
          `unknown security "${req.symbol}": expected e.g. SH.600000`,
        ),
      };
    }
    const orderType = req.orderType as OrderType;
    const invalid = checkVolumeAndPrice(orderType, req.volume, req.price);
    if (invalid) return { rejection: invalid };
    const cap = checkOrderCap(inst, orderType, req.volume);
    if (cap) return { rejection: cap };
    const typeRule = checkOrderTypeForMarket(inst, orderType);
    if (typeRule) return { rejection: typeRule };
    if (!this.isTradingDateNow()) {
      return {
        rejection: rejection(
          ErrorCode.ORDER_OUTSIDE_TRADING_HOURS,
          `no trading today (${toExchangeTime(this.now()).day}: weekend or exchange holiday)`,
        ),
      };
    }
    if (!isMarketOpen(this.sessionMode, time)) {
      return {
        rejection: rejection(
          ErrorCode.ORDER_OUTSIDE_TRADING_HOURS,
          `outside trading hours (${formatClock(time)}): orders are accepted 09:15–11:30 and 13:00–15:00`,
        ),
      };
    }
    if (this.auction !== undefined && isMarketOrder(orderType)) {
      return {
        rejection: rejection(
          ErrorCode.ORDER_OUTSIDE_TRADING_HOURS,
          `market orders are accepted in continuous trading only; now (${formatClock(time)}) is a call auction: send a limit order`,
        ),
      };
    }
    if (orderType === OrderType.LMT) {
      const priceRule = checkLimitPrice(inst, req.price);
      if (priceRule) return { rejection: priceRule };
    }
    if (req.side === Side.Bid) {
      const lot = checkBuyVolume(inst, req.volume);
      if (lot) return { rejection: lot };
      const reservePrice = orderType === OrderType.LMT ? req.price : inst.limitUp;
      const frozenCash = this.fees.buyReserve(0, req.volume, reservePrice);
      const cash = checkCash(account.available, frozenCash, req.volume * reservePrice);
      if (cash) return { rejection: cash };
      return this.caged(inst, req, time, { reservePrice, frozenCash, sellReserve: 0 });
    }
    const holding = checkSellVolume(inst, req.volume, account.findPosition(inst.symbol));
    if (holding) return { rejection: holding };
    const lowest = orderType === OrderType.LMT ? req.price : inst.limitDown;
    const sellReserve = this.fees.sellReserve(req.volume, lowest, inst.isStock);
    const cash = checkSellCash(account.available, sellReserve);
    if (cash) return { rejection: cash };
    return this.caged(inst, req, time, { reservePrice: 0, frozenCash: sellReserve, sellReserve });
  }

  /** The last check: the price cage refuses (SSE) or holds (SZSE) a limit order outside it. */
  private caged(
    inst: Instrument,
    req: OrderReq,
    time: number,
    accepted: { reservePrice: number; frozenCash: number; sellReserve: number },
  ): Checked {
    const rule = req.orderType === OrderType.LMT ? this.cageNow(inst, time) : undefined;
    const side = req.side as Side;
    if (rule === undefined || this.inCage(rule, inst, side, req.price)) return { ...accepted, caged: false };
    if (rule.action === "refuse") return { rejection: cageRejection(rule, inst, side, req.price) };
    return { ...accepted, caged: true };
  }

  /**
   * Cancels an open order, found by `orderId` or else by `clOrderId`. Accepted: ORDER_REPORT
   * Canceling, then (at once, or after `matching.cancelDelaySteps` market steps) CancelFilled or
   * PartiallyCanceled. 09:25–09:30: an order the broker still holds is withdrawn at once; a cancel
   * of an order at the exchange stays Canceling until it is sent at 09:30. Refused with
   * CancelRejected: 3001 unknown, 3002 final, 3003 already pending, 3004 in a no-cancel window.
   */
  cancelOrder(accountId: string, req: CancelReq): CancelRsp {
    const refuse = (code: number, message: string, order?: Order): CancelRsp => ({
      orderId: order?.orderId ?? req.orderId,
      clOrderId: order?.clOrderId ?? req.clOrderId,
      status: OrderStatus.CancelRejected,
      errorCode: code,
      errorMsg: fitMessage(message),
    });
    const order =
      req.orderId !== ""
        ? this.orders.byOrderId(accountId, req.orderId)
        : req.clOrderId !== ""
          ? this.orders.byClientId(accountId, req.clOrderId)
          : undefined;
    if (order === undefined) {
      const which = req.orderId !== "" ? `orderId "${req.orderId}"` : `clOrderId "${req.clOrderId}"`;
      return refuse(
        ErrorCode.CANCEL_UNKNOWN_ORDER,
        `unknown order: no order with ${which} in this account today`,
      );
    }
    if (isFinal(order.status)) {
      const status =
        Object.entries(OrderStatus).find(([, v]) => v === order.status)?.[0] ?? String(order.status);
      return refuse(
        ErrorCode.CANCEL_ALREADY_FINAL,
        `order ${order.orderId} is already final (${status})`,
        order,
      );
    }
    if (order.cancelStepsLeft !== undefined) {
      return refuse(
        ErrorCode.CANCEL_ALREADY_PENDING,
        `a cancel of order ${order.orderId} is already pending`,
        order,
      );
    }
    const time = this.clock();
    if (this.sessionMode !== "always-open") {
      const window = NO_CANCEL_WINDOWS.find((w) => time >= w.from && time < w.to);
      if (window !== undefined) {
        return refuse(
          ErrorCode.CANCEL_NOT_ALLOWED_NOW,
          `cancels are not accepted ${formatClock(window.from)}–${formatClock(window.to)} (call auction); now ${formatClock(time)}`,
          order,
        );
      }
    }
    if (this.preOpenQueue.isHeld(order)) {
      // Still at the broker: withdrawn at once; it never reaches the exchange, so nothing counts.
      this.preOpenQueue.withdraw(order);
      this.report(order, OrderStatus.Canceling, time);
      this.cancelRemainder(order, time);
    } else if (this.preOpen) {
      // At the exchange, which takes no cancels 09:25–09:30: the broker sends it at 09:30.
      order.cancelStepsLeft = this.cancelDelaySteps;
      this.report(order, OrderStatus.Canceling, time);
      this.preOpenQueue.holdCancel(order);
    } else {
      this.count(accountId, time, order.createTime);
      order.cancelStepsLeft = this.cancelDelaySteps;
      this.report(order, OrderStatus.Canceling, time);
      if (this.cancelDelaySteps === 0) this.cancelRemainder(order, time);
      else this.pendingCancels.add(order);
    }
    return {
      orderId: order.orderId,
      clOrderId: order.clOrderId,
      status: OrderStatus.Canceling,
      errorCode: 0,
      errorMsg: "",
    };
  }

  /** Counts an order (or a cancel of an order created at `orderTime`) and sends the notices it triggers. */
  private count(accountId: string, time: number, orderTime?: number): void {
    for (const notice of this.counters.record(accountId, this.tradingDay, time, orderTime)) {
      for (const listener of this.riskListeners) {
        try {
          listener(accountId, notice);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    }
  }

  /**
   * Programmatic-trading counters of an account today: orders and cancels accepted for the
   * exchange, instant cancels, the peak per second, and whether it is high-frequency.
   */
  programmaticCounts(accountId: string): ProgrammaticCounts {
    return this.counters.counts(accountId, this.tradingDay);
  }

  /**
   * Receives the broker's risk notices (an account approaching or reaching a high-frequency
   * threshold); returns the function that unsubscribes.
   */
  onRiskNotice(listener: (accountId: string, notice: RiskNotice) => void): () => void {
    this.riskListeners.add(listener);
    return () => this.riskListeners.delete(listener);
  }

  /** Books one fill of `order`: ledger, trade report, order report. */
  private fill(order: Order, price: number, volume: number, time: number): void {
    const account = this.accounts.get(order.accountId) as Account;
    const amount = price * volume;
    const filledAmount = order.filledAmount + amount;
    const inst = this.instruments.get(order.symbol) as Instrument;
    const parts = this.fees.fillParts(order.side, order.filledAmount, filledAmount, inst.isStock);
    const fee = parts.total;
    const remaining = remainingVolume(order) - volume;
    if (order.side === Side.Bid) {
      account.adjustFrozenCash(-order.frozenCash);
      account.applyBuyFill(order.symbol, volume, amount, fee, inst.sameDayTurnaround);
      order.frozenCash = this.fees.buyReserve(filledAmount, remaining, order.reservePrice);
      account.adjustFrozenCash(order.frozenCash);
    } else {
      account.applySellFill(order.symbol, volume, amount, fee);
      // Keep frozen what the sell's fees could still cost beyond its proceeds (usually nothing).
      const outflow = Math.max(0, order.feesPaid + fee - filledAmount);
      const frozen = remaining > 0 ? Math.max(0, order.sellReserve - outflow) : 0;
      account.adjustFrozenCash(frozen - order.frozenCash);
      order.frozenCash = frozen;
    }
    order.filledVolume += volume;
    order.filledAmount = filledAmount;
    order.feesPaid += fee;
    const trade = this.journal.appendTrade(order.accountId, {
      tradeId: this.orders.nextTradeId(),
      orderId: order.orderId,
      clOrderId: order.clOrderId,
      symbol: order.symbol,
      side: order.side,
      price,
      volume,
      amount,
      fee,
      tradingDay: this.tradingDay,
      tradeTime: time,
    });
    this.tradeFees.set(trade.tradeId, parts);
    const paid = this.accountFees.get(order.accountId) ?? ZERO_FEE;
    this.accountFees.set(order.accountId, {
      commission: paid.commission + parts.commission,
      stampDuty: paid.stampDuty + parts.stampDuty,
      transferFee: paid.transferFee + parts.transferFee,
      total: paid.total + parts.total,
    });
    let trades = this.trades.get(order.accountId);
    if (trades === undefined) {
      trades = [];
      this.trades.set(order.accountId, trades);
    }
    trades.push(trade);
    let status: OrderStatus;
    if (remaining === 0) {
      status = OrderStatus.Filled;
      this.pendingCancels.delete(order);
      order.cancelStepsLeft = undefined;
    } else {
      status = order.cancelStepsLeft !== undefined ? OrderStatus.Canceling : OrderStatus.PartiallyFilled;
    }
    this.report(order, status, time);
  }

  /** Cancels what is left of an order (cancel request, or B5TC remainder) and releases its reservations. */
  private cancelRemainder(order: Order, time: number): void {
    const account = this.accounts.get(order.accountId) as Account;
    const rest = remainingVolume(order);
    order.canceledVolume += rest;
    account.adjustFrozenCash(-order.frozenCash);
    order.frozenCash = 0;
    if (order.side === Side.Ask && rest > 0) account.releaseShares(order.symbol, rest);
    this.pendingCancels.delete(order);
    order.cancelStepsLeft = undefined;
    this.report(
      order,
      order.filledVolume > 0 ? OrderStatus.PartiallyCanceled : OrderStatus.CancelFilled,
      time,
    );
  }

  private report(order: Order, status: OrderStatus, time: number): void {
    order.status = status;
    order.updateTime = time;
    const body = this.journal.appendOrder(order.accountId, orderReportBody(order, this.tradingDay));
    order.lastReportSeq = body.reportSeq;
  }

  private restingList(symbol: string): Order[] {
    let list = this.resting.get(symbol);
    if (list === undefined) {
      list = [];
      this.resting.set(symbol, list);
    }
    return list;
  }

  // ---------------------------------------------------------------------------------------------
  // Reports

  /** Every stored report of the account with `reportSeq > afterSeq`, in order. */
  reportsAfter(accountId: string, afterSeq: number): Report[] {
    return this.journal.reportsAfter(accountId, afterSeq);
  }

  /** Highest report sequence of the account so far (0 if none). */
  lastReportSeq(accountId: string): number {
    return this.journal.lastSeq(accountId);
  }

  /** Receives every report as it is made (all accounts); returns the function that unsubscribes. */
  onReport(listener: (accountId: string, report: Report) => void): () => void {
    return this.journal.onReport(listener);
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  /** One page of orders, trades, positions, cash or securities (see query.ts for paging). */
  query(accountId: string, req: QueryReq): QueryRsp {
    const account = this.accounts.get(accountId);
    if (account === undefined) return queryError(req, ErrorCode.NOT_LOGGED_IN, NOT_LOGGED_IN);
    const invalid = checkQuery(req);
    if (invalid) return invalid;
    const bySymbol = (item: { readonly symbol: string }) => req.symbol === "" || item.symbol === req.symbol;
    let page: Page<QueryRecord> | undefined;
    switch (req.kind) {
      case QueryKind.Orders: {
        const p = pageByIndex(
          QueryKind.Orders,
          this.orders.accountOrders(accountId),
          req.posStr,
          req.queryNum,
          bySymbol,
        );
        page = p && {
          ...p,
          items: p.items.map((o) => ({ reportSeq: o.lastReportSeq, ...orderReportBody(o, this.tradingDay) })),
        };
        break;
      }
      case QueryKind.Trades:
        page = pageByIndex(
          QueryKind.Trades,
          this.trades.get(accountId) ?? [],
          req.posStr,
          req.queryNum,
          bySymbol,
        );
        break;
      case QueryKind.Positions: {
        const p = pageBySymbol(
          QueryKind.Positions,
          account.sortedPositions(),
          req.posStr,
          req.queryNum,
          bySymbol,
        );
        page = p && { ...p, items: p.items.map((pos) => pos.toRecord(this.lastPrice(pos.symbol))) };
        break;
      }
      case QueryKind.Cash: {
        const cash = [account.cashRecord((s) => this.lastPrice(s))];
        page = pageByIndex(QueryKind.Cash, cash, req.posStr, req.queryNum, () => true);
        break;
      }
      default: {
        const p = pageBySymbol(
          QueryKind.Securities,
          this.sortedInstruments,
          req.posStr,
          req.queryNum,
          bySymbol,
        );
        page = p && { ...p, items: p.items.map(toSecurityRecord) };
      }
    }
    if (page === undefined) {
      return queryError(
        req,
        ErrorCode.QUERY_BAD_POS_STR,
        fitMessage(
          `invalid posStr "${req.posStr}": use "" for the first page, then the previous page's nextPosStr`,
        ),
      );
    }
    return {
      requestId: req.requestId,
      kind: req.kind,
      errorCode: ErrorCode.OK,
      errorMsg: "",
      nextPosStr: page.nextPosStr,
      isLast: page.isLast,
      records: page.items,
    };
  }

  /** Cash and positions of an account as the query records, for ledger checks. Throws for an unknown account. */
  books(accountId: string): AccountBooks {
    const account = this.accounts.get(accountId);
    if (account === undefined) throw new Error(`unknown account "${accountId}"`);
    return {
      cash: account.cashRecord((s) => this.lastPrice(s)),
      positions: account.sortedPositions().map((p) => p.toRecord(this.lastPrice(p.symbol))),
      fees: this.accountFees.get(accountId) ?? ZERO_FEE,
    };
  }

  /** The fee parts of one fill (its trade report's `fee` is their total); undefined for an unknown trade id. */
  tradeFeeParts(tradeId: string): FeeBreakdown | undefined {
    return this.tradeFees.get(tradeId);
  }

  /** Today's fills of an account with the parts of each fee, in the order they happened. Throws for an unknown account. */
  tradesWithFees(accountId: string): TradeFees[] {
    if (!this.accounts.has(accountId)) throw new Error(`unknown account "${accountId}"`);
    return (this.trades.get(accountId) ?? []).map((t) => ({
      tradeId: t.tradeId,
      orderId: t.orderId,
      symbol: t.symbol,
      side: t.side,
      price: t.price,
      volume: t.volume,
      amount: t.amount,
      tradeTime: t.tradeTime,
      fees: this.tradeFees.get(t.tradeId) ?? ZERO_FEE,
    }));
  }

  private lastPrice(symbol: string): number {
    return this.markets.get(symbol)?.last ?? 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Market data

  /** Splits codes of a market into configured and unknown ones (an invalid market: all unknown). */
  resolveCodes(market: number, codes: string[]): { known: string[]; unknown: string[] } {
    const known: string[] = [];
    const unknown: string[] = [];
    for (const code of codes) {
      const symbol = symbolOf(market, code);
      if (symbol !== undefined && this.instruments.has(symbol)) known.push(code);
      else unknown.push(code);
    }
    return { known, unknown };
  }

  /** The `BASE_INFO` of an instrument, or undefined when unknown. */
  baseInfo(market: number, code: string): BaseInfo | undefined {
    const symbol = symbolOf(market, code);
    const inst = symbol === undefined ? undefined : this.instruments.get(symbol);
    return inst === undefined ? undefined : toBaseInfo(inst);
  }

  /** The current snapshot of an instrument (`mdSeq` 0), or undefined when unknown. */
  snapshot(market: number, code: string): MarketData | undefined {
    const symbol = symbolOf(market, code);
    const m = symbol === undefined ? undefined : this.markets.get(symbol);
    return m?.snapshot(this.tradingDay);
  }

  /**
   * Advances every instrument one step (random walk or next replay row), matches resting orders
   * against it (matching.ts), completes due delayed cancels, and returns the new snapshots
   * (`mdSeq` 0), in symbol order. In realtime mode outside trading hours nothing moves and the
   * result is empty; a replay instrument whose rows ran out is left out.
   */
  stepMarket(): MarketData[] {
    const time = this.clock();
    const out: MarketData[] = [];
    const auction = this.auction;
    if (auction !== undefined) {
      for (const market of this.marketList) {
        market.time = time;
        out.push(this.indicativeSnapshot(market, auction));
      }
    } else if (this.preOpen) {
      // After the opening uncross the market shows its open and does not trade until 09:30.
      for (const market of this.marketList) {
        market.time = time;
        out.push(market.snapshot(this.tradingDay));
      }
    } else if (isMarketOpen(this.sessionMode, time) && this.isTradingDateNow()) {
      for (const market of this.marketList) {
        market.time = time;
        if (!this.driver.step(market)) continue;
        const resting = this.resting.get(market.instrument.symbol);
        if (resting !== undefined && resting.length > 0) this.matchResting(market, resting, time);
        out.push(market.snapshot(this.tradingDay));
      }
    }
    if (this.pendingCancels.size > 0) {
      for (const order of [...this.pendingCancels]) {
        const left = (order.cancelStepsLeft ?? 1) - 1;
        order.cancelStepsLeft = left;
        if (left <= 0) this.cancelRemainder(order, time);
      }
    }
    return out;
  }

  /**
   * A snapshot during a call auction: the market does not trade; level 1 shows the indicative
   * price on both sides with the volume that would execute at it (as the exchanges' level-1 feed
   * shows the virtual matching price during an auction; the wire record has no field of its own
   * for it), or the book as it stands when nothing crosses.
   */
  private indicativeSnapshot(market: InstrumentMarket, phase: TradingPhase): MarketData {
    const snap = market.snapshot(this.tradingDay);
    const result = this.auctionResult(market, phase);
    if (result === undefined) return snap;
    snap.bidPrice[0] = result.price;
    snap.askPrice[0] = result.price;
    snap.bidVolume[0] = result.volume;
    snap.askVolume[0] = result.volume;
    return snap;
  }

  /** Fills resting orders the step traded through, in price-time priority; drops finished ones. */
  private matchResting(market: InstrumentMarket, resting: Order[], time: number): void {
    this.releaseCaged(market, resting, time);
    // Only orders the step reached can fill: buys at or above min(last, ask 1), sells at or below
    // max(last, bid 1). Sorting just those keeps a step cheap with many orders resting far away.
    const ask1 = market.askPrice[0] ?? 0;
    const buyReach = Math.min(market.last, ask1 > 0 ? ask1 : Number.POSITIVE_INFINITY);
    const sellReach = Math.max(market.last, market.bidPrice[0] ?? 0);
    const buys: Order[] = [];
    const sells: Order[] = [];
    let finished = false;
    for (const o of resting) {
      if (isFinal(o.status)) finished = true;
      else if (o.caged) continue;
      else if (o.side === Side.Bid ? o.price >= buyReach : o.price <= sellReach)
        (o.side === Side.Bid ? buys : sells).push(o);
    }
    if (buys.length + sells.length > 0) {
      buys.sort((a, b) => b.price - a.price || a.seq - b.seq);
      sells.sort((a, b) => a.price - b.price || a.seq - b.seq);
      const pools = stepPools(market);
      for (const order of [...buys, ...sells]) {
        const q = restingFill(market, order.side, order.price, remainingVolume(order), pools);
        if (q > 0) {
          this.fill(order, order.price, q, time);
          if (isFinal(order.status)) finished = true;
        }
      }
    }
    if (finished) {
      const stillOpen = resting.filter((o) => !isFinal(o.status));
      resting.length = 0;
      for (const o of stillOpen) resting.push(o);
    }
  }

  /**
   * Held orders whose price the cage now reaches enter the book like arriving orders (SZSE: the
   * trading host takes a held order out when the cage moves over it). Outside continuous trading
   * (no cage), every held order enters.
   */
  private releaseCaged(market: InstrumentMarket, resting: Order[], time: number): void {
    const inst = market.instrument;
    const rule = this.cageNow(inst, time);
    for (const o of resting) {
      if (!o.caged || isFinal(o.status)) continue;
      if (rule !== undefined && !this.inCage(rule, inst, o.side, o.price)) continue;
      o.caged = false;
      this.take(o, market, time);
    }
  }
}
