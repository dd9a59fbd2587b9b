import { describe, expect, it } from "vitest";
import type { LoginReq } from "../../src/protocol/messages.js";
import { ErrorCode, Market } from "../../src/protocol/messages.js";
import { DAY, makeBroker } from "../helpers/broker.js";

const good: LoginReq = {
  accountId: "acc1",
  accountType: 1,
  password: "pw1",
  custOrgid: "0001",
  custBranchid: "1001",
  clSystemId: "HFT",
};

describe("trade login", () => {
  it("accepts the right credentials", () => {
    expect(makeBroker().tradeLogin(good)).toEqual({
      errorCode: 0,
      errorMsg: "",
      accountId: "acc1",
      tradingDay: DAY,
      lastReportSeq: 0,
    });
  });

  it("gives a distinct code and message for each failure", () => {
    const b = makeBroker();
    const cases: [Partial<LoginReq>, number, string][] = [
      [{ accountId: "ghost" }, ErrorCode.LOGIN_UNKNOWN_ACCOUNT, 'unknown account "ghost" (交易用户名)'],
      [{ password: "x" }, ErrorCode.LOGIN_WRONG_PASSWORD, 'wrong password (交易密码) for account "acc1"'],
      [
        { custOrgid: "0000" },
        ErrorCode.LOGIN_WRONG_ORG,
        'wrong org code (机构代号) "0000" for account "acc1"',
      ],
      [
        { custBranchid: "9999" },
        ErrorCode.LOGIN_WRONG_BRANCH,
        'wrong branch code (营业部代号) "9999" for account "acc1"',
      ],
      [
        { accountType: 2 },
        ErrorCode.LOGIN_UNSUPPORTED_ACCOUNT_TYPE,
        "unsupported account type 2: only 1 (stock cash account) is supported",
      ],
    ];
    for (const [change, code, message] of cases) {
      expect(b.tradeLogin({ ...good, ...change })).toMatchObject({ errorCode: code, errorMsg: message });
    }
  });

  it("uses the default org and branch codes 0000 / 9999", () => {
    const b = makeBroker();
    expect(
      b.tradeLogin({ ...good, accountId: "poor", password: "pw2", custOrgid: "0000", custBranchid: "9999" })
        .errorCode,
    ).toBe(0);
  });

  it("fault injection: rejects the next N logins with 1005", () => {
    const b = makeBroker();
    b.rejectNextLogins(2);
    expect(b.tradeLogin(good).errorCode).toBe(ErrorCode.LOGIN_REJECTED);
    expect(b.tradeLogin(good).errorCode).toBe(ErrorCode.LOGIN_REJECTED);
    expect(b.tradeLogin(good).errorCode).toBe(0);
  });
});

describe("market-data login and lookups", () => {
  it("checks user and password (5001, 5002) and can be faulted (5005)", () => {
    const b = makeBroker();
    expect(b.mdLogin("md", "mdpw")).toEqual({ errorCode: 0, errorMsg: "" });
    expect(b.mdLogin("who", "mdpw").errorCode).toBe(ErrorCode.MD_LOGIN_UNKNOWN_USER);
    expect(b.mdLogin("md", "bad").errorCode).toBe(ErrorCode.MD_LOGIN_WRONG_PASSWORD);
    b.rejectNextMdLogins(1);
    expect(b.mdLogin("md", "mdpw").errorCode).toBe(ErrorCode.MD_LOGIN_REJECTED);
    expect(b.mdLogin("md", "mdpw").errorCode).toBe(0);
  });

  it("resolves codes per market and gives base info", () => {
    const b = makeBroker();
    expect(b.resolveCodes(Market.SH, ["600000", "000001", "688981", "999999"])).toEqual({
      known: ["600000", "688981"],
      unknown: ["000001", "999999"],
    });
    expect(b.resolveCodes(7, ["600000"])).toEqual({ known: [], unknown: ["600000"] });
    expect(b.baseInfo(Market.SZ, "300750")).toEqual({
      market: Market.SZ,
      code: "300750",
      name: "宁德时代",
      securityType: 1,
      preClose: 3_724_000,
      limitUp: 4_468_800,
      limitDown: 2_979_200,
    });
    expect(b.baseInfo(Market.SH, "300750")).toBeUndefined();
    expect(b.snapshot(Market.SZ, "999999")).toBeUndefined();
  });
});
