/**
 * `@tsgate/core/sim`: an in-memory gateway for tests, examples and benchmarks.
 *
 * - {@link InMemoryGateway}: a complete `BaseGateway` with no server behind it: it logs in,
 *   pushes contracts, account, positions and ticks, and fills or rests limit orders. It passes
 *   the conformance kit, so code written against it runs unchanged against a real gateway.
 * - {@link SimExchange}: the deterministic simulated market it trades on (seeded random walk,
 *   five levels of depth, prices in integer cents); share one between gateways or move it from a
 *   test with {@link SimExchange.moveMarket}.
 *
 * Unlike `@tsgate/core/testkit`, this entry point does not load vitest: it works under any test
 * runner and in plain Node scripts.
 *
 * @example
 * ```ts
 * import { MainEngine, createOrderRequest, Direction, Exchange, OrderType } from "@tsgate/core";
 * import { InMemoryGateway } from "@tsgate/core/sim";
 *
 * const main = new MainEngine();
 * main.addGateway(InMemoryGateway); // named "SIM"
 * main.connect({ 用户名: "demo", 密码: "demo", 行情间隔: 50 }, "SIM");
 * // ...once connected (EVENT_CONTRACT for 600000.SSE has arrived):
 * main.sendOrder(createOrderRequest({ symbol: "600000", exchange: Exchange.SSE,
 *   direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: 7.35 }), "SIM");
 * ```
 *
 * @packageDocumentation
 */

export { InMemoryGateway, type InMemoryGatewayOptions } from "./in-memory-gateway.js";
export {
  SIM_INSTRUMENTS,
  SimExchange,
  type SimFill,
  type SimInstrument,
  type SimLevel,
  type SimOrder,
  type SimQuote,
} from "./sim-exchange.js";
