/**
 * hft_trader_cancel_orders on both libraries against the mock servers: the simulation library,
 * and the vendor shim built against the vendor-SDK double (one BatchCancelOrder, whose CancelReqs
 * must carry the original orders' fields).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CancelRspEvent,
  HftArgumentError,
  loadHftLibrary,
  type OrderStatusEvent,
} from "../src/index.js";
import { until } from "./helpers/backends.js";
import { DEMO_LOGIN, MockFixture, vendorLibrary } from "./helpers/mock-fixture.js";

let fx: MockFixture;
beforeEach(async () => {
  fx = await MockFixture.start();
});
afterEach(async () => {
  await fx.close();
});

describe.each([
  ["the simulation library", () => loadHftLibrary({})],
  ["the vendor shim on the vendor-SDK double", vendorLibrary],
])("batch cancel through %s", (_name, library) => {
  it("cancels two resting orders in one call; each gets its own cancel answer", async () => {
    const api = fx.trader("koffi", { library: library() });
    const reports: OrderStatusEvent[] = [];
    const cancels: CancelRspEvent[] = [];
    api.on("orderStatus", (e) => reports.push(e));
    api.on("cancelRsp", (e) => cancels.push(e));
    const login = api.next("login");
    api.login(DEMO_LOGIN);
    expect((await login).ok).toBe(true);
    const limitDown = fx.mock.broker.snapshot(1, "600000")!.limitDown / 10_000;
    for (const clOrderId of ["BATCH-1", "BATCH-2"])
      api.order({
        clOrderId,
        symbol: "SH.600000",
        orderType: "LMT",
        side: "Bid",
        volume: 100,
        price: limitDown,
      });
    const resting = (c: string) => reports.find((r) => r.clOrderId === c && r.status === "New");
    await until(
      () => resting("BATCH-1") !== undefined && resting("BATCH-2") !== undefined,
      "both orders resting",
    );
    const ids = ["BATCH-1", "BATCH-2"].map((c) => resting(c)!.orderId);
    api.cancelOrders(ids);
    await until(() => cancels.length === 2, "two cancel answers");
    expect(cancels.map((c) => [c.orderId, c.status, c.errorCode])).toEqual(
      ids.map((id) => [id, "Canceling", 0]),
    );
    await until(
      () => ids.every((id) => reports.some((r) => r.orderId === id && r.status === "CancelFilled")),
      "both cancelled",
    );
    expect(() => api.cancelOrders([])).toThrow(HftArgumentError);
    expect(() => api.cancelOrders(["x".repeat(32)])).toThrow(HftArgumentError);
  });
});
