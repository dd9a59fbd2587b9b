import {
  type AccountData,
  createOrderRequest,
  createSubscribeRequest,
  Direction,
  Exchange,
  MainEngine,
  type OrderData,
  OrderType,
  type PositionData,
  type TradeData,
} from "@tsgate/core";
import { InMemoryGateway } from "@tsgate/core/sim";
import { HftGateway } from "@tsgate/hft-gateway";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { NatsBridgeServer, type NatsBridgeServerOptions } from "../../src/index.js";

/** Tick interval of the in-memory gateway (`@tsgate/core/sim`) in tests, ms. */
export const TEST_TICK_MS = 20;
/** Market steps per second of the mock broker in tests (one tick per instrument per step). */
export const MOCK_MARKET_HZ = 20;
/** The mock broker's demo account (see @tsgate/mock-server's demo config). */
export const DEMO = { user: "demo", password: "demo123", accountId: "demo" } as const;

/**
 * Which gateway the host runs: `"hft"` is the real stack (HftGateway → native sim library → TCP →
 * mock broker); `"reference"` is `InMemoryGateway` from `@tsgate/core/sim`, no server behind it.
 */
export type Backend = "hft" | "reference";
export const SYMBOL = "600000";
export const VT_SYMBOL = "600000.SSE";
export const WAIT_MS = 15_000;

/** A gateway host: MainEngine + gateway + bridge server (+ the mock broker for `"hft"`). */
export interface Host {
  readonly main: MainEngine;
  readonly bridge: NatsBridgeServer;
  readonly mock: MockServers | undefined;
  close(): Promise<void>;
}

/** Starts a host with a connected gateway named `gatewayName` and a bridge on `url`. */
export async function startHost(
  url: string,
  gatewayName: string,
  options: Partial<NatsBridgeServerOptions> = {},
  backend: Backend = "reference",
): Promise<Host> {
  const main = new MainEngine();
  let mock: MockServers | undefined;
  if (backend === "hft") {
    mock = await startMockServers({ tradePort: 0, marketPort: 0, marketRateHz: MOCK_MARKET_HZ });
    main.addGateway(HftGateway, gatewayName);
    main.connect(
      {
        交易用户名: DEMO.user,
        交易密码: DEMO.password,
        交易服务器: "127.0.0.1",
        交易端口: mock.tradePort,
        机构代号: "0000",
        营业部代号: "9999",
        网关: "HFT",
        行情用户名: DEMO.user,
        行情密码: DEMO.password,
        行情服务器: "127.0.0.1",
        行情端口: mock.marketPort,
      },
      gatewayName,
    );
    await until(
      () =>
        main.getAllAccounts().length > 0 &&
        main.oms.getAllGatewayStatuses().filter((s) => s.state === "CONNECTED").length === 2,
      "HftGateway logged in to the mock broker",
    );
  } else {
    main.addGateway(InMemoryGateway, gatewayName);
    main.connect({ 用户名: "demo", 密码: "demo123", 行情间隔: TEST_TICK_MS }, gatewayName);
    await until(() => main.getAllContracts().length > 0, "the in-memory gateway's contracts");
  }
  main.subscribe(createSubscribeRequest({ symbol: SYMBOL, exchange: Exchange.SSE }), gatewayName);
  const bridge = await NatsBridgeServer.attach(main, {
    nats: { servers: url },
    gatewayName,
    allowRemoteTrading: true,
    ...options,
  });
  return {
    main,
    bridge,
    mock,
    close: async () => {
      await bridge.close();
      await main.close();
      await mock?.close();
    },
  };
}

/** Waits (bounded) until `condition()` holds, polling. */
export async function until(condition: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A buy request that fills at once (priced at the daily upper limit: it takes the best ask). */
export function fillingBuy(limitUp: number, reference = "") {
  return createOrderRequest({
    symbol: SYMBOL,
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume: 100,
    price: limitUp,
    reference,
  });
}

/** A buy request that rests (priced at the daily lower limit, below the book). */
export function restingBuy(limitDown: number) {
  return createOrderRequest({
    symbol: SYMBOL,
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume: 100,
    price: limitDown,
  });
}

/** The host OMS state of the gateway, canonical JSON per kind, for comparing with a client's view. */
export function omsState(source: {
  getAllOrders(): readonly OrderData[];
  getAllTrades(): readonly TradeData[];
  getAllPositions(): readonly PositionData[];
  getAllAccounts(): readonly AccountData[];
}): Record<string, string[]> {
  const canon = (items: readonly object[]) => items.map((i) => JSON.stringify(i)).sort();
  return {
    orders: canon(source.getAllOrders()),
    trades: canon(source.getAllTrades()),
    positions: canon(source.getAllPositions()),
    accounts: canon(source.getAllAccounts()),
  };
}

/** Trade ids the mock broker reported for the demo account, as vtTradeids of `gatewayName`. */
export function brokerTradeIds(mock: MockServers, gatewayName: string): string[] {
  return mock.broker
    .reportsAfter(DEMO.accountId, 0)
    .flatMap((report) => (report.type === "trade" ? [`${gatewayName}.${report.body.tradeId}`] : []));
}
