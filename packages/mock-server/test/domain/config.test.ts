import { describe, expect, it } from "vitest";
import { ConfigError, demoConfig, demoConfigInput, parseMockConfig } from "../../src/domain/index.js";
import { baseConfig } from "../helpers/broker.js";

function issuesOf(input: unknown): string[] {
  try {
    parseMockConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected the config to be rejected");
}

describe("config", () => {
  it("fills defaults: org/branch codes, fees, session, market, matching", () => {
    const cfg = parseMockConfig({
      accounts: [{ accountId: "a", password: "p", cash: 100 }],
      instruments: [{ code: "600000", market: "SH", name: "浦发银行", preClose: 10.23 }],
    });
    const acc = cfg.accounts[0];
    expect(acc?.orgCode).toBe("0000");
    expect(acc?.branchCode).toBe("9999");
    expect(acc?.positions).toEqual([]);
    expect(cfg.fees).toEqual({
      commissionRate: 0.00025,
      minCommission: 5,
      stampDutyRate: 0.0005,
      transferFeeRate: 0.00001,
    });
    expect(cfg.sessionMode).toBe("always-open");
    expect(cfg.market).toEqual({ mode: "random-walk", seed: 1, tickIntervalMs: 500, volatility: 0.001 });
    expect(cfg.matching.cancelDelaySteps).toBe(0);
    expect(cfg.instruments[0]?.securityType).toBe("stock");
  });

  it("names the field path of each error", () => {
    const input = baseConfig();
    const bad = structuredClone(input) as Record<string, unknown> & { accounts: Record<string, unknown>[] };
    (bad.accounts[0] as Record<string, unknown>).cash = -1;
    expect(issuesOf(bad)).toContain("accounts[0].cash: expected a non-negative number");
    (bad.accounts[0] as Record<string, unknown>).cash = "lots";
    expect(issuesOf(bad)).toContain("accounts[0].cash: expected a non-negative number");
  });

  it("reports every problem at once, including nested and cross-field ones", () => {
    const issues = issuesOf({
      accounts: [
        {
          accountId: "a",
          password: "p",
          cash: 1,
          cassh: 2,
          positions: [
            { symbol: "SH.600001", volume: 100, costPrice: 1 },
            { symbol: "SH600000", volume: 100, costPrice: 1 },
            { symbol: "SH.600000", volume: 100, ydVolume: 200, costPrice: 1 },
          ],
        },
        { accountId: "a", password: "p", cash: 1 },
      ],
      instruments: [
        { code: "600000", market: "SH", name: "浦发银行", preClose: 10.235 },
        { code: "60000", market: "BJ", name: "", preClose: 0 },
      ],
      fees: { commissionRate: 0.5 },
      market: { mode: "brownian" },
      sessionMode: "sometimes",
      tradingDay: 20261131,
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        "accounts[0].cassh: unknown field",
        'accounts[0].positions[1].symbol: expected a symbol like "SH.600000" or "SZ.000001"',
        "accounts[0].positions[2].ydVolume: expected at most volume (100)",
        "instruments[0].preClose: expected a multiple of the price tick 0.01",
        "instruments[1].code: expected a 6-digit code",
        'instruments[1].market: expected "SH" or "SZ"',
        "instruments[1].name: expected non-empty text of at most 63 bytes",
        "instruments[1].preClose: expected a positive number",
        "fees.commissionRate: expected a rate between 0 and 0.1 (e.g. 0.00025 for 0.025%)",
        'sessionMode: expected "always-open" or "realtime"',
        "tradingDay: expected a date as YYYYMMDD",
      ]),
    );
    expect(issues.some((i) => i.startsWith("market"))).toBe(true);
  });

  it("checks cross references: unknown and duplicate symbols, duplicate accounts and users", () => {
    const issues = issuesOf({
      accounts: [
        {
          accountId: "a",
          password: "p",
          cash: 1,
          positions: [{ symbol: "SH.600001", volume: 1, costPrice: 1 }],
        },
        { accountId: "a", password: "p", cash: 1 },
      ],
      mdUsers: [
        { user: "u", password: "" },
        { user: "u", password: "" },
      ],
      instruments: [
        { code: "600000", market: "SH", name: "x", preClose: 1 },
        { code: "600000", market: "SH", name: "y", preClose: 1 },
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        "accounts[0].positions[0].symbol: unknown instrument SH.600001 (not in instruments)",
        'accounts[1].accountId: duplicate account "a"',
        'mdUsers[1].user: duplicate user "u"',
        "instruments[1].code: duplicate instrument SH.600000",
      ]),
    );
  });

  it("rejects text that does not fit the wire fields", () => {
    const issues = issuesOf({
      accounts: [{ accountId: "x".repeat(32), password: "p", cash: 1 }],
      instruments: [{ code: "600000", market: "SH", name: "浦".repeat(22), preClose: 1 }],
    });
    expect(issues).toContain("accounts[0].accountId: expected non-empty text of at most 31 bytes");
    expect(issues).toContain("instruments[0].name: expected non-empty text of at most 63 bytes");
  });

  it("parses JSON text and reports invalid JSON", () => {
    const cfg = parseMockConfig(JSON.stringify(baseConfig()));
    expect(cfg.accounts).toHaveLength(2);
    expect(issuesOf("{ not json")[0]).toMatch(/^: not valid JSON/);
    expect(() => parseMockConfig("[]")).toThrow(/expected/);
  });

  it("describes invalid JSON by line and column without quoting the text (it holds passwords)", () => {
    const text = '{\n  "accounts": [{ "accountId": "demo", "password": Sup3rSecretPw, "cash": 1 }]\n}';
    const [issue] = issuesOf(text);
    expect(issue).toMatch(/^: not valid JSON: Unexpected character at line 2, column \d+$/);
    expect(issue).not.toContain("Sup3r");
    expect(issuesOf('{"a": 1')[0]).toMatch(/at line 1, column 8$/);
  });

  it("ships a valid demo config covering every board", () => {
    expect(parseMockConfig(demoConfigInput)).toEqual(demoConfig);
    const codes = demoConfig.instruments.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining(["600000", "600519", "000001", "300750", "688981", "510300"]),
    );
    expect(demoConfig.instruments.some((i) => i.name.includes("ST"))).toBe(true);
    expect(demoConfig.accounts[0]).toMatchObject({ accountId: "demo", password: "demo123", cash: 1_000_000 });
    expect(demoConfig.mdUsers).toHaveLength(1);
  });
});
