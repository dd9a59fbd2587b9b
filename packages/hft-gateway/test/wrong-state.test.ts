/**
 * Gateway methods called in the wrong state (issue 7): before connect, after close, twice, with
 * unknown ids and symbols, with bad settings. Each gives a clear error to the caller (thrown at
 * once, for bad settings and unknown gateway names only) or a clear log / REJECTED order, and
 * nothing escapes into the event loop: no uncaught exception, no unhandled rejection, no event
 * handler error. Directly on HftGateway and through MainEngine; the connected cases use the real
 * C library against mock servers in this process.
 */
import {
  type CancelRequest,
  createCancelRequest,
  createSubscribeRequest,
  Direction,
  EventEngine,
  Exchange,
  GatewayNotFoundError,
  LogLevel,
  MainEngine,
  type OrderData,
  SettingsError,
  Status,
} from "@tsgate/core";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HftGateway } from "../src/index.js";
import { demoSetting, limitOrder } from "./helpers/e2e.js";
import { rawSubscribeRequest } from "./helpers/raw-requests.js";
import { Recorder, settle } from "./helpers/recorder.js";

// ---- nothing may escape into the event loop ----

const escaped: string[] = [];
const onUncaught = (error: unknown) => escaped.push(`uncaughtException: ${String(error)}`);
const onUnhandled = (reason: unknown) => escaped.push(`unhandledRejection: ${String(reason)}`);

beforeAll(() => {
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUnhandled);
});

afterAll(() => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUnhandled);
});

/** An engine that records handler errors instead of printing them. */
function engineRecordingErrors(): EventEngine {
  return new EventEngine({
    onHandlerError: (error, event) => escaped.push(`handler error on ${event.type}: ${String(error)}`),
  });
}

afterEach(async () => {
  // Let late callbacks and promise chains run before judging.
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(escaped).toEqual([]);
});

// ---- helpers ----

const BAD_SETTING = {
  交易用户名: "demo",
  交易密码: "pw-§-secret",
  交易服务器: "127.0.0.1:8000",
  交易端口: "80a",
};

function idOf(vtOrderid: string): string {
  return vtOrderid.slice(vtOrderid.indexOf(".") + 1);
}

function cancelOf(vtOrderid: string, symbol = "600000", exchange: Exchange = Exchange.SSE): CancelRequest {
  return createCancelRequest({ orderid: idOf(vtOrderid), symbol, exchange });
}

function statuses(rec: Recorder, vtOrderid: string): Status[] {
  return rec.ordersOf(vtOrderid).map((order) => order.status);
}

function lastLog(rec: Recorder, pattern: RegExp) {
  return rec.logs.filter((log) => pattern.test(log.msg)).at(-1);
}

/** A gateway with no connection, on its own started engine. */
function idleGateway() {
  const engine = engineRecordingErrors();
  engine.start();
  const rec = new Recorder(engine);
  const gw = new HftGateway(engine);
  return { engine, rec, gw };
}

// ---- before connect (no server needed) ----

