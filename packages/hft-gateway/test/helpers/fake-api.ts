/**
 * Fake TraderApi / MdApi for unit tests of the gateway logic: they record requests and let the
 * test fire any event sequence, including ones the real library makes rare (replays, reordering,
 * unknown statuses, failing queries).
 */
import {
  type CancelRequest,
  type LoadHftLibraryOptions,
  type LoginRequest,
  type Market,
  type MdApiEvents,
  type MdLoginRequest,
  type OrderReport,
  type OrderRequest,
  type QueryKind,
  type QueryRecordMap,
  type SecurityRecord,
  type TradeReport,
  type TraderApiEvents,
  TypedEmitter,
} from "@tsgate/hft-native";
import type { HftApiFactory, MdApiPort, TraderApiPort } from "../../src/index.js";

type QueryResults = { [K in QueryKind]?: QueryRecordMap[K][] | Error };

export class FakeTrader extends TypedEmitter<TraderApiEvents> implements TraderApiPort {
  readonly logins: LoginRequest[] = [];
  readonly orders: OrderRequest[] = [];
  readonly cancels: CancelRequest[] = [];
  /** Each batch cancel's broker order ids. */
  readonly batchCancels: string[][] = [];
  readonly queries: QueryKind[] = [];
  closed = false;
  orderError: Error | undefined;

  constructor(
    readonly options: Record<string, unknown>,
    readonly results: QueryResults,
  ) {
    super();
  }

  fire<K extends keyof TraderApiEvents>(name: K, event: TraderApiEvents[K]): void {
    this.emit(name, event);
  }

  login(req: LoginRequest): void {
    this.logins.push(req);
  }

  order(req: OrderRequest): void {
    if (this.orderError !== undefined) throw this.orderError;
    this.orders.push(req);
  }

  cancelOrder(req: CancelRequest): void {
    this.cancels.push(req);
  }

  cancelOrders(orderIds: readonly string[]): void {
    this.batchCancels.push([...orderIds]);
  }

  queryAll<K extends QueryKind>(kind: K): Promise<QueryRecordMap[K][]> {
    this.queries.push(kind);
    const result = this.results[kind];
    if (result instanceof Error) return Promise.reject(result);
    return Promise.resolve((result ?? []) as QueryRecordMap[K][]);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

export class FakeMd extends TypedEmitter<MdApiEvents> implements MdApiPort {
  readonly logins: MdLoginRequest[] = [];
  readonly subscriptions: { market: Market; codes: string[] }[] = [];
  closed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
  }

  fire<K extends keyof MdApiEvents>(name: K, event: MdApiEvents[K]): void {
    this.emit(name, event);
  }

  login(req: MdLoginRequest): void {
    this.logins.push(req);
  }

  subscribe(market: Market, codes: readonly string[]): void {
    this.subscriptions.push({ market, codes: [...codes] });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** A factory that records the fakes it made. */
export class FakeFactory implements HftApiFactory {
  readonly traders: FakeTrader[] = [];
  readonly mds: FakeMd[] = [];
  results: QueryResults = {};
  libraryError: Error | undefined;

  loadLibrary(options: LoadHftLibraryOptions): LoadHftLibraryOptions {
    if (this.libraryError !== undefined) throw this.libraryError;
    return options;
  }

  createTrader = (options: object): TraderApiPort => {
    const trader = new FakeTrader(options as Record<string, unknown>, this.results);
    this.traders.push(trader);
    return trader;
  };

  createMd = (options: object): MdApiPort => {
    const md = new FakeMd(options as Record<string, unknown>);
    this.mds.push(md);
    return md;
  };

  get trader(): FakeTrader {
    const t = this.traders.at(-1);
    if (t === undefined) throw new Error("no trader created");
    return t;
  }

  get md(): FakeMd {
    const m = this.mds.at(-1);
    if (m === undefined) throw new Error("no md created");
    return m;
  }
}

export function security(symbol: string, extra: Partial<SecurityRecord> = {}): SecurityRecord {
  return {
    symbol,
    name: `name ${symbol}`,
    securityType: 1,
    board: 1,
    preClose: 11.8,
    limitUp: 12.98,
    limitDown: 10.62,
    priceTick: 0.01,
    lotSize: 100,
    minBuyVolume: 100,
    ...extra,
  };
}

export function orderReport(extra: Partial<OrderReport>): OrderReport {
  return {
    reportSeq: 1,
    orderId: "O1",
    clOrderId: "",
    symbol: "SH.600000",
    side: "Bid",
    orderType: "LMT",
    status: "New",
    errorCode: 0,
    price: 11.8,
    volume: 100,
    filledVolume: 0,
    filledAmount: 0,
    canceledVolume: 0,
    frozenCash: 0,
    errorMsg: "",
    tradingDay: 20250102,
    createTime: 93000000,
    updateTime: 93000000,
    ...extra,
  };
}

export function tradeReport(extra: Partial<TradeReport>): TradeReport {
  return {
    reportSeq: 2,
    tradeId: "T1",
    orderId: "O1",
    clOrderId: "",
    symbol: "SH.600000",
    side: "Bid",
    price: 11.8,
    volume: 100,
    amount: 1180,
    fee: 5,
    tradingDay: 20250102,
    tradeTime: 93000100,
    ...extra,
  };
}
