import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectionState,
  EVENT_GATEWAY_STATUS,
  GatewayNotFoundError,
  GatewayNotReadyError,
  GatewaySide,
  type GatewayStatusData,
  MainEngine,
} from "../src/index.js";
import { InMemoryGateway } from "../src/sim/index.js";
import { DummyGateway } from "./helpers/dummy-gateway.js";

// Generous: the waits below end on events, the bound only stops a broken run.
const SAFETY_MS = 10_000;
const engines: MainEngine[] = [];

function engine(): MainEngine {
  const main = new MainEngine();
  engines.push(main);
  return main;
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((main) => main.close()));
});

describe("READY and MainEngine.waitForReady", () => {
  it("resolves once InMemoryGateway has pushed contracts, account and positions", async () => {
    const main = engine();
    main.addGateway(InMemoryGateway);
    const statuses: GatewayStatusData[] = [];
    main.eventEngine.register(EVENT_GATEWAY_STATUS, (event) => statuses.push(event.data));
    main.connect({ 用户名: "demo", 密码: "demo" }, "SIM");

    const ready = await main.waitForReady("SIM", SAFETY_MS);

    expect(ready).toMatchObject({
      gatewayName: "SIM",
      side: GatewaySide.TRADE,
      state: "CONNECTED",
      ready: true,
    });
    expect(ready.msg).toMatch(/contracts, 1 account, 1 positions/);
    expect(main.getContract("600000.SSE")).toBeDefined();
    expect(main.getAllAccounts()).toHaveLength(1);
    expect(main.getPosition("SIM.600000.SSE.NET")?.volume).toBe(1_000);
    // The CONNECTED statuses before it are not ready; READY is the TRADE side's last word.
    expect(statuses.filter((s) => s.side === GatewaySide.TRADE).map((s) => [s.state, s.ready])).toEqual([
      [ConnectionState.CONNECTING, false],
      [ConnectionState.CONNECTED, false],
      [ConnectionState.CONNECTED, true],
    ]);
    // Asking again answers from the OMS at once.
    await expect(main.waitForReady("SIM", 1)).resolves.toBe(ready);
  });

  it("rejects with the timeout and 'no status' when the gateway was never connected", async () => {
    const main = engine();
    main.addGateway(DummyGateway);
    const error = await main.waitForReady("DUMMY", 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayNotReadyError);
    expect((error as GatewayNotReadyError).code).toBe("GATEWAY_NOT_READY");
    expect((error as Error).message).toBe(
      'Gateway "DUMMY" was not READY within 20 ms; last status: no status from the gateway yet (was connect() called?)',
    );
  });

  it("rejects at once, with the reason, when the gateway gives up connecting", async () => {
    const main = engine();
    const gateway = main.addGateway(DummyGateway);
    const waiting = main.waitForReady("DUMMY", SAFETY_MS).catch((e: unknown) => e);
    gateway.writeStatus(GatewaySide.TRADE, ConnectionState.CONNECTING, "connecting to 127.0.0.1:8000");
    gateway.writeStatus(
      GatewaySide.TRADE,
      ConnectionState.DISCONNECTED,
      "交易服务器登录失败: wrong password",
    );
    const error = await waiting;
    expect(error).toBeInstanceOf(GatewayNotReadyError);
    expect((error as GatewayNotReadyError).lastStatus).toBe(
      "DISCONNECTED (交易服务器登录失败: wrong password)",
    );
    expect((error as Error).message).toMatch(/stopped connecting before it was READY/);
  });

  it("ignores a DISCONNECTED left over from before the attempt and the MARKET side", async () => {
    const main = engine();
    const gateway = main.addGateway(DummyGateway);
    const waiting = main.waitForReady("DUMMY", SAFETY_MS);
    gateway.writeStatus(GatewaySide.TRADE, ConnectionState.DISCONNECTED, "closed");
    gateway.writeStatus(GatewaySide.TRADE, ConnectionState.CONNECTING);
    gateway.writeStatus(GatewaySide.MARKET, ConnectionState.DISCONNECTED, "market refused");
    gateway.writeStatus(GatewaySide.TRADE, ConnectionState.CONNECTED);
    gateway.writeReady("all loaded");
    await expect(waiting).resolves.toMatchObject({ ready: true, msg: "all loaded" });
  });

  it("names an unknown gateway and refuses a bad timeout synchronously", () => {
    const main = engine();
    main.addGateway(DummyGateway);
    expect(() => main.waitForReady("HFT", 100)).toThrow(GatewayNotFoundError);
    expect(() => main.waitForReady("DUMMY", 0)).toThrow(/timeoutMs: expected a positive number/);
  });
});
