import { describe, expect, it } from "vitest";
import {
  ConnectionState,
  createAccount,
  createCancelRequest,
  createContract,
  createGatewayStatus,
  createLog,
  createOrder,
  createOrderRequest,
  createPosition,
  createSubscribeRequest,
  createTick,
  createTrade,
  Direction,
  Exchange,
  freezeTick,
  GatewaySide,
  InvalidArgumentError,
  InvalidFieldError,
  OrderType,
  Product,
  type Status,
  updateOrder,
} from "../src/index.js";

/** Runs `make` and returns the InvalidFieldError it throws (failing the test if it does not). */
function refusal(make: () => unknown): InvalidFieldError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFieldError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidFieldError;
  }
  throw new Error("expected the factory to throw an InvalidFieldError");
}

const buy = {
  symbol: "600000",
  exchange: Exchange.SSE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  volume: 100,
  price: 7.3,
} as const;

const id = { gatewayName: "HFT", symbol: "600000", exchange: Exchange.SSE } as const;

describe("factories refuse bad fields, naming the factory and the field", () => {
  it("createSubscribeRequest refuses a symbol that already carries the exchange", () => {
    const error = refusal(() => createSubscribeRequest({ symbol: "600000.SSE", exchange: Exchange.SSE }));
    expect(error.field).toBe("symbol");
    expect(error.factory).toBe("createSubscribeRequest");
    expect(error.message).toMatch(/^createSubscribeRequest: symbol: .*symbol "600000".*got "600000.SSE"$/);
    // Wind/Tushare style suffixes and lower case are caught too.
    expect(
      refusal(() => createSubscribeRequest({ symbol: "000001.SZ", exchange: Exchange.SZSE })).field,
    ).toBe("symbol");
    expect(
      refusal(() => createSubscribeRequest({ symbol: "600000.sse", exchange: Exchange.SSE })).field,
    ).toBe("symbol");
    expect(refusal(() => createSubscribeRequest({ symbol: "", exchange: Exchange.SSE })).field).toBe(
      "symbol",
    );
    expect(refusal(() => createSubscribeRequest({ symbol: " 600000", exchange: Exchange.SSE })).field).toBe(
      "symbol",
    );
  });

  it("keeps symbols whose own dots are not an exchange suffix", () => {
    expect(createSubscribeRequest({ symbol: "IO2412-C.4000", exchange: Exchange.CFFEX }).vtSymbol).toBe(
      "IO2412-C.4000.CFFEX",
    );
  });

  it("refuses an unknown exchange", () => {
    const error = refusal(() => createOrderRequest({ ...buy, exchange: "SH" as Exchange }));
    expect(error.field).toBe("exchange");
    expect(error.message).toBe(
      'createOrderRequest: exchange: expected an exchange such as SSE or SZSE, got "SH"',
    );
    expect(
      refusal(() => createCancelRequest({ orderid: "1", symbol: "600000", exchange: "" as Exchange })).field,
    ).toBe("exchange");
  });

  it("createOrderRequest wants a positive integer volume", () => {
    for (const volume of [-1, 0, 100.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = refusal(() => createOrderRequest({ ...buy, volume }));
      expect(error.field).toBe("volume");
      expect(error.message).toBe(`createOrderRequest: volume: expected a positive integer, got ${volume}`);
    }
  });

  it("createOrderRequest wants a finite positive price for priced orders and allows 0 for MARKET", () => {
    for (const price of [0, -7.3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusal(() => createOrderRequest({ ...buy, price })).field).toBe("price");
    }
    expect(refusal(() => createOrderRequest({ ...buy, price: undefined })).message).toBe(
      "createOrderRequest: price: expected a finite number > 0, got 0",
    );
    expect(createOrderRequest({ ...buy, type: OrderType.MARKET, price: undefined }).price).toBe(0);
    expect(refusal(() => createOrderRequest({ ...buy, type: OrderType.MARKET, price: -1 })).field).toBe(
      "price",
    );
  });

  it("says what a field must be as data too: a kind per check, the allowed values, the value shown", () => {
    const volume = refusal(() => createOrderRequest({ ...buy, volume: -1 }));
    expect([volume.expectation, volume.got]).toEqual([{ kind: "positiveInteger" }, "-1"]);
    const price = refusal(() => createOrderRequest({ ...buy, price: 0 }));
    expect([price.expectation, price.got]).toEqual([{ kind: "positiveNumber" }, "0"]);
    const market = refusal(() => createOrderRequest({ ...buy, type: OrderType.MARKET, price: -1 }));
    expect(market.expectation).toEqual({ kind: "nonNegativeNumber" });
    const direction = refusal(() => createOrderRequest({ ...buy, direction: "BUY" as Direction }));
    expect([direction.expectation, direction.got]).toEqual([
      { kind: "oneOf", values: ["LONG", "SHORT", "NET"] },
      '"BUY"',
    ]);
    expect(refusal(() => createOrderRequest({ ...buy, symbol: "600000.SSE" })).expectation).toEqual({
      kind: "bareSymbol",
    });
    expect(refusal(() => createOrderRequest({ ...buy, exchange: "SH" as Exchange })).expectation).toEqual({
      kind: "exchange",
    });
    const tick = { ...id, datetime: new Date() };
    expect(refusal(() => createTick({ ...tick, lastPrice: -1 })).expectation).toEqual({
      kind: "nonNegativeNumber",
    });
    expect(refusal(() => createTick({ ...tick, datetime: new Date(Number.NaN) })).expectation).toEqual({
      kind: "validDate",
    });
  });

  it("createOrderRequest refuses unknown enum values", () => {
    expect(refusal(() => createOrderRequest({ ...buy, direction: "BUY" as Direction })).message).toBe(
      'createOrderRequest: direction: expected one of LONG, SHORT, NET, got "BUY"',
    );
    expect(refusal(() => createOrderRequest({ ...buy, type: "LMT" as OrderType })).field).toBe("type");
    expect(refusal(() => createOrderRequest({ ...buy, offset: "OPENX" as never })).field).toBe("offset");
  });

  it("createCancelRequest wants an order id", () => {
    expect(
      refusal(() => createCancelRequest({ orderid: "", symbol: "600000", exchange: Exchange.SSE })).field,
    ).toBe("orderid");
  });

  it("createTick refuses negative, NaN and infinite numbers and invalid dates", () => {
    const tick = { ...id, datetime: new Date() };
    expect(refusal(() => createTick({ ...tick, lastPrice: Number.NaN })).message).toBe(
      "createTick: lastPrice: expected a finite number ≥ 0, got NaN",
    );
    expect(refusal(() => createTick({ ...tick, askVolume5: -100 })).field).toBe("askVolume5");
    expect(refusal(() => createTick({ ...tick, turnover: Number.POSITIVE_INFINITY })).field).toBe("turnover");
    expect(refusal(() => createTick({ ...tick, datetime: new Date(Number.NaN) })).message).toBe(
      "createTick: datetime: expected a valid Date, got Invalid Date",
    );
    expect(refusal(() => createTick({ ...tick, localtime: "now" as unknown as Date })).field).toBe(
      "localtime",
    );
    expect(refusal(() => createTick({ ...tick, symbol: "600000.SSE" })).field).toBe("symbol");
    expect(refusal(() => createTick({ ...tick, gatewayName: "" })).field).toBe("gatewayName");
    // Unsent depth is 0, which stays allowed.
    expect(createTick(tick).bidPrice5).toBe(0);
  });

  it("createTick checks every number field (its fast path lists them by hand)", () => {
    const tick = createTick({ ...id, datetime: new Date() });
    const numberFields = Object.keys(tick).filter(
      (key) => typeof tick[key as keyof typeof tick] === "number",
    );
    expect(numberFields).toHaveLength(31);
    for (const field of numberFields) {
      expect(refusal(() => createTick({ ...id, datetime: new Date(), [field]: -1 })).field).toBe(field);
    }
  });

  it("freezeTick freezes the complete tick it is given, without a copy, checked as createTick checks", () => {
    // A complete tick in createTick's own shape, as a gateway builds it.
    const fields = () => ({ ...createTick({ ...id, datetime: new Date(), lastPrice: 7.31 }) });
    const literal = fields();
    const tick = freezeTick(literal);
    expect(tick).toBe(literal);
    expect(Object.isFrozen(tick)).toBe(true);
    expect(tick).toEqual(createTick({ ...id, datetime: literal.datetime, lastPrice: 7.31 }));
    expect(refusal(() => freezeTick({ ...fields(), bidVolume3: -1 })).message).toBe(
      "freezeTick: bidVolume3: expected a finite number ≥ 0, got -1",
    );
    expect(refusal(() => freezeTick({ ...fields(), datetime: new Date(Number.NaN) })).field).toBe("datetime");
    expect(refusal(() => freezeTick({ ...fields(), vtSymbol: "600001.SSE" })).message).toBe(
      'freezeTick: vtSymbol: expected "600000.SSE", got "600001.SSE"',
    );
  });

  it("createOrder and updateOrder check status, volumes and prices", () => {
    const order = createOrder({ ...id, orderid: "1", direction: Direction.LONG, price: 7.3, volume: 100 });
    expect(refusal(() => createOrder({ ...id, orderid: "", direction: Direction.LONG })).field).toBe(
      "orderid",
    );
    expect(refusal(() => updateOrder(order, { traded: -100 })).message).toBe(
      "updateOrder: traded: expected an integer ≥ 0, got -100",
    );
    expect(refusal(() => updateOrder(order, { status: "FILLED" as Status })).field).toBe("status");
    expect(refusal(() => updateOrder(order, { price: Number.NaN })).field).toBe("price");
  });

  it("createTrade wants a positive price and volume, a trade id and a date", () => {
    const trade = {
      ...id,
      orderid: "1",
      tradeid: "T1",
      direction: Direction.LONG,
      price: 7.3,
      volume: 100,
      datetime: new Date(),
    };
    expect(createTrade(trade).vtTradeid).toBe("HFT.T1");
    expect(refusal(() => createTrade({ ...trade, price: 0 })).field).toBe("price");
    expect(refusal(() => createTrade({ ...trade, volume: 0 })).field).toBe("volume");
    expect(refusal(() => createTrade({ ...trade, tradeid: "" })).field).toBe("tradeid");
    expect(refusal(() => createTrade({ ...trade, fee: -1 })).field).toBe("fee");
  });

  it("createPosition, createAccount, createContract, createLog and createGatewayStatus check their fields", () => {
    expect(createPosition({ ...id, direction: Direction.NET, volume: -100, price: -86.68 }).volume).toBe(
      -100,
    );
    expect(refusal(() => createPosition({ ...id, direction: Direction.NET, volume: 1.5 })).field).toBe(
      "volume",
    );
    expect(refusal(() => createPosition({ ...id, direction: "N" as Direction })).field).toBe("direction");
    expect(refusal(() => createAccount({ gatewayName: "HFT", accountid: "" })).field).toBe("accountid");
    expect(
      refusal(() => createAccount({ gatewayName: "HFT", accountid: "A", balance: Number.NaN })).field,
    ).toBe("balance");
    const contract = { ...id, name: "浦发银行", product: Product.EQUITY, size: 1, pricetick: 0.01 };
    expect(createContract(contract).volumeStep).toBe(1);
    expect(refusal(() => createContract({ ...contract, pricetick: 0 })).field).toBe("pricetick");
    expect(refusal(() => createContract({ ...contract, minVolume: 0 })).field).toBe("minVolume");
    expect(refusal(() => createContract({ ...contract, product: "STOCK" as Product })).field).toBe("product");
    expect(refusal(() => createContract({ ...contract, limitUp: Number.NaN })).field).toBe("limitUp");
    expect(refusal(() => createLog({ gatewayName: "HFT", msg: "x", level: "INFO " as never })).field).toBe(
      "level",
    );
    const status = { gatewayName: "HFT", side: GatewaySide.TRADE, state: ConnectionState.CONNECTED };
    expect(createGatewayStatus(status).ready).toBe(false);
    expect(createGatewayStatus({ ...status, ready: true }).ready).toBe(true);
    expect(
      refusal(() => createGatewayStatus({ ...status, state: ConnectionState.CONNECTING, ready: true })).field,
    ).toBe("ready");
    expect(refusal(() => createGatewayStatus({ ...status, side: "BOTH" as GatewaySide })).field).toBe("side");
  });
});
