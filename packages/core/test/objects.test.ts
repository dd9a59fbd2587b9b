import { describe, expect, it } from "vitest";
import {
  ACTIVE_STATUSES,
  ConnectionState,
  createAccount,
  createCancelRequest,
  createContract,
  createGatewayStatus,
  createLog,
  createOrder,
  createOrderData,
  createOrderRequest,
  createPosition,
  createSubscribeRequest,
  createTick,
  createTrade,
  Direction,
  Exchange,
  GatewaySide,
  InvalidArgumentError,
  isActiveOrder,
  isExchange,
  LABELS_ZH,
  LogLevel,
  Offset,
  type OrderRequest,
  OrderType,
  Product,
  parseVtSymbol,
  Status,
  toVtAccountid,
  toVtOrderid,
  toVtPositionid,
  toVtSymbol,
  toVtTradeid,
  updateOrder,
} from "../src/index.js";

const T0 = new Date("2024-03-01T01:30:00Z");

describe("constants", () => {
  it("uses vnpy's exchange codes and member names as values", () => {
    expect(Exchange.SSE).toBe("SSE");
    expect(Exchange.SZSE).toBe("SZSE");
    expect(Exchange.BSE).toBe("BSE");
    expect(Direction.NET).toBe("NET");
    expect(Offset.CLOSETODAY).toBe("CLOSETODAY");
    expect(OrderType.FAK).toBe("FAK");
    expect(Status.PARTTRADED).toBe("PARTTRADED");
    expect(Product.ETF).toBe("ETF");
    expect(Object.isFrozen(Exchange)).toBe(true);
  });

  it("keeps vnpy's Chinese words as display labels for every member", () => {
    expect(LABELS_ZH.direction.LONG).toBe("多");
    expect(LABELS_ZH.status.REJECTED).toBe("拒单");
    expect(Object.keys(LABELS_ZH.status).sort()).toEqual(Object.values(Status).sort());
    expect(Object.keys(LABELS_ZH.direction).sort()).toEqual(Object.values(Direction).sort());
    expect(Object.keys(LABELS_ZH.offset).sort()).toEqual(Object.values(Offset).sort());
    expect(Object.keys(LABELS_ZH.orderType).sort()).toEqual(Object.values(OrderType).sort());
    expect(Object.keys(LABELS_ZH.product).sort()).toEqual(Object.values(Product).sort());
  });

  it("treats SUBMITTING, NOTTRADED and PARTTRADED as active", () => {
    expect([...ACTIVE_STATUSES].sort()).toEqual(["NOTTRADED", "PARTTRADED", "SUBMITTING"]);
  });
});

describe("vt ids", () => {
  it("builds vt ids like vnpy", () => {
    expect(toVtSymbol("600000", Exchange.SSE)).toBe("600000.SSE");
    expect(toVtOrderid("HFT", "123")).toBe("HFT.123");
    expect(toVtTradeid("HFT", "T9")).toBe("HFT.T9");
    expect(toVtPositionid("HFT", "600000.SSE", Direction.NET)).toBe("HFT.600000.SSE.NET");
    expect(toVtAccountid("HFT", "100001")).toBe("HFT.100001");
  });

  it("parses vtSymbols, including symbols with dots", () => {
    expect(parseVtSymbol("600000.SSE")).toEqual({ symbol: "600000", exchange: "SSE" });
    expect(parseVtSymbol("IF2403.C.CFFEX")).toEqual({ symbol: "IF2403.C", exchange: "CFFEX" });
    expect(() => parseVtSymbol("600000")).toThrow(InvalidArgumentError);
    expect(() => parseVtSymbol(".SSE")).toThrow(/Invalid vtSymbol/);
    expect(() => parseVtSymbol("600000.XXX")).toThrow(/SSE, SZSE/);
    expect(isExchange("SZSE")).toBe(true);
    expect(isExchange("szse")).toBe(false);
  });
});

