import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConnectionState,
  createCancelRequest,
  createOrderRequest,
  createSubscribeRequest,
  Direction,
  EngineClosedError,
  EVENT_LOG,
  EventEngine,
  Exchange,
  GatewayExistsError,
  GatewayNotFoundError,
  GatewaySide,
  MainEngine,
  OrderType,
  SettingsError,
  Status,
} from "../src/index.js";
import { DummyGateway } from "./helpers/dummy-gateway.js";

const mains: MainEngine[] = [];

function newMain(...args: ConstructorParameters<typeof MainEngine>): MainEngine {
  const main = new MainEngine(...args);
  mains.push(main);
  return main;
}

function until(predicate: () => boolean, what: string): Promise<void> {
  return vi.waitFor(
    () => {
      if (!predicate()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 10_000, interval: 5 },
  );
}

afterEach(async () => {
  await Promise.all(mains.splice(0).map((main) => main.close()));
  vi.restoreAllMocks();
});

describe("MainEngine", () => {
  it("creates and starts its own event engine", () => {
    const main = newMain();
    expect(main.eventEngine.active).toBe(true);
  });

  it("uses a given event engine and starts it if needed", () => {
    const engine = new EventEngine({ interval: 5 });
    const main = newMain(engine);
    expect(main.eventEngine).toBe(engine);
    expect(engine.active).toBe(true);
  });

  it("adds gateways under their default or given name", () => {
    const main = newMain();
    const a = main.addGateway(DummyGateway);
    const b = main.addGateway(DummyGateway, "DUMMY_B");
    expect(a).toBeInstanceOf(DummyGateway);
    expect(a.gatewayName).toBe("DUMMY");
    expect(b.gatewayName).toBe("DUMMY_B");
    expect(main.getGateway("DUMMY_B")).toBe(b);
    expect(main.getAllGatewayNames()).toEqual(["DUMMY", "DUMMY_B"]);
    expect(main.getDefaultSetting("DUMMY")).toEqual({ 用户名: "", 密码: "", 端口: 8000 });
    expect(main.getAllExchanges()).toEqual([Exchange.SSE, Exchange.SZSE]);
    expect(() => main.addGateway(DummyGateway)).toThrow(GatewayExistsError);
  });

  it("gives a typed error listing the known gateways for an unknown name", () => {
    const main = newMain();
    expect(() => main.getGateway("HFT")).toThrow(/no gateway has been added yet/);
    main.addGateway(DummyGateway);
    main.addGateway(DummyGateway, "SIM");
    const req = createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE });
    let caught: unknown;
    try {
      main.subscribe(req, "HFT");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayNotFoundError);
    const error = caught as GatewayNotFoundError;
    expect(error.code).toBe("GATEWAY_NOT_FOUND");
    expect(error.gatewayName).toBe("HFT");
    expect(error.knownGateways).toEqual(["DUMMY", "SIM"]);
    expect(error.message).toBe('Gateway "HFT" not found; known gateways: DUMMY, SIM');
    for (const call of [
      () => main.connect({}, "X"),
      () =>
        main.sendOrder(
          createOrderRequest({
            ...req,
            direction: Direction.LONG,
            type: OrderType.LIMIT,
            volume: 1,
            price: 1,
          }),
          "X",
        ),
      () => main.cancelOrder(createCancelRequest({ orderid: "1", symbol: "1", exchange: Exchange.SSE }), "X"),
      () => main.queryAccount("X"),
      () => main.queryPosition("X"),
    ]) {
      expect(call).toThrow(GatewayNotFoundError);
    }
  });

  it("routes requests to the named gateway and exposes OMS state", async () => {
    const main = newMain();
    const gateway = main.addGateway(DummyGateway);
    expect(() => main.connect({ 用户名: "" }, "DUMMY")).toThrow(SettingsError);
    main.connect({ 用户名: "demo", 密码: "pw", 端口: "8001" }, "DUMMY");
    await until(
      () => main.getGatewayStatus("DUMMY", GatewaySide.TRADE)?.state === ConnectionState.CONNECTED,
      "connect",
    );

    main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "DUMMY");
    const vtOrderid = main.sendOrder(
      createOrderRequest({
        symbol: "600000",
        exchange: Exchange.SSE,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        volume: 100,
        price: 7.3,
      }),
      "DUMMY",
    );
    expect(vtOrderid).toBe("DUMMY.1");
    await until(() => main.getOrder(vtOrderid)?.status === Status.NOTTRADED, "order accepted");
    expect(main.getAllActiveOrders("600000.SSE").map((o) => o.vtOrderid)).toEqual([vtOrderid]);

    const order = main.getOrder(vtOrderid)!;
    main.cancelOrder(createCancelRequest(order), "DUMMY");
    await until(() => main.getOrder(vtOrderid)?.status === Status.CANCELLED, "order cancelled");
    expect(main.getAllActiveOrders()).toEqual([]);
    expect(main.getAllOrders()).toHaveLength(1);

    main.queryAccount("DUMMY");
    main.queryPosition("DUMMY");
    await main.eventEngine.flush();
    expect(main.getAccount("DUMMY.A1")?.available).toBe(900);
    expect(main.getAllAccounts()).toHaveLength(1);
    expect(main.getPosition("DUMMY.600000.SSE.NET")?.ydVolume).toBe(200);
    expect(main.getAllPositions()).toHaveLength(1);
    expect(main.getAllLogs().some((log) => log.msg === "connected as demo")).toBe(true);
    expect(gateway.calls).toEqual([
      "connect",
      "subscribe 600000.SSE",
      "sendOrder",
      "cancelOrder 1",
      "queryAccount",
      "queryPosition",
    ]);
  });

  it("close() closes every gateway, delivers their last events, then stops the engine", async () => {
    const main = newMain();
    const gateway = main.addGateway(DummyGateway);
    main.connect({ 用户名: "demo" }, "DUMMY");
    await until(
      () => main.getGatewayStatus("DUMMY", GatewaySide.TRADE)?.state === ConnectionState.CONNECTED,
      "connect",
    );
    await main.close();
    expect(gateway.calls).toContain("close");
    expect(main.getGatewayStatus("DUMMY", GatewaySide.TRADE)?.state).toBe(ConnectionState.DISCONNECTED);
    expect(main.eventEngine.active).toBe(false);
    expect(main.close()).toBe(main.close());
  });

  it("refuses every call after close(), from the moment it is called, and reaches no gateway", async () => {
    const main = newMain();
    const gateway = main.addGateway(DummyGateway);
    main.connect({ 用户名: "demo" }, "DUMMY");
    const closed = main.close();
    const order = createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 100,
      price: 10,
    });
    const calls: Record<string, () => unknown> = {
      addGateway: () => main.addGateway(DummyGateway, "LATE"),
      getGateway: () => main.getGateway("DUMMY"),
      getDefaultSetting: () => main.getDefaultSetting("DUMMY"),
      connect: () => main.connect({ 用户名: "demo" }, "DUMMY"),
      subscribe: () =>
        main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "DUMMY"),
      sendOrder: () => main.sendOrder(order, "DUMMY"),
      cancelOrder: () =>
        main.cancelOrder(
          createCancelRequest({ orderid: "1", symbol: "600000", exchange: Exchange.SSE }),
          "DUMMY",
        ),
      queryAccount: () => main.queryAccount("DUMMY"),
      queryPosition: () => main.queryPosition("DUMMY"),
    };
    const check = () => {
      for (const [name, call] of Object.entries(calls)) {
        let caught: unknown;
        try {
          call();
        } catch (error) {
          caught = error;
        }
        expect(caught, name).toBeInstanceOf(EngineClosedError);
        expect((caught as EngineClosedError).code).toBe("ENGINE_CLOSED");
        expect((caught as Error).message, name).toMatch(/MainEngine has been closed.*new MainEngine/);
      }
    };
    check(); // while closing
    await closed;
    check(); // and once closed
    expect(gateway.calls).toEqual(["connect", "close"]);
    expect(main.getAllGatewayNames()).toEqual(["DUMMY"]);
    // The final state can still be read.
    expect(main.getAllOrders()).toEqual([]);
  });

  it("close() still closes the others when one gateway fails to close", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    class Broken extends DummyGateway {
      static override defaultName = "BROKEN";
      override close(): Promise<void> {
        throw new Error("socket already gone");
      }
    }
    const main = newMain();
    const logs: string[] = [];
    main.eventEngine.register(EVENT_LOG, (event) => logs.push(event.data.msg));
    main.addGateway(Broken);
    const fine = main.addGateway(DummyGateway);
    await main.close();
    expect(fine.calls).toContain("close");
    expect(spy).toHaveBeenCalledWith(
      expect.stringContaining("Gateway BROKEN failed to close: socket already gone"),
    );
    expect(logs).toContain("Gateway BROKEN failed to close: socket already gone");
  });

  it("close() gives up on a gateway whose close() never finishes", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    class Hanging extends DummyGateway {
      static override defaultName = "HANGING";
      override close(): Promise<void> {
        return new Promise(() => {});
      }
    }
    const main = newMain(undefined, { gatewayCloseTimeoutMs: 20 });
    main.addGateway(Hanging);
    const fine = main.addGateway(DummyGateway);
    await main.close();
    expect(fine.calls).toContain("close");
    expect(main.eventEngine.active).toBe(false);
    expect(spy).toHaveBeenCalledWith(
      expect.stringContaining("Gateway HANGING failed to close: close() did not finish within 20 ms"),
    );
  });
});