describe("HftGateway before connect", () => {
  it("sendOrder returns the vtOrderid and pushes SUBMITTING then REJECTED: not connected", async () => {
    const { engine, rec, gw } = idleGateway();
    let vtOrderid = "";
    expect(() => {
      vtOrderid = gw.sendOrder(limitOrder("600000", Direction.LONG, 100, 10));
    }).not.toThrow();
    expect(vtOrderid).toMatch(/^HFT\.\S+$/);
    await settle(engine);
    expect(statuses(rec, vtOrderid)).toEqual([Status.SUBMITTING, Status.REJECTED]);
    expect(rec.lastOrder(vtOrderid)?.statusMsg).toBe("未连接：请先调用 connect()");
    expect(lastLog(rec, /未发送，已拒绝/)?.msg).toBe(
      `委托 ${idOf(vtOrderid)} 未发送，已拒绝：未连接：请先调用 connect()`,
    );
    engine.stop();
  });

  it("cancelOrder of an unknown id, or of a finished order, is logged and ignored", async () => {
    const { engine, rec, gw } = idleGateway();
    expect(() => gw.cancelOrder(cancelOf("HFT.no-such-order"))).not.toThrow();
    const rejected = gw.sendOrder(limitOrder("600000", Direction.LONG, 100, 10));
    expect(() => gw.cancelOrder(cancelOf(rejected))).not.toThrow();
    await settle(engine);
    expect(lastLog(rec, /找不到委托/)).toMatchObject({
      msg: "撤单失败：找不到委托 no-such-order（不是本接口的委托，或尚未收到）",
      level: LogLevel.WARNING,
    });
    expect(lastLog(rec, /撤单忽略/)?.msg).toBe(
      `撤单忽略：委托 ${idOf(rejected)} 已是最终状态 REJECTED，无需撤单`,
    );
    expect(statuses(rec, rejected)).toEqual([Status.SUBMITTING, Status.REJECTED]);
    engine.stop();
  });

  it("queryAccount / queryPosition are logged and ignored, close() resolves (twice), subscribe is queued", async () => {
    const { engine, rec, gw } = idleGateway();
    expect(() => gw.queryAccount()).not.toThrow();
    expect(() => gw.queryPosition()).not.toThrow();
    await expect(gw.close()).resolves.toBeUndefined();
    await expect(gw.close()).resolves.toBeUndefined();
    expect(() =>
      gw.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE })),
    ).not.toThrow();
    await settle(engine);
    expect(rec.accounts).toEqual([]);
    expect(rec.positions).toEqual([]);
    expect(rec.statuses).toEqual([]);
    expect(rec.logTexts).toEqual([
      "资金信息查询忽略：交易服务器尚未登录（登录后会自动查询并定时刷新）",
      "持仓信息查询忽略：交易服务器尚未登录（登录后会自动查询并定时刷新）",
      "订阅 600000.SSE 已记录，将在行情服务器登录后发送",
    ]);
    engine.stop();
  });

  it("subscribe to an exchange the gateway does not trade, or a malformed code, is logged and dropped", async () => {
    const { engine, rec, gw } = idleGateway();
    gw.subscribe(createSubscribeRequest({ symbol: "rb2501", exchange: Exchange.SHFE }));
    gw.subscribe(rawSubscribeRequest({ symbol: "600000", exchange: "constructor" as Exchange }));
    gw.subscribe(createSubscribeRequest({ symbol: "60000000", exchange: Exchange.SSE }));
    gw.subscribe(rawSubscribeRequest({ symbol: "", exchange: Exchange.SZSE }));
    await settle(engine);
    expect(rec.logs.map((log) => [log.level, log.msg])).toEqual([
      [LogLevel.WARNING, "订阅失败：rb2501.SHFE 的交易所不受支持（只支持 SSE、SZSE）"],
      [LogLevel.WARNING, "订阅失败：600000.constructor 的交易所不受支持（只支持 SSE、SZSE）"],
      [LogLevel.WARNING, expect.stringMatching(/^订阅失败：60000000\.SSE 的代码格式不对/)],
      [LogLevel.WARNING, expect.stringMatching(/^订阅失败：\.SZSE 的代码格式不对/)],
    ]);
    engine.stop();
  });

  it("connect with bad settings throws SettingsError at once, logs it without the password, starts nothing", async () => {
    const { engine, rec, gw } = idleGateway();
    let thrown: unknown;
    try {
      gw.connect(BAD_SETTING);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SettingsError);
    const issues = (thrown as SettingsError).issues.map((issue) => issue.key);
    expect(issues).toEqual(["交易服务器", "交易端口", "行情用户名", "行情服务器"]);
    await settle(engine);
    expect(rec.logs).toHaveLength(1);
    expect(rec.logs[0]).toMatchObject({ level: LogLevel.ERROR });
    // In the user's language, one issue a line: no English of core's in the Chinese line.
    expect(rec.logs[0]?.msg).toMatch(/^HFT 接口设置有误（4 项），未连接：\n {2}交易服务器：/);
    expect(rec.logs[0]?.msg).toContain('\n  交易端口：应为 1 到 65535 之间的整数，实际为 "80a"');
    expect(rec.logs[0]?.msg).not.toMatch(/expected|Invalid HFT settings/);
    expect(rec.logs[0]?.msg).not.toContain("§");
    // Nothing was started: no status, no connection, and it stays usable.
    expect(rec.statuses).toEqual([]);
    expect(gw.tradeLoggedIn).toBe(false);
    const vtOrderid = gw.sendOrder(limitOrder("600000", Direction.LONG, 100, 10));
    await settle(engine);
    expect(rec.lastOrder(vtOrderid)?.statusMsg).toBe("未连接：请先调用 connect()");
    await expect(gw.close()).resolves.toBeUndefined();
    engine.stop();
  });
});

