import { demoConfig } from "@tsgate/mock-server";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { BaseInfoEvent, MdApi, MdApiEvents, SubscribeRspEvent } from "../src/index.js";
import { describeBackends, until } from "./helpers/backends.js";
import { DEMO_MD_LOGIN, MockFixture, record } from "./helpers/mock-fixture.js";

let fx: MockFixture;
beforeEach(async () => {
  fx = await MockFixture.start();
});
afterEach(async () => {
  await fx.close();
});

const SH = demoConfig.instruments.filter((i) => i.market === "SH").map((i) => i.code);
const SZ = demoConfig.instruments.filter((i) => i.market === "SZ").map((i) => i.code);

/** Steps the mock market `steps` times (8 snapshots per step), yielding between chunks. */
async function stepMarket(steps: number): Promise<void> {
  for (let done = 0; done < steps; done += 100) {
    fx.mock.control.stepMarket(Math.min(100, steps - done));
    await new Promise((r) => setImmediate(r));
  }
}

async function loggedIn(api: MdApi): Promise<void> {
  const login = api.next("login");
  api.login(DEMO_MD_LOGIN);
  const ev = await login;
  expect(ev, ev.message).toMatchObject({ ok: true, errorCode: 0 });
}

/** Subscribes every demo instrument and waits for both answers. */
async function subscribeAll(api: MdApi): Promise<SubscribeRspEvent[]> {
  const rsps: SubscribeRspEvent[] = [];
  api.on("subscribeRsp", (e) => rsps.push(e));
  api.subscribe("SH", SH);
  api.subscribe(2, SZ);
  await until(() => rsps.length >= 2, "two subscribeRsp");
  return rsps;
}

describeBackends("MdApi against the mock server", (backend) => {
  it.each([
    { errorCode: 5001, login: { user: "nobody", password: "x" } },
    { errorCode: 5002, login: { user: "demo", password: "Wrong-Secret-42" } },
    { errorCode: 5005, login: DEMO_MD_LOGIN },
  ])("login failure $errorCode", async ({ errorCode, login }) => {
    if (errorCode === 5005) fx.mock.control.rejectNextLogins(1, "market");
    const api = fx.md(backend);
    const log = record<MdApiEvents>(api, ["login", "error", "disconnected", "connecting", "connected"]);
    const ev = api.next("login");
    api.login(login);
    expect(await ev).toMatchObject({ ok: false, errorCode });
    expect(JSON.stringify(log)).not.toContain("Wrong-Secret-42");
  });

  it("subscribe → base info → 100,000 snapshots complete and in order", async () => {
    const api = fx.md(backend);
    const infos: BaseInfoEvent[] = [];
    api.on("baseInfo", (e) => infos.push(e));
    let count = 0;
    let next = 1;
    let gaps = 0;
    const last = new Map<string, number>();
    api.on("marketData", (md) => {
      if (md.mdSeq !== next) gaps++;
      next = md.mdSeq + 1;
      count++;
      last.set(`${md.market}.${md.code}`, md.last);
    });
    await loggedIn(api);
    const rsps = await subscribeAll(api);
    expect(rsps).toEqual([
      { action: "subscribe", market: "SH", count: SH.length, errorCode: 0, errorMsg: "" },
      { action: "subscribe", market: "SZ", count: SZ.length, errorCode: 0, errorMsg: "" },
    ]);
    await until(() => infos.length === 8 && count >= 8, "base info and first snapshots");
    expect(infos.find((i) => i.code === "600000")).toEqual({
      market: "SH",
      code: "600000",
      name: "浦发银行",
      securityType: 1,
      preClose: 11.8,
      limitUp: 12.98,
      limitDown: 10.62,
      // not on our wire: the simulation library reports them unknown (0)
      priceTick: 0,
      lotSize: 0,
      minBuyVolume: 0,
    });
    const before = count;
    const N = 100_000;
    await stepMarket(N / 8);
    await until(() => count >= before + N, `${N} snapshots`);
    expect(count).toBe(before + N);
    expect(gaps).toBe(0);
    expect(fx.mock.control.marketStats().snapshotsSent).toBe(count);
    // Prices decoded in yuan equal the server's scaled values / 10,000 exactly.
    const snap = fx.mock.broker.snapshot(1, "600519")!;
    expect(last.get("SH.600519")).toBe(snap.last / 10_000);
  });

  it("subscribe lists over 1000 codes are chunked; unsubscribe answers too", async () => {
    const api = fx.md(backend);
    await loggedIn(api);
    const rsps: SubscribeRspEvent[] = [];
    api.on("subscribeRsp", (e) => rsps.push(e));
    const codes = [...SH, ...Array.from({ length: 2494 }, (_, i) => String(900000 + i))];
    api.subscribe("SH", codes);
    await until(() => rsps.length === 3, "three subscribeRsp (1000 + 1000 + 500 codes)");
    expect(rsps.map((r) => r.count)).toEqual([SH.length, 0, 0]);
    expect(rsps.every((r) => r.errorCode === 5003)).toBe(true);
    api.unsubscribe("SH", ["600000"]);
    await until(() => rsps.length === 4, "unsubscribe answer");
    expect(rsps[3]).toMatchObject({ action: "unsubscribe", market: "SH", count: 1, errorCode: 0 });
  });

  it("market server drop → disconnected → reconnect, re-login, resubscribe → data flows again", async () => {
    const api = fx.md(backend);
    const log = record<MdApiEvents>(api, ["disconnected", "login"]);
    let count = 0;
    let lastSeq = 0;
    api.on("marketData", (md) => {
      count++;
      lastSeq = md.mdSeq;
    });
    await loggedIn(api);
    const rsps = await subscribeAll(api);
    await until(() => count >= 8, "first snapshots");
    expect(fx.mock.control.dropConnections({ side: "market" })).toBe(1);
    await until(() => log.filter(([n]) => n === "login").length === 2, "re-login");
    await until(() => rsps.length === 4, "the library resubscribed both markets");
    const before = count;
    await stepMarket(10);
    await until(() => count >= before + 80, "snapshots after the reconnect");
    const disconnected = log.find(([n]) => n === "disconnected")![1] as MdApiEvents["disconnected"];
    expect(disconnected.willReconnect).toBe(true);
    expect(lastSeq).toBeGreaterThanOrEqual(80); // mdSeq counts per connection
  });
});
