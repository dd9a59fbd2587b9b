/**
 * HftGateway against @tsgate/core's gateway conformance kit, on mock servers started by the kit's
 * harness. The simulated market runs (20 steps/s) so ticks keep coming for the tick checks. Each
 * library path (simulation library, vendor shim over the vendor-SDK double) runs the same kit.
 */
import { createOrderRequest, Direction, OrderType } from "@tsgate/core";
import { runGatewayConformance } from "@tsgate/core/testkit";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { HftGateway } from "../../src/index.js";
import { demoSetting } from "./e2e.js";

/** Runs the kit once; `extraSetting` picks the library path (and what it needs). */
export function runHftConformance(
  name: string,
  extraSetting: () => Record<string, unknown> = () => ({}),
): void {
  let mock: MockServers | undefined;
  runGatewayConformance({
    name,
    gatewayClass: HftGateway,
    setting: () => {
      if (mock === undefined) throw new Error("mock servers not started");
      return demoSetting(mock, extraSetting());
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
}