describe("MainEngine before connect", () => {
  it("routes the same calls to the gateway: REJECTED orders, logs, a SettingsError; an unknown gateway name throws", async () => {
    const main = new MainEngine(engineRecordingErrors());
    const rec = new Recorder(main.eventEngine);
    main.addGateway(HftGateway);
    const vtOrderid = main.sendOrder(limitOrder("600000", Direction.LONG, 100, 10), "HFT");
    main.cancelOrder(cancelOf("HFT.unknown"), "HFT");
    main.queryAccount("HFT");
    main.queryPosition("HFT");
    main.subscribe(createSubscribeRequest({ symbol: "000001", exchange: Exchange.SZSE }), "HFT");
    expect(() => main.connect(BAD_SETTING, "HFT")).toThrow(SettingsError);
    expect(() => main.sendOrder(limitOrder("600000", Direction.LONG, 100, 10), "NOPE")).toThrow(
      GatewayNotFoundError,
    );
    expect(() => main.cancelOrder(cancelOf(vtOrderid), "NOPE")).toThrow(
      /Gateway "NOPE" not found; known gateways: HFT/,
    );
    await settle(main.eventEngine);
    expect(statuses(rec, vtOrderid)).toEqual([Status.SUBMITTING, Status.REJECTED]);
    // The OMS sees it finished, not active.
    expect(main.getOrder(vtOrderid)?.status).toBe(Status.REJECTED);
    expect(main.getAllActiveOrders()).toEqual([]);
    expect(rec.logTexts).toEqual([
      expect.stringMatching(/未发送，已拒绝：未连接/),
      "撤单失败：找不到委托 unknown（不是本接口的委托，或尚未收到）",
      "资金信息查询忽略：交易服务器尚未登录（登录后会自动查询并定时刷新）",
      "持仓信息查询忽略：交易服务器尚未登录（登录后会自动查询并定时刷新）",
      "订阅 000001.SZSE 已记录，将在行情服务器登录后发送",
      expect.stringMatching(/^HFT 接口设置有误（\d+ 项），未连接：/),
    ]);
    await main.close();
    await main.close();
  });
});

// ---- connected, then closed (real library, mock servers) ----

