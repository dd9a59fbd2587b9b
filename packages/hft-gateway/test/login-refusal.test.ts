/**
 * Which refused logins end a side for good comes from hft-native's one table of login codes
 * (`LOGIN_CODES`): the vendor SDK's definite refusals stop the gateway as the simulator's do.
 */
import { ConnectionState, EventEngine, GatewaySide, LogLevel } from "@tsgate/core";
import { afterEach, describe, expect, it } from "vitest";
import { HftGateway } from "../src/hft-gateway.js";
import { FakeFactory } from "./helpers/fake-api.js";
import { Recorder, settle } from "./helpers/recorder.js";

const SETTINGS = {
  交易用户名: "demo",
  交易密码: "TopSecret#1",
  交易服务器: "127.0.0.1",
  交易端口: 18000,
  行情用户名: "md",
  行情密码: "MdSecret#2",
  行情服务器: "127.0.0.1",
  行情端口: 19000,
};

const engines: EventEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

function setup() {
  const engine = new EventEngine();
  engines.push(engine);
  engine.start();
  const rec = new Recorder(engine);
  const factory = new FakeFactory();
  const gw = new HftGateway(engine, "HFT", { api: factory });
  gw.connect(SETTINGS);
  return { engine, rec, factory };
}

const lastState = (rec: Recorder, side: GatewaySide) =>
  rec.statuses.filter((s) => s.side === side).at(-1)?.state;

describe("refused logins, by hft-native's login-code table", () => {
  it.each([14034, 14024])(
    "trade login refused by the vendor with %i is final: DISCONNECTED, an error",
    async (code) => {
      const t = setup();
      t.factory.trader.fire("login", {
        ok: false,
        errorCode: code,
        errorMsg: "refused",
        accountId: "demo",
        tradingDay: 0,
        lastReportSeq: 0,
      });
      await settle(t.engine);
      expect(lastState(t.rec, GatewaySide.TRADE)).toBe(ConnectionState.DISCONNECTED);
      expect(t.rec.logs.some((log) => log.level === LogLevel.ERROR)).toBe(true);
    },
  );

  it("a vendor refusal for now (14043, too many connections) is retried: a warning, no DISCONNECTED", async () => {
    const t = setup();
    t.factory.trader.fire("login", {
      ok: false,
      errorCode: 14043,
      errorMsg: "busy",
      accountId: "demo",
      tradingDay: 0,
      lastReportSeq: 0,
    });
    await settle(t.engine);
    expect(lastState(t.rec, GatewaySide.TRADE)).not.toBe(ConnectionState.DISCONNECTED);
    expect(t.rec.logs.some((log) => log.level === LogLevel.ERROR)).toBe(false);
  });

  it("market login refused by the SIP SDK with 122 (SIPE_USERAUTH) is final", async () => {
    const t = setup();
    t.factory.md.fire("login", { ok: false, errorCode: 122, message: "SIP login failed with code 122" });
    await settle(t.engine);
    expect(lastState(t.rec, GatewaySide.MARKET)).toBe(ConnectionState.DISCONNECTED);
  });
});
