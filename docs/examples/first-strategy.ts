/**
 * A first strategy against the simulated broker: subscribe to 600000.SSE, watch ticks, buy one
 * lot at the best ask once the spread is tight, print the order updates and the trade, then stop.
 *
 *   npx tsx docs/examples/first-strategy.ts      (from the repo root, after `npm run build`)
 *
 * Everything runs in this process: the mock trade and market servers, MainEngine, HftGateway and
 * the native simulation library behind it. To trade elsewhere, change only `setting`.
 */
import {
  createOrderRequest,
  createSubscribeRequest,
  Direction,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_TICK,
  EVENT_TRADE,
  Exchange,
  eventType,
  MainEngine,
  OrderType,
  Status,
} from "@tsgate/core";
import { HftGateway } from "@tsgate/hft-gateway";
import { startMockServers } from "@tsgate/mock-server";

const mock = await startMockServers({ seed: 1 }); // demo account, free ports on 127.0.0.1

const main = new MainEngine();
main.addGateway(HftGateway); // registered as "HFT"
const engine = main.eventEngine;

engine.register(EVENT_LOG, (event) => console.log(`[log] ${event.data.msg}`));

let vtOrderid: string | undefined;
let done: () => void;
const finished = new Promise<void>((resolve) => {
  done = resolve;
});

// The per-symbol event type carries TickData, typed.
engine.register(eventType(EVENT_TICK, "600000.SSE"), (event) => {
  const tick = event.data;
  console.log(`[tick] ${tick.vtSymbol} last ${tick.lastPrice} bid ${tick.bidPrice1} ask ${tick.askPrice1}`);
  // One order only. We subscribe after READY, so the contract (lot, tick, limits) is loaded.
  if (vtOrderid !== undefined || tick.askPrice1 <= 0) return;
  vtOrderid = main.sendOrder(
    createOrderRequest({
      symbol: tick.symbol,
      exchange: tick.exchange,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 100,
      price: tick.askPrice1, // marketable: fills against the displayed ask
    }),
    "HFT",
  );
  console.log(`[strategy] sent ${vtOrderid}`);
});

engine.register(EVENT_ORDER, (event) => {
  const order = event.data;
  if (order.vtOrderid !== vtOrderid) return;
  console.log(
    `[order] ${order.vtOrderid} ${order.status} traded ${order.traded}/${order.volume} ${order.statusMsg}`,
  );
  if (
    order.status === Status.ALLTRADED ||
    order.status === Status.REJECTED ||
    order.status === Status.CANCELLED
  ) {
    done();
  }
});

engine.register(EVENT_TRADE, (event) => {
  const trade = event.data;
  console.log(`[trade] ${trade.vtTradeid} ${trade.direction} ${trade.volume} @ ${trade.price}`);
});

// Returns at once; a bad setting throws SettingsError here, everything else arrives as events.
main.connect(
  {
    交易用户名: "demo",
    交易密码: "demo123",
    交易服务器: "127.0.0.1",
    交易端口: mock.tradePort,
    行情用户名: "demo",
    行情密码: "demo123",
    行情服务器: "127.0.0.1",
    行情端口: mock.marketPort,
  },
  "HFT",
);
// READY: contracts, account, positions, orders and trades are loaded. A refused login or an
// unreachable server rejects here with the gateway's reason (GatewayNotReadyError).
await main.waitForReady("HFT", 15_000);
console.log(`[ready] ${main.getAllContracts().length} contracts, ${main.getAllPositions().length} positions`);
main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "HFT");

const timeout = setTimeout(() => {
  console.error("no fill within 30 s");
  done();
}, 30_000);
await finished;
clearTimeout(timeout);
// The OMS keeps the latest state of everything the gateway pushed.
const order = vtOrderid === undefined ? undefined : main.getOrder(vtOrderid);
console.log(
  `[oms] ${order?.vtOrderid} is ${order?.status}; active orders: ${main.getAllActiveOrders().length}`,
);
await main.close(); // closes the gateway (and its native handles), delivers the last events
await mock.close();
