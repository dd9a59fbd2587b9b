/**
 * HftGateway against @tsgate/core's gateway conformance kit through the vendor path: the vendor
 * shim built against the vendor-SDK double, on the mock servers (conformance.test.ts runs the same
 * kit through the simulation library). The simulated market runs (20 steps/s) so ticks keep coming.
 */
import { createOrderRequest, Direction, OrderType } from "@tsgate/core";
import { runGatewayConformance } from "@tsgate/core/testkit";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { HftGateway } from "../src/index.js";
import { demoSetting } from "./helpers/e2e.js";
import { TEST_TERMINAL_INFO, vendorLibrary } from "./helpers/vendor-path.js";

let mock: MockServers | undefined;

runGatewayConformance({
  name: "HFT through the vendor shim and the vendor-SDK double, on the mock servers",
  gatewayClass: HftGateway,
  setting: () => {
    if (mock === undefined) throw new Error("mock servers not started");
    return demoSetting(mock, { libraryPath: vendorLibrary(), terminalInfo: TEST_TERMINAL_INFO });
  },
  harness: {
    symbol: "600000.SSE",
    start: async () => {
      mock = await startMockServers({ marketRateHz: 20 });
    },
    stop: async () => {
      await mock?.close();
    },
    // A buy at the limit-down price: accepted, rests.
    restingOrder: (contract, tick) =>
      createOrderRequest({
        symbol: contract.symbol,
        exchange: contract.exchange,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        volume: contract.minVolume,
        price: tick.limitDown,
      }),
    // A buy at the limit-up price: takes the displayed asks at once.
    fillingOrder: (contract, tick) =>
      createOrderRequest({
        symbol: contract.symbol,
        exchange: contract.exchange,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        volume: contract.minVolume,
        price: tick.limitUp,
      }),
  },
});
