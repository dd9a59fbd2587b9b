/** SubscriptionFailures: fed by the gateway's failure event, cleared by a retry or by ticks. */
import { createTick, EventEngine, Exchange } from "@tsgate/core";
import { EVENT_SUBSCRIBE_FAILED, type SubscribeFailure } from "@tsgate/hft-gateway";
import { afterEach, describe, expect, it } from "vitest";
import { SubscriptionFailures } from "../src/subscription-failures.js";

const engines: EventEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

describe("SubscriptionFailures", () => {
  it("records refusals and forgets them on a retry or when ticks arrive", async () => {
    const engine = new EventEngine();
    engines.push(engine);
    engine.start();
    const seen: Record<string, string>[] = [];
    const failures = new SubscriptionFailures(engine, (all) => seen.push(all));
    const failure: SubscribeFailure = {
      gatewayName: "HFT",
      vtSymbol: "000002.SZSE",
      errorCode: 5003,
      reason: "unknown codes on SZ: 000002",
    };
    engine.put({ type: EVENT_SUBSCRIBE_FAILED, data: failure });
    engine.put({ type: EVENT_SUBSCRIBE_FAILED, data: { ...failure, vtSymbol: "600001.SSE" } });
    await engine.flush();
    expect(failures.all()).toEqual({
      "000002.SZSE": "unknown codes on SZ: 000002",
      "600001.SSE": "unknown codes on SZ: 000002",
    });
    failures.clear("600001.SSE");
    expect(failures.has("600001.SSE")).toBe(false);
    engine.put({
      type: "eTick.",
      data: createTick({
        gatewayName: "HFT",
        symbol: "000002",
        exchange: Exchange.SZSE,
        datetime: new Date(),
      }),
    });
    await engine.flush();
    expect(failures.all()).toEqual({});
    expect(seen.at(-1)).toEqual({});
    failures.dispose();
  });
});
