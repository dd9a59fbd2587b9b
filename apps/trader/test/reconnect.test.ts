/**
 * Connecting the trader to another account (the dashboard's connect form): the first account's
 * orders, trades and positions leave the OMS and the page gets a fresh snapshot, so nothing of the
 * old account stays on screen as if it were still working.
 */
import { createOrderRequest, Direction, EVENT_LOG, Exchange, OrderType, Status } from "@tsgate/core";
import { demoConfigInput, type MockServers, parseMockConfig, startMockServers } from "@tsgate/mock-server";
import { afterAll, expect, it } from "vitest";
import type { ServerMessage } from "../src/shared/protocol.js";
import { TraderRuntime } from "../src/trader-runtime.js";

let runtime: TraderRuntime | undefined;
let other: MockServers | undefined;
afterAll(async () => {
  await runtime?.close();
  await other?.close();
});

/** A safety limit for each wait, far above what one takes on a loaded machine. */
const WAIT_LIMIT_MS = 30_000;

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("reconnecting to another account clears the old account's objects and sends a snapshot", async () => {
  const rt = await TraderRuntime.start({ subscribe: ["600000.SSE"], language: "zh-CN" });
  runtime = rt;
  const main = rt.mainEngine;
  // READY, not just CONNECTED: the login's queries (account, positions) answer in their own time,
  // and the checks below need the demo account's holdings loaded to find them gone afterwards.
  await main.waitForReady("HFT", WAIT_LIMIT_MS);
  await until("the first tick", () => main.getTick("600000.SSE") !== undefined);
  const tick = main.getTick("600000.SSE");
  const resting = rt.sendOrder(
    createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      volume: 100,
      price: tick?.limitDown ?? 0,
    }),
  );
  await until("the order resting", () => main.getOrder(resting)?.status === Status.NOTTRADED);
  expect(main.getAllPositions().some((p) => p.volume !== 0)).toBe(true);
  expect(main.getAccount("HFT.demo")).toBeDefined();

  const [account] = demoConfigInput.accounts;
  other = await startMockServers({
    config: parseMockConfig({
      ...demoConfigInput,
      accounts: [{ ...account, accountId: "other", password: "other-pw", positions: [] }],
    }),
  });
  const messages: ServerMessage[] = [];
  rt.onChange((message) => messages.push(message));
  const logs: string[] = [];
  main.eventEngine.register(EVENT_LOG, (event) => logs.push(event.data.msg));
  await rt.reconnect({
    交易用户名: "other",
    交易密码: "other-pw",
    交易端口: other.tradePort,
    行情端口: other.marketPort,
  });

  // The trader's own log line, in the trader's language like the gateway's.
  expect(logs).toContain(
    `正在连接 127.0.0.1:${other.tradePort}（交易）和 127.0.0.1:${other.marketPort}（行情）`,
  );
  const snapshot = messages.find((m) => m.kind === "snapshot");
  expect(snapshot?.kind === "snapshot" && snapshot.data.orders).toEqual([]);
  await main.waitForReady("HFT", WAIT_LIMIT_MS);
  expect(main.getAccount("HFT.other")).toBeDefined();
  expect(main.getOrder(resting)).toBeUndefined();
  expect(main.getAllActiveOrders()).toEqual([]);
  expect(main.getAccount("HFT.demo")).toBeUndefined();
  // The other account holds nothing: no position of the demo account is left over.
  expect(main.getAllPositions().filter((p) => p.volume !== 0)).toEqual([]);
});
