import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, type MockServers, OrderType, QueryKind, ServerError, Side } from "../src/index.js";
import { ACCOUNT, MD_USER, marketClient, startServers, tradeClient } from "./helpers/servers.js";

let mock: MockServers;
beforeAll(async () => {
  mock = await startServers();
});
afterAll(() => mock.close());

describe("trade login", () => {
  it("succeeds with the right credentials and reports the trading day", async () => {
    const c = await tradeClient(mock);
    const rsp = await c.login(ACCOUNT);
    expect(rsp).toMatchObject({
      errorCode: 0,
      errorMsg: "",
      accountId: "demo",
      tradingDay: mock.broker.tradingDay,
    });
    await c.close();
  });

  it.each([
    ["unknown account", { accountId: "nobody" }, ErrorCode.LOGIN_UNKNOWN_ACCOUNT],
    ["wrong password", { password: "wrong" }, ErrorCode.LOGIN_WRONG_PASSWORD],
    ["wrong org code", { custOrgid: "1234" }, ErrorCode.LOGIN_WRONG_ORG],
    ["wrong branch code", { custBranchid: "0001" }, ErrorCode.LOGIN_WRONG_BRANCH],
    ["unsupported account type", { accountType: 2 }, ErrorCode.LOGIN_UNSUPPORTED_ACCOUNT_TYPE],
  ])("fails for %s with its own code, and the connection stays usable", async (_name, change, code) => {
    const c = await tradeClient(mock);
    const rsp = await c.login({ ...ACCOUNT, ...change });
    expect(rsp.errorCode).toBe(code);
    expect(rsp.errorMsg.length).toBeGreaterThan(0);
    // A failed login keeps the connection open: retry with the right credentials.
    expect((await c.login(ACCOUNT)).errorCode).toBe(0);
    await c.close();
  });

  it("answers requests before login with ERROR 1007 and keeps the connection", async () => {
    const c = await tradeClient(mock);
    const order = {
      clOrderId: "X1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 100,
      price: 118000,
    };
    await expect(c.order(order)).rejects.toMatchObject({ code: ErrorCode.NOT_LOGGED_IN });
    await expect(
      c.query({ kind: QueryKind.Cash, posStr: "", queryNum: 10, symbol: "" }),
    ).rejects.toBeInstanceOf(ServerError);
    await expect(c.cancel({ orderId: "O1" })).rejects.toMatchObject({ code: 1007 });
    expect(c.connected).toBe(true);
    expect((await c.login(ACCOUNT)).errorCode).toBe(0);
    await c.close();
  });
});

describe("market login", () => {
  it("succeeds, and fails with 5001 / 5002", async () => {
    const m = await marketClient(mock);
    expect((await m.login("nobody", "x")).errorCode).toBe(ErrorCode.MD_LOGIN_UNKNOWN_USER);
    expect((await m.login(MD_USER.user, "wrong")).errorCode).toBe(ErrorCode.MD_LOGIN_WRONG_PASSWORD);
    expect(await m.login(MD_USER.user, MD_USER.password)).toEqual({ errorCode: 0, errorMsg: "" });
    await m.close();
  });

  it("answers a subscribe before login with ERROR 1007", async () => {
    const m = await marketClient(mock);
    await expect(m.subscribe(1, ["600000"])).rejects.toMatchObject({ code: ErrorCode.NOT_LOGGED_IN });
    expect((await m.login(MD_USER.user, MD_USER.password)).errorCode).toBe(0);
    expect((await m.subscribe(1, ["600000"])).errorCode).toBe(0);
    await m.close();
  });
});
