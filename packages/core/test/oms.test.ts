import { afterEach, describe, expect, it } from "vitest";
import {
  type BaseGateway,
  ConnectionState,
  createAccount,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  Direction,
  EventEngine,
  Exchange,
  GatewaySide,
  OmsEngine,
  type OrderData,
  Product,
  Status,
  updateOrder,
} from "../src/index.js";
import { DummyGateway } from "./helpers/dummy-gateway.js";

const T0 = new Date("2024-03-01T01:30:00Z");
const engines: EventEngine[] = [];

function setup(options?: ConstructorParameters<typeof OmsEngine>[1]): {
  engine: EventEngine;
  oms: OmsEngine;
  gateway: BaseGateway;
} {
  const engine = new EventEngine();
  engines.push(engine);
  const oms = new OmsEngine(engine, options);
  engine.start();
  return { engine, oms, gateway: new DummyGateway(engine) };
}

function order(orderid: string, symbol = "600000", status: Status = Status.SUBMITTING): OrderData {
  return createOrder({
    gatewayName: "DUMMY",
    symbol,
    exchange: Exchange.SSE,
    orderid,
    direction: Direction.LONG,
    status,
  });
}

afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

describe("OmsEngine", () => {
  it("tracks active orders until they reach a non-active status", async () => {
    const { engine, oms, gateway } = setup();
    const o1 = order("1");
    const o2 = order("2", "600036");
    gateway.onOrder(o1);
    gateway.onOrder(o2);
    await engine.flush();
    expect(oms.getAllActiveOrders().map((o) => o.vtOrderid)).toEqual(["DUMMY.1", "DUMMY.2"]);
    expect(oms.getAllActiveOrders("600036.SSE").map((o) => o.vtOrderid)).toEqual(["DUMMY.2"]);

    gateway.onOrder(updateOrder(o1, { status: Status.PARTTRADED, traded: 100 }));
    await engine.flush();
    expect(oms.getAllActiveOrders()).toHaveLength(2);
    expect(oms.getOrder("DUMMY.1")?.traded).toBe(100);

    gateway.onOrder(updateOrder(o1, { status: Status.ALLTRADED, traded: 200 }));
    gateway.onOrder(updateOrder(o2, { status: Status.REJECTED, statusMsg: "limit" }));
    await engine.flush();
    expect(oms.getAllActiveOrders()).toEqual([]);
    expect(oms.getOrder("DUMMY.1")?.status).toBe(Status.ALLTRADED);
    expect(oms.getOrder("DUMMY.2")?.statusMsg).toBe("limit");
    expect(oms.getAllOrders()).toHaveLength(2);
  });

  it("removes cancelled orders from the active set", async () => {
    const { engine, oms, gateway } = setup();
    const o = order("9", "600000", Status.NOTTRADED);
    gateway.onOrder(o);
    gateway.onOrder(updateOrder(o, { status: Status.CANCELLED }));
    await engine.flush();
    expect(oms.getAllActiveOrders()).toEqual([]);
  });

  it("keeps terminal statuses final when a stale active update arrives", async () => {
    const { engine, oms, gateway } = setup();
    const o = order("3", "600000", Status.NOTTRADED);
    gateway.onOrder(updateOrder(o, { status: Status.CANCELLED }));
    gateway.onOrder(o); // reordered, older report
    await engine.flush();
    expect(oms.getOrder("DUMMY.3")?.status).toBe(Status.CANCELLED);
    expect(oms.getAllActiveOrders()).toEqual([]);
  });

  it("keeps the latest tick, trades, positions, accounts, contracts and statuses", async () => {
    const { engine, oms, gateway } = setup();
    const t1 = createTick({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      datetime: T0,
      lastPrice: 7,
    });
    const t2 = createTick({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      datetime: T0,
      lastPrice: 8,
    });
    const trade = createTrade({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      tradeid: "T1",
      direction: Direction.LONG,
      price: 7,
      volume: 100,
      datetime: T0,
    });
    const position = createPosition({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.NET,
      volume: 100,
    });
    const account = createAccount({ gatewayName: "DUMMY", accountid: "A1", balance: 10 });
    const contract = createContract({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      name: "浦发银行",
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
    });
    gateway.onTick(t1);
    gateway.onTick(t2);
    gateway.onTrade(trade);
    gateway.onTrade(trade); // duplicate report: stored once
    gateway.onPosition(position);
    gateway.onAccount(account);
    gateway.onContract(contract);
    gateway.writeStatus(GatewaySide.TRADE, ConnectionState.CONNECTED);
    gateway.writeLog("hello");
    await engine.flush();

    expect(oms.getTick("600000.SSE")).toBe(t2);
    expect(oms.getAllTicks()).toEqual([t2]);
    expect(oms.getTrade("DUMMY.T1")).toBe(trade);
    expect(oms.getAllTrades()).toEqual([trade]);
    expect(oms.getPosition("DUMMY.600000.SSE.NET")).toBe(position);
    expect(oms.getAllPositions()).toEqual([position]);
    expect(oms.getAccount("DUMMY.A1")).toBe(account);
    expect(oms.getAllAccounts()).toEqual([account]);
    expect(oms.getContract("600000.SSE")).toBe(contract);
    expect(oms.getAllContracts()).toEqual([contract]);
    expect(oms.getGatewayStatus("DUMMY", GatewaySide.TRADE)?.state).toBe(ConnectionState.CONNECTED);
    expect(oms.getAllGatewayStatuses()).toHaveLength(1);
    expect(oms.getAllLogs().map((log) => log.msg)).toEqual(["hello"]);
    expect(oms.getTick("000001.SZSE")).toBeUndefined();
  });

  it("keeps at most maxLogs log messages", async () => {
    const { engine, oms, gateway } = setup({ maxLogs: 3 });
    for (let i = 0; i < 5; i++) gateway.writeLog(`m${i}`);
    await engine.flush();
    expect(oms.getAllLogs().map((log) => log.msg)).toEqual(["m2", "m3", "m4"]);
  });

  it("with maxFinishedOrders and maxTrades forgets the oldest finished orders and trades, never active ones", async () => {
    const { engine, oms, gateway } = setup({ maxFinishedOrders: 2, maxTrades: 2 });
    const working = order("w");
    gateway.onOrder(working);
    for (const id of ["1", "2", "3"]) {
      gateway.onOrder(order(id));
      gateway.onOrder(updateOrder(order(id), { status: Status.CANCELLED }));
      gateway.onTrade(
        createTrade({
          gatewayName: "DUMMY",
          symbol: "600000",
          exchange: Exchange.SSE,
          orderid: id,
          tradeid: `T${id}`,
          direction: Direction.LONG,
          price: 10,
          volume: 100,
          datetime: T0,
        }),
      );
    }
    await engine.flush();
    expect(oms.getAllOrders().map((o) => o.orderid)).toEqual(["w", "2", "3"]);
    expect(oms.getAllActiveOrders()).toEqual([working]);
    expect(oms.getAllTrades().map((t) => t.tradeid)).toEqual(["T2", "T3"]);
    // An order finishing again (a duplicate final report) does not count twice.
    gateway.onOrder(updateOrder(order("3"), { status: Status.CANCELLED }));
    await engine.flush();
    expect(oms.getAllOrders().map((o) => o.orderid)).toEqual(["w", "2", "3"]);
  });

  it("clearGateway() forgets one gateway's orders, trades, positions and accounts, not other gateways'", async () => {
    const { engine, oms, gateway } = setup();
    const other = new DummyGateway(engine, "OTHER");
    gateway.onOrder(order("1"));
    other.onOrder(
      createOrder({
        gatewayName: "OTHER",
        symbol: "600000",
        exchange: Exchange.SSE,
        orderid: "9",
        direction: Direction.LONG,
      }),
    );
    gateway.onTrade(
      createTrade({
        gatewayName: "DUMMY",
        symbol: "600000",
        exchange: Exchange.SSE,
        orderid: "1",
        tradeid: "T1",
        direction: Direction.LONG,
        price: 10,
        volume: 100,
        datetime: T0,
      }),
    );
    gateway.onPosition(
      createPosition({
        gatewayName: "DUMMY",
        symbol: "600000",
        exchange: Exchange.SSE,
        direction: Direction.NET,
        volume: 100,
      }),
    );
    gateway.onAccount(createAccount({ gatewayName: "DUMMY", accountid: "A", balance: 1 }));
    await engine.flush();
    oms.clearGateway("DUMMY");
    expect(oms.getAllOrders().map((o) => o.vtOrderid)).toEqual(["OTHER.9"]);
    expect(oms.getAllActiveOrders().map((o) => o.vtOrderid)).toEqual(["OTHER.9"]);
    expect(oms.getAllTrades()).toEqual([]);
    expect(oms.getAllPositions()).toEqual([]);
    expect(oms.getAllAccounts()).toEqual([]);
  });

  it("stops listening after dispose()", async () => {
    const { engine, oms, gateway } = setup();
    oms.dispose();
    gateway.onOrder(order("1"));
    await engine.flush();
    expect(oms.getAllOrders()).toEqual([]);
  });
});
