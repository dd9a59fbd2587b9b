import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ErrorCode,
  type MockServers,
  OrderStatus,
  OrderType,
  placeOrderAndWait,
  Side,
  waitForOrderStatus,
} from "../src/index.js";
import { loggedInTrader, startServers } from "./helpers/servers.js";

describe("order outcome helpers", () => {
  let mock: MockServers;
  beforeAll(async () => {
    mock = await startServers();
  });
  afterAll(async () => {
    await mock.close();
  });
  const limitDown = () => mock.broker.snapshot(1, "600000")?.limitDown ?? 0;

  it("wait for a chosen status, then for the final one", async () => {
    const c = await loggedInTrader(mock);
    const req = {
      clOrderId: "W-1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 100,
      price: limitDown(),
    };
    const resting = await placeOrderAndWait(c, req, { statuses: [OrderStatus.New] });
    expect(resting.response.errorCode).toBe(0);
    expect(resting.report).toMatchObject({ clOrderId: "W-1", status: OrderStatus.New });
    const done = waitForOrderStatus(c, { orderId: resting.response.orderId });
    await c.cancel({ orderId: resting.response.orderId, clOrderId: "" });
    expect((await done).status).toBe(OrderStatus.CancelFilled);
    await c.close();
  });

  it("resolve with the Rejected report of a refused order", async () => {
    const c = await loggedInTrader(mock);
    const { response, report } = await placeOrderAndWait(c, {
      clOrderId: "W-2",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 150,
      price: limitDown(),
    });
    expect(response.errorCode).toBe(ErrorCode.ORDER_BAD_LOT);
    expect(report).toMatchObject({ status: OrderStatus.Rejected, errorCode: ErrorCode.ORDER_BAD_LOT });
    await c.close();
  });

  it("time out naming the order and the last status seen", async () => {
    const c = await loggedInTrader(mock);
    const req = {
      clOrderId: "W-3",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 100,
    };
    const { response } = await placeOrderAndWait(
      c,
      { ...req, price: limitDown() },
      { statuses: [OrderStatus.New] },
    );
    // The market is stopped: the order rests, no report follows.
    await expect(waitForOrderStatus(c, { orderId: response.orderId }, { timeoutMs: 200 })).rejects.toThrow(
      `timed out after 200 ms waiting for order orderId ${response.orderId} to reach Filled/CancelFilled/PartiallyCanceled/Rejected (no report)`,
    );
    await expect(
      placeOrderAndWait(c, {
        clOrderId: "",
        symbol: "SH.600000",
        orderType: 1,
        side: 1,
        volume: 100,
        price: 1,
      }),
    ).rejects.toThrow("clOrderId must not be empty");
    await c.close();
  });
});
