/**
 * Issue 18.6, end to end: client → server bytes lost after login (a proxy drops them) while the
 * server keeps sending heartbeats. The library must notice its order goes unanswered within the
 * heartbeat timeout, disconnect with a reason that says so, reconnect, resend, and the order must
 * reach a final state, with the books agreeing.
 */
import { Direction, Status } from "@tsgate/core";
import { startMockServers } from "@tsgate/mock-server";
import { afterEach, expect, it } from "vitest";
import { limitOrder, type Stack, startStack, subscribeTick } from "./helpers/e2e.js";
import { serverTradeIds } from "./helpers/ledger.js";
import { type OneWayProxy, startOneWayProxy } from "./helpers/one-way-proxy.js";

const HEARTBEAT_TIMEOUT_MS = 3000;
/** Detection is checked on the library's 100 ms tick; the rest is scheduling slack on a busy machine. */
const DETECTION_SLACK_MS = 2000;

let stack: Stack | undefined;
let proxy: OneWayProxy | undefined;
afterEach(async () => {
  await stack?.close();
  await proxy?.close();
  stack = proxy = undefined;
});

it("an order lost on the way to the server is detected, resent after the reconnect and filled", async () => {
  // The server must not notice the silence first: its own heartbeat timeout is far away, as in the
  // adversarial run where the gateway stayed CONNECTED for 30 s.
  const mock = await startMockServers({ marketRateHz: 0, heartbeatTimeoutMs: 120_000 });
  proxy = await startOneWayProxy(mock.tradePort);
  const s = await startStack({
    servers: mock,
    setting: { 交易端口: proxy.port, heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS },
  });
  stack = {
    ...s,
    async close() {
      await s.close();
      await mock.close();
    },
  };
  const tick = await subscribeTick(s, "600000");

  expect(proxy.blackholeUpstream()).toBe(1);
  const logsBefore = s.rec.logTexts.length;
  const sentAt = Date.now();
  const id = s.main.sendOrder(limitOrder("600000", Direction.LONG, 200, tick.limitUp), "HFT");

  const lost = await s.rec.waitForLog(/^交易服务器连接断开：.*没有回应.*正在自动重连$/);
  const detectedAfter = Date.now() - sentAt;
  expect(detectedAfter).toBeGreaterThanOrEqual(HEARTBEAT_TIMEOUT_MS - 150);
  expect(detectedAfter).toBeLessThan(HEARTBEAT_TIMEOUT_MS + DETECTION_SLACK_MS);
  expect(lost.msg).toMatch(/我方请求到不了服务器（单向丢包）/);
  expect(proxy.droppedBytes).toBeGreaterThan(0);
  expect(s.rec.logTexts.slice(logsBefore).some((t) => /交易服务器连接断开/.test(t))).toBe(true);

  await s.rec.waitForLog(/^交易服务器重连成功/);
  const filled = await s.rec.waitFor(`${id} ALLTRADED`, () => {
    const order = s.rec.lastOrder(id);
    return order?.status === Status.ALLTRADED ? order : undefined;
  });
  expect(filled.traded).toBe(200);
  // exactly the server's fills, once each
  const expected = serverTradeIds(mock);
  await s.rec.waitFor("every server trade", () =>
    expected.every((tradeId) => s.rec.trades.some((t) => t.tradeid === tradeId)),
  );
  const received = s.rec.trades.map((t) => t.tradeid);
  expect(new Set(received).size).toBe(received.length);
  expect([...received].sort()).toEqual([...expected].sort());
});