describe("HftGateway through MainEngine against the mock servers", () => {
  let mock: MockServers;
  let main: MainEngine;
  let rec: Recorder;
  let gw: HftGateway;

  beforeAll(async () => {
    mock = await startMockServers({ marketRateHz: 0 });
    main = new MainEngine(engineRecordingErrors());
    rec = new Recorder(main.eventEngine);
    gw = main.addGateway(HftGateway);
    // Queued before connect: one good code and bad ones; the bad ones must not spoil the batch.
    main.subscribe(createSubscribeRequest({ symbol: "6000001", exchange: Exchange.SSE }), "HFT");
    main.subscribe(createSubscribeRequest({ symbol: "中国平安", exchange: Exchange.SSE }), "HFT");
    main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "HFT");
    main.connect(demoSetting(mock), "HFT");
    await rec.waitForLog(/成交信息查询成功/);
    await rec.waitForLog(/行情服务器登录成功/);
  }, 60_000);

  afterAll(async () => {
    await main?.close();
    await mock?.close();
  });

  it("sends the subscriptions queued before login, without the malformed ones", async () => {
    await rec.waitFor("a tick of 600000.SSE", () => rec.ticks.find((tick) => tick.vtSymbol === "600000.SSE"));
    expect(rec.logTexts.filter((text) => /代码格式不对/.test(text))).toHaveLength(1);
    expect(rec.logTexts.some((text) => /订阅请求发送失败/.test(text))).toBe(false);
  });

  it("connect() again while connected is a logged no-op; bad settings are still named", async () => {
    const connecting = rec.logTexts.filter((text) => text.startsWith("交易服务器连接中")).length;
    expect(() => main.connect(demoSetting(mock), "HFT")).not.toThrow();
    await rec.waitForLog(/请勿重复连接/);
    expect(lastLog(rec, /请勿重复连接/)?.level).toBe(LogLevel.WARNING);
    expect(rec.logTexts.filter((text) => text.startsWith("交易服务器连接中"))).toHaveLength(connecting);
    expect(gw.tradeLoggedIn).toBe(true);
    // Bad settings while connected: named at once (SettingsError), nothing torn down.
    expect(() => gw.connect(BAD_SETTING)).toThrow(SettingsError);
    expect(gw.tradeLoggedIn).toBe(true);
  });

  it("subscribe to a symbol the server does not know logs that the symbol is unknown", async () => {
    const ticksBefore = rec.ticks.length;
    main.subscribe(createSubscribeRequest({ symbol: "999999", exchange: Exchange.SSE }), "HFT");
    main.subscribe(createSubscribeRequest({ symbol: "399999", exchange: Exchange.SZSE }), "HFT");
    const sh = await rec.waitForLog(/行情订阅失败：行情服务器不认识这些代码 \(5003\)：999999。/);
    const sz = await rec.waitForLog(/行情订阅失败：行情服务器不认识这些代码 \(5003\)：399999。/);
    expect(sh.level).toBe(LogLevel.WARNING);
    expect(sh.msg).toContain("SH 即 SSE");
    expect(sz.msg).toContain("SZ 即 SZSE");
    mock.control.stepMarket(1);
    await rec.waitFor("a tick after the step", () => rec.ticks.length > ticksBefore);
    expect(rec.ticks.some((tick) => tick.vtSymbol === "999999.SSE" || tick.vtSymbol === "399999.SZSE")).toBe(
      false,
    );
  });

  it("sendOrder for an unknown symbol or against the rules is REJECTED with the reason", async () => {
    const unknown = main.sendOrder(limitOrder("999999", Direction.LONG, 100, 10), "HFT");
    const oddLot = main.sendOrder(limitOrder("600000", Direction.LONG, 150, 11.8), "HFT");
    const wrongExchange = main.sendOrder(
      limitOrder("600000", Direction.LONG, 100, 11.8, Exchange.SHFE),
      "HFT",
    );
    const last = (vtOrderid: string) =>
      rec.waitFor(`${vtOrderid} rejected`, () => {
        const order = rec.lastOrder(vtOrderid);
        return order?.status === Status.REJECTED ? order : undefined;
      });
    expect((await last(unknown)).statusMsg).toMatch(/^没有 999999\.SSE 的合约信息：代码不存在/);
    expect((await last(oddLot)).statusMsg).toBe("买入数量 150 不是整手（100 股）的整数倍");
    expect((await last(wrongExchange)).statusMsg).toBe("本接口不交易交易所 SHFE（只支持 SSE 和 SZSE）");
  });

  it("cancelOrder of an unknown id or a finished order is logged; queries push data", async () => {
    main.cancelOrder(cancelOf("HFT.never-sent"), "HFT");
    await rec.waitForLog(/找不到委托 never-sent/);
    const rejected = main.sendOrder(limitOrder("600000", Direction.LONG, 150, 11.8), "HFT");
    await rec.waitFor("rejected", () => rec.lastOrder(rejected)?.status === Status.REJECTED);
    main.cancelOrder(cancelOf(rejected), "HFT");
    await rec.waitForLog(new RegExp(`撤单忽略：委托 ${idOf(rejected)} 已是最终状态 REJECTED`));
    const accounts = rec.accounts.length;
    main.queryAccount("HFT");
    main.queryPosition("HFT");
    await rec.waitFor("an account event", () => rec.accounts.length > accounts);
  });

  it("after close(): orders are REJECTED, cancels and queries are logged no-ops, close() again resolves", async () => {
    // An order that rests on the book, then close.
    const resting = main.sendOrder(limitOrder("600000", Direction.LONG, 100, 10.65), "HFT");
    await rec.waitFor("resting order", () => rec.lastOrder(resting)?.status === Status.NOTTRADED);
    await gw.close();
    await expect(gw.close()).resolves.toBeUndefined();
    expect(gw.tradeLoggedIn).toBe(false);
    expect(gw.marketLoggedIn).toBe(false);

    const afterClose = main.sendOrder(limitOrder("600000", Direction.LONG, 100, 11.8), "HFT");
    main.cancelOrder(cancelOf(resting), "HFT");
    main.cancelOrder(cancelOf("HFT.unknown-after-close"), "HFT");
    const accounts = rec.accounts.length;
    main.queryAccount("HFT");
    main.queryPosition("HFT");
    main.subscribe(createSubscribeRequest({ symbol: "000001", exchange: Exchange.SZSE }), "HFT");
    await settle(main.eventEngine);

    expect(statuses(rec, afterClose)).toEqual([Status.SUBMITTING, Status.REJECTED]);
    expect(rec.lastOrder(afterClose)?.statusMsg).toBe("未连接：请先调用 connect()");
    expect(lastLog(rec, new RegExp(`撤单失败：委托 ${idOf(resting)}`))?.msg).toBe(
      `撤单失败：委托 ${idOf(resting)}，交易服务器尚未连接`,
    );
    expect(lastLog(rec, /找不到委托 unknown-after-close/)).toBeDefined();
    expect(lastLog(rec, /订阅 000001\.SZSE 已记录/)).toBeDefined();
    expect(rec.accounts.length).toBe(accounts);
    // The resting order is not changed by the local close (the server still holds it).
    expect((rec.lastOrder(resting) as OrderData).status).toBe(Status.NOTTRADED);
  });

  it("connect() after close() works again, with the settings validated anew", async () => {
    expect(() => gw.connect(BAD_SETTING)).toThrow(SettingsError);
    const logins = rec.logTexts.filter((text) => text === "交易服务器登录成功").length;
    gw.connect(demoSetting(mock));
    await rec.waitFor("a second trade login", () =>
      rec.logTexts.filter((text) => text === "交易服务器登录成功").length > logins ? true : undefined,
    );
    const vtOrderid = main.sendOrder(limitOrder("600000", Direction.LONG, 100, 10.65), "HFT");
    await rec.waitFor("accepted", () => rec.lastOrder(vtOrderid)?.status === Status.NOTTRADED);
  });
});
