import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BaseInfo,
  ErrorCode,
  Market,
  type MarketClient,
  type MarketData,
  type MockServers,
} from "../src/index.js";
import { MD_USER, marketClient, startServers } from "./helpers/servers.js";

let mock: MockServers;
beforeAll(async () => {
  mock = await startServers();
});
afterAll(() => mock.close());

async function loggedIn(): Promise<{ m: MarketClient; data: MarketData[]; infos: BaseInfo[] }> {
  const m = await marketClient(mock);
  expect((await m.login(MD_USER.user, MD_USER.password)).errorCode).toBe(0);
  const data: MarketData[] = [];
  const infos: BaseInfo[] = [];
  m.on("marketData", (d) => data.push(d));
  m.on("baseInfo", (b) => infos.push(b));
  return { m, data, infos };
}

/** A round trip: everything the server sent before its answer has arrived. */
async function sync(m: MarketClient): Promise<void> {
  // An unknown code: answered with 5003, changes nothing.
  expect((await m.subscribe(Market.SH, ["0"])).errorCode).toBe(ErrorCode.MD_SUBSCRIBE_UNKNOWN_CODE);
}

describe("market data", () => {
  it("sends BASE_INFO then snapshots, only for subscribed codes, with mdSeq from 1 per connection", async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    const rsp = await a.m.subscribe(Market.SH, ["600519", "601318"]);
    expect(rsp).toEqual({ action: 1, market: 1, errorCode: 0, errorMsg: "", count: 2 });
    expect((await b.m.subscribe(Market.SZ, ["000001"])).count).toBe(1);
    expect(a.infos.map((i) => [i.code, i.name])).toEqual([
      ["600519", "贵州茅台"],
      ["601318", "中国平安"],
    ]);
    mock.control.stepMarket(3);
    await sync(a.m);
    await sync(b.m);
    expect(a.data.filter((d) => d.code === "600519")).toHaveLength(4); // 1 on subscribe + 3 steps
    expect(a.data.filter((d) => d.code === "601318")).toHaveLength(4);
    expect(a.data.every((d) => d.market === Market.SH && d.code !== "000001")).toBe(true);
    expect(b.data.every((d) => d.market === Market.SZ && d.code === "000001")).toBe(true);
    expect(a.data.map((d) => d.mdSeq)).toEqual(a.data.map((_, i) => i + 1));
    expect(b.data.map((d) => d.mdSeq)).toEqual(b.data.map((_, i) => i + 1));
    const snap = a.data.at(-1)!;
    expect(snap.bidPrice).toHaveLength(5);
    expect(snap.askPrice[0]).toBeGreaterThan(snap.bidPrice[0]!);
    expect(snap.limitUp).toBeGreaterThan(snap.limitDown);
    await a.m.close();
    await b.m.close();
  });

  it("stops a code's snapshots after unsubscribe; subscribing twice sends BASE_INFO once", async () => {
    const a = await loggedIn();
    await a.m.subscribe(Market.SZ, ["300750"]);
    await a.m.subscribe(Market.SZ, ["300750"]);
    expect(a.infos).toHaveLength(1);
    expect((await a.m.unsubscribe(Market.SZ, ["300750"])).count).toBe(1);
    const before = a.data.length;
    mock.control.stepMarket(2);
    await a.m.subscribe(Market.SZ, ["000001"]);
    // Only the new code's first snapshot arrived.
    expect(a.data.slice(before).map((d) => d.code)).toEqual(["000001"]);
    await a.m.close();
  });

  it("answers unknown codes with 5003 (applying the known ones) and a bad market with 5004", async () => {
    const a = await loggedIn();
    const rsp = await a.m.subscribe(Market.SH, ["600000", "999999"]);
    expect(rsp).toMatchObject({ errorCode: ErrorCode.MD_SUBSCRIBE_UNKNOWN_CODE, count: 1 });
    expect(rsp.errorMsg).toContain("999999");
    expect(a.infos.map((i) => i.code)).toEqual(["600000"]);
    const bad = await a.m.subscribe(3, ["600000"]);
    expect(bad).toMatchObject({ market: 3, errorCode: ErrorCode.MD_SUBSCRIBE_BAD_MARKET, count: 0 });
    await a.m.close();
  });
});