describe("data object factories", () => {
  it("creates a frozen tick with vtSymbol and zero defaults", () => {
    const tick = createTick({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      datetime: T0,
      lastPrice: 7.31,
      bidPrice1: 7.3,
      askVolume5: 900,
    });
    expect(tick.vtSymbol).toBe("600000.SSE");
    expect(tick.lastPrice).toBe(7.31);
    expect(tick.bidPrice2).toBe(0);
    expect(tick.askVolume5).toBe(900);
    expect(tick.name).toBe("");
    expect(tick.localtime).toBeUndefined();
    expect(Object.isFrozen(tick)).toBe(true);
    expect(() => {
      (tick as { lastPrice: number }).lastPrice = 1;
    }).toThrow(TypeError);
  });

  it("gives every tick the same key order (one hidden class)", () => {
    const a = createTick({ gatewayName: "G", symbol: "1", exchange: Exchange.SSE, datetime: T0 });
    const b = createTick({
      gatewayName: "G",
      symbol: "2",
      exchange: Exchange.SZSE,
      datetime: T0,
      askVolume5: 1,
      name: "x",
      localtime: T0,
    });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a)).toHaveLength(38);
  });

  it("creates orders with vt ids and defaults, and derives new snapshots with updateOrder", () => {
    const order = createOrder({
      gatewayName: "HFT",
      symbol: "000001",
      exchange: Exchange.SZSE,
      orderid: "42",
      direction: Direction.LONG,
      price: 10.5,
      volume: 200,
    });
    expect(order.vtSymbol).toBe("000001.SZSE");
    expect(order.vtOrderid).toBe("HFT.42");
    expect(order.status).toBe(Status.SUBMITTING);
    expect(order.type).toBe(OrderType.LIMIT);
    expect(order.offset).toBe(Offset.NONE);
    expect(order.traded).toBe(0);
    expect(order.statusMsg).toBe("");
    expect(Object.isFrozen(order)).toBe(true);

    const partial = updateOrder(order, { status: Status.PARTTRADED, traded: 100, datetime: T0 });
    expect(partial).not.toBe(order);
    expect(Object.isFrozen(partial)).toBe(true);
    expect(partial.traded).toBe(100);
    expect(partial.datetime).toBe(T0);
    expect(partial.vtOrderid).toBe("HFT.42");
    expect(order.status).toBe(Status.SUBMITTING); // the old snapshot is untouched

    const rejected = updateOrder(partial, { status: Status.REJECTED, statusMsg: "price above limit" });
    expect(rejected.statusMsg).toBe("price above limit");
    expect(rejected.traded).toBe(100);
    expect(rejected.datetime).toBe(T0);
    expect(updateOrder(rejected, { datetime: undefined }).datetime).toBeUndefined();
  });

  it("ignores attempts to change identity through updateOrder at runtime", () => {
    const order = createOrder({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      direction: Direction.SHORT,
    });
    const sneaky = { status: Status.NOTTRADED, vtOrderid: "X.1", orderid: "2" } as Parameters<
      typeof updateOrder
    >[1];
    const next = updateOrder(order, sneaky);
    expect(next.vtOrderid).toBe("HFT.1");
    expect(next.orderid).toBe("1");
  });

  it("tells active orders apart", () => {
    const base = {
      gatewayName: "G",
      symbol: "1",
      exchange: Exchange.SSE,
      orderid: "1",
      direction: Direction.LONG,
    };
    for (const status of Object.values(Status)) {
      const expected = status === "SUBMITTING" || status === "NOTTRADED" || status === "PARTTRADED";
      expect(isActiveOrder(createOrder({ ...base, status }))).toBe(expected);
    }
  });

  it("turns a request into a SUBMITTING order and an order into a cancel request", () => {
    const req = createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 100,
      price: 7.3,
      reference: "strategy-a",
    });
    expect(req.vtSymbol).toBe("600000.SSE");
    expect(req.offset).toBe(Offset.NONE);
    expect(Object.isFrozen(req)).toBe(true);

    const order = createOrderData(req, "7", "HFT");
    expect(order).toMatchObject({
      gatewayName: "HFT",
      orderid: "7",
      vtOrderid: "HFT.7",
      vtSymbol: "600000.SSE",
      price: 7.3,
      volume: 100,
      traded: 0,
      status: Status.SUBMITTING,
      reference: "strategy-a",
    });

    const cancel = createCancelRequest(order);
    expect(cancel).toEqual({ orderid: "7", symbol: "600000", exchange: "SSE", vtSymbol: "600000.SSE" });
    expect(Object.isFrozen(cancel)).toBe(true);
    expect(createSubscribeRequest({ symbol: "000001", exchange: Exchange.SZSE }).vtSymbol).toBe(
      "000001.SZSE",
    );
  });

  it("createOrderData makes the same frozen order as createOrder, and checks a request from untyped code", () => {
    const req = createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.SHORT,
      type: OrderType.FAK,
      volume: 300,
      price: 7.31,
      reference: "r",
    });
    const datetime = new Date(T0);
    const order = createOrderData(req, "8", "HFT", datetime);
    const same = createOrder({ ...req, gatewayName: "HFT", orderid: "8", datetime });
    expect(order).toEqual(same);
    // The same keys in the same order: one hidden class for every order, however it was made.
    expect(Object.keys(order)).toEqual(Object.keys(same));
    expect(Object.isFrozen(order)).toBe(true);
    const untyped = { ...req, symbol: " 600000" } as OrderRequest;
    expect(() => createOrderData(untyped, "9", "HFT")).toThrow(/^createOrder: symbol/);
    const noPrice = { ...req, price: Number.NaN } as OrderRequest;
    expect(() => createOrderData(noPrice, "9", "HFT")).toThrow(/^createOrder: price/);
  });

  it("creates trades, positions and accounts with their vt ids", () => {
    const trade = createTrade({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "7",
      tradeid: "T1",
      direction: Direction.LONG,
      price: 7.3,
      volume: 100,
      datetime: T0,
    });
    expect(trade.vtTradeid).toBe("HFT.T1");
    expect(trade.vtOrderid).toBe("HFT.7");
    expect(trade.vtSymbol).toBe("600000.SSE");
    expect(trade.offset).toBe(Offset.NONE);
    expect(trade.fee).toBe(0);
    expect(createTrade({ ...trade, fee: 5.37 }).fee).toBe(5.37);

    const position = createPosition({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.NET,
      volume: 500,
      ydVolume: 300,
    });
    expect(position.vtPositionid).toBe("HFT.600000.SSE.NET");
    expect(position.frozen).toBe(0);

    const account = createAccount({
      gatewayName: "HFT",
      accountid: "100001",
      balance: 1_000_000,
      frozen: 2_500.5,
    });
    expect(account.vtAccountid).toBe("HFT.100001");
    expect(account.available).toBe(997_499.5);
    for (const object of [trade, position, account]) expect(Object.isFrozen(object)).toBe(true);
  });

  it("creates contracts with stock-relevant defaults", () => {
    const main = createContract({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      name: "浦发银行",
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
      minVolume: 100,
      netPosition: true,
      limitUp: 8.04,
      limitDown: 6.58,
    });
    expect(main.vtSymbol).toBe("600000.SSE");
    expect(main.volumeStep).toBe(100);
    expect(main.maxVolume).toBeUndefined();
    expect(main.historyData).toBe(false);
    expect(main.stopSupported).toBe(false);
    expect(main.limitUp).toBe(8.04);

    const star = createContract({
      gatewayName: "HFT",
      symbol: "688001",
      exchange: Exchange.SSE,
      name: "华兴源创",
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
      minVolume: 200,
      volumeStep: 1,
    });
    expect(star.volumeStep).toBe(1);
    expect(createContract({ ...star, minVolume: undefined, volumeStep: undefined }).minVolume).toBe(1);
    expect(Object.isFrozen(star)).toBe(true);
  });

  it("creates logs and gateway statuses with defaults", () => {
    const log = createLog({ gatewayName: "HFT", msg: "hello" });
    expect(log.level).toBe(LogLevel.INFO);
    expect(log.time).toBeInstanceOf(Date);
    expect(Object.isFrozen(log)).toBe(true);
    const status = createGatewayStatus({
      gatewayName: "HFT",
      side: GatewaySide.MARKET,
      state: ConnectionState.RECONNECTING,
    });
    expect(status.msg).toBe("");
    expect(status.time).toBeInstanceOf(Date);
    expect(Object.isFrozen(status)).toBe(true);
  });
});
