// The gateway's end-to-end flow in Windows node.exe: MainEngine → HftGateway → the DLL → Winsock →
// the mock servers on the Linux side. No timing assertions: Wine is 5–10× slower than Linux.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createCancelRequest,
  createOrderRequest,
  createSubscribeRequest,
  Direction,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_TICK,
  EVENT_TRADE,
  Exchange,
  MainEngine,
  OrderType,
  Status,
} from "@tsgate/core";
import { HftGateway } from "@tsgate/hft-gateway";
import { control, DEMO, LIBRARY, MARKET_PORT, TRADE_PORT, waitFor } from "./harness.mjs";

const main = new MainEngine();
const logs = [];
const orders = new Map();
const trades = [];
const ticks = [];
main.eventEngine.register(EVENT_LOG, (e) => logs.push(e.data.msg));
main.eventEngine.register(EVENT_ORDER, (e) => orders.set(e.data.vtOrderid, e.data));
main.eventEngine.register(EVENT_TRADE, (e) => trades.push(e.data));
main.eventEngine.register(EVENT_TICK, (e) => ticks.push(e.data));

const hasLog = (pattern, from = 0) => logs.slice(from).some((msg) => pattern.test(msg));
const statusOf = (vtOrderid) => orders.get(vtOrderid)?.status;

async function nextTick() {
  const seen = ticks.length;
  await control("POST", "/step");
  return waitFor("a tick of 600000.SSE", () => ticks.slice(seen).find((t) => t.vtSymbol === "600000.SSE"));
}

function order(direction, price) {
  return main.sendOrder(
    createOrderRequest({
      symbol: "600000",
      exchange: Exchange.SSE,
      direction,
      type: OrderType.LIMIT,
      volume: 100,
      price,
    }),
    "HFT",
  );
}

before(async () => {
  main.addGateway(HftGateway);
  main.connect(
    {
      交易用户名: DEMO.user,
      交易密码: DEMO.password,
      交易服务器: "127.0.0.1",
      交易端口: TRADE_PORT,
      行情用户名: DEMO.user,
      行情密码: DEMO.password,
      行情服务器: "127.0.0.1",
      行情端口: MARKET_PORT,
      reconnectMinMs: 50,
      reconnectMaxMs: 500,
      heartbeatIntervalMs: 200,
      heartbeatTimeoutMs: 10_000,
      // the vendor path: its DLL and what a broker requires at login (as e2e-vendor.test.ts)
      ...(LIBRARY.path === undefined ? {} : { libraryPath: LIBRARY.path }),
      ...(LIBRARY.terminalInfo === undefined ? {} : { terminalInfo: LIBRARY.terminalInfo }),
    },
    "HFT",
  );
  await waitFor("the start-up queries", () => hasLog(/成交信息查询成功/));
  await waitFor("the market login", () => hasLog(/行情服务器登录成功/));
});

after(async () => {
  await main.close();
});

describe(`HftGateway on Windows [${LIBRARY.name}]`, () => {
  it("loaded contracts, account and positions after login", async () => {
    assert.ok(hasLog(LIBRARY.contractsLog), logs.join("\n"));
    const contract = await waitFor("the 600000.SSE contract", () => main.getContract("600000.SSE"));
    // Chinese text survives the library (the vendor SDK's is GBK on Windows, converted by the shim)
    assert.equal(contract.name, "浦发银行");
    assert.ok(main.getAllAccounts().length > 0);
    assert.ok(main.getAllPositions().length > 0);
  });

  it("subscribes and streams ticks with depth", async () => {
    main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "HFT");
    const tick = await waitFor("the first tick", async () => {
      await control("POST", "/step");
      return ticks.find((t) => t.vtSymbol === "600000.SSE");
    });
    assert.ok(tick.askPrice1 > 0 && tick.bidPrice1 > 0);
  });

  it("a marketable buy fills: ALLTRADED with its trade", async () => {
    const tick = await nextTick();
    const vtOrderid = order(Direction.LONG, tick.askPrice1);
    await waitFor(`${vtOrderid} filled`, async () => {
      if (statusOf(vtOrderid) !== Status.ALLTRADED) await control("POST", "/step");
      return statusOf(vtOrderid) === Status.ALLTRADED;
    });
    await waitFor("its trade", () => trades.some((t) => t.vtOrderid === vtOrderid));
  });

  it("a resting sell is cancelled", async () => {
    const tick = await nextTick();
    const vtOrderid = order(Direction.SHORT, tick.limitUp);
    await waitFor(`${vtOrderid} NOTTRADED`, () => statusOf(vtOrderid) === Status.NOTTRADED);
    main.cancelOrder(createCancelRequest(orders.get(vtOrderid)), "HFT");
    await waitFor(`${vtOrderid} CANCELLED`, () => statusOf(vtOrderid) === Status.CANCELLED);
  });

  it("reconnects after the servers drop both connections, then trades again", async () => {
    const from = logs.length;
    const { dropped } = await control("POST", "/drop");
    assert.ok(dropped >= 2, `dropped ${dropped} connections`);
    await waitFor("the trade re-login", () => hasLog(/^交易服务器重连成功/, from));
    await waitFor("the market re-login", () => hasLog(/^行情服务器重连成功/, from));
    const tick = await nextTick();
    const vtOrderid = order(Direction.LONG, tick.limitDown);
    await waitFor(
      `${vtOrderid} NOTTRADED after the reconnect`,
      () => statusOf(vtOrderid) === Status.NOTTRADED,
    );
  });
});
