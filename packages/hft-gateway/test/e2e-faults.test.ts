/**
 * Faults end to end: connection drops, duplicated and reordered reports, a server restart, a
 * market-data drop. Each check waits for events (never for a fixed time) and ends with a ledger
 * comparison against the mock broker's own books.
 */
import { Direction, type OrderData, Status } from "@tsgate/core";
import { OrderType as WireOrderType, Side as WireSide, yuanToScaled } from "@tsgate/mock-server";
import { afterEach, describe, expect, it } from "vitest";
import { limitOrder, type Stack, startStack, stepTick, subscribeTick } from "./helpers/e2e.js";
import { serverOrders, serverTradeIds } from "./helpers/ledger.js";

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

function count(stack: Stack, pattern: RegExp): number {
  return stack.rec.logTexts.filter((text) => pattern.test(text)).length;
}

function waitStatus(stack: Stack, vtOrderid: string, status: Status): Promise<OrderData> {
  return stack.rec.waitFor(`${vtOrderid} ${status}`, () => {
    const order = stack.rec.lastOrder(vtOrderid);
    return order?.status === status ? order : undefined;
  });
}

/**
 * Every report the server made reaches the gateway exactly once: waits until the gateway has
 * every server trade id, then proves nothing more arrives late with a barrier order (reports come
 * in sequence order, so its NOTTRADED comes after any replay of earlier reports).
 */
async function expectLedger(stack: Stack): Promise<void> {
  const expected = serverTradeIds(stack.mock);
  await stack.rec.waitFor("every server trade at the gateway", () =>
    expected.every((id) => stack.rec.trades.some((t) => t.tradeid === id)),
  );
  const barrier = stack.main.sendOrder(limitOrder("600000", Direction.LONG, 100, 10.62), "HFT");
  await waitStatus(stack, barrier, Status.NOTTRADED);
  const received = stack.rec.trades.map((t) => t.tradeid);
  expect(new Set(received).size).toBe(received.length);
  expect([...received].sort()).toEqual([...serverTradeIds(stack.mock)].sort());
  for (const [id, server] of serverOrders(stack.mock)) {
    const order = stack.main.getOrder(`HFT.${id}`);
    expect(order, id).toBeDefined();
    if (server.status !== "ACTIVE") expect(order?.status, id).toBe(server.status);
    expect(order?.traded, id).toBe(server.filled);
  }
}

describe("trade side", () => {
  it("reconnects after a drop with no lost or duplicated trades, under duplicated and reordered reports", async () => {
    s = await startStack();
    const stack = s;
    const tick = await subscribeTick(stack, "600000");
    stack.mock.control.duplicateReports(true);
    stack.mock.control.reorderReports(true);
    const buy = () => stack.main.sendOrder(limitOrder("600000", Direction.LONG, 200, tick.limitUp), "HFT");
    const first = [buy(), buy(), buy()];
    for (const id of first) await waitStatus(stack, id, Status.ALLTRADED);

    stack.mock.control.dropConnections({ side: "trade" });
    // While disconnected: an order from this gateway (queued by the library, sent after the
    // re-login) and fills made by another session (replayed to us after the re-login).
    const queued = buy();
    stack.mock.broker.placeOrder("demo", {
      clOrderId: "WHILE-DOWN",
      symbol: "SH.600000",
      orderType: WireOrderType.LMT,
      side: WireSide.Bid,
      volume: 300,
      price: yuanToScaled(tick.limitUp),
    });
    await stack.rec.waitForLog(/^交易服务器连接断开：.*正在自动重连$/);
    await stack.rec.waitForLog(/^交易服务器重连成功/);
    await waitStatus(stack, queued, Status.ALLTRADED);
    await waitStatus(stack, "HFT.WHILE-DOWN", Status.ALLTRADED);

    // A second drop in the middle of live fills.
    const more = [buy(), buy()];
    stack.mock.control.dropConnections({ side: "trade" });
    for (const id of more) await waitStatus(stack, id, Status.ALLTRADED);
    await stack.rec.waitFor(
      "the second re-login",
      () => count(stack, /^交易服务器重连成功/) >= 2 || undefined,
    );

    await expectLedger(stack);
    const states = stack.rec.statuses.filter((x) => x.side === "TRADE").map((x) => x.state);
    expect(states).toContain("RECONNECTING");
    expect(states.at(-1)).toBe("CONNECTED");
    // Account and positions are refreshed after each re-login and match the server's books.
    const seen = stack.rec.positions.length;
    stack.main.queryPosition("HFT");
    const position = await stack.rec.waitFor("a fresh 600000 position", () =>
      stack.rec.positions.slice(seen).find((p) => p.vtSymbol === "600000.SSE"),
    );
    const books = stack.mock.broker.books("demo").positions.find((p) => p.symbol === "SH.600000");
    expect(position).toMatchObject({ volume: books?.volume, ydVolume: books?.ydVolume });
  });

  it("rides out a trade server restart: reconnects, logs in again, and the session resumes", async () => {
    s = await startStack();
    const stack = s;
    await subscribeTick(stack, "600000");
    const resting = stack.main.sendOrder(limitOrder("600000", Direction.LONG, 100, 10.62), "HFT");
    await waitStatus(stack, resting, Status.NOTTRADED);
    await stack.mock.control.restartServer("trade", 300);
    await stack.rec.waitForLog(/^交易服务器重连成功/);
    // The order placed before the restart is still ours and can be cancelled.
    const order = stack.main.getOrder(resting);
    expect(order?.status).toBe(Status.NOTTRADED);
    stack.main.cancelOrder(
      { orderid: order?.orderid ?? "", symbol: "600000", exchange: "SSE", vtSymbol: "600000.SSE" },
      "HFT",
    );
    await waitStatus(stack, resting, Status.CANCELLED);
    await expectLedger(stack);
  });
});

describe("market side", () => {
  it("recovers market data after a market-data drop: logged, status events, resubscribed, ticks again", async () => {
    s = await startStack();
    const stack = s;
    await subscribeTick(stack, "600000");
    await subscribeTick(stack, "000001", "SZSE");
    stack.mock.control.dropConnections({ side: "market" });
    await stack.rec.waitForLog(/^行情服务器连接断开：.*正在自动重连$/);
    const relogin = await stack.rec.waitForLog(/^行情服务器重连成功/);
    // The library resubscribes by itself; the server answers each subscription with a snapshot.
    const after = (vtSymbol: string) =>
      stack.rec.waitFor(`a ${vtSymbol} tick after the reconnect`, () =>
        stack.rec.ticksAfter(relogin).find((t) => t.vtSymbol === vtSymbol),
      );
    await Promise.all([after("600000.SSE"), after("000001.SZSE")]);
    const next = await stepTick(stack, "600000.SSE");
    expect(next.lastPrice).toBeGreaterThan(0);
    const states = stack.rec.statuses.filter((x) => x.side === "MARKET").map((x) => x.state);
    expect(states).toEqual(expect.arrayContaining(["RECONNECTING", "CONNECTED"]));
    expect(states.at(-1)).toBe("CONNECTED");
    // The trade side was not affected.
    expect(count(stack, /^交易服务器连接断开/)).toBe(0);
  });
});
