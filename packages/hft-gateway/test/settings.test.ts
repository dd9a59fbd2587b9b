import { SettingsError } from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { HFT_DEFAULT_SETTING, HftGateway, parseHftSettings } from "../src/index.js";

const valid = {
  交易用户名: "demo",
  交易密码: "s3cret-pw",
  交易服务器: "127.0.0.1",
  行情用户名: "demo",
  行情密码: "md-s3cret",
  行情服务器: "127.0.0.1",
};

function issuesOf(input: unknown): Record<string, string> {
  try {
    parseHftSettings(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return Object.fromEntries((error as SettingsError).issues.map((issue) => [issue.key, issue.message]));
  }
  throw new Error("expected a SettingsError");
}

describe("defaultSetting", () => {
  it("has exactly the vnpy_hft keys with their defaults, then the advanced keys", () => {
    const keys = Object.keys(HftGateway.defaultSetting);
    expect(keys.slice(0, 11)).toEqual([
      "交易用户名",
      "交易密码",
      "交易服务器",
      "交易端口",
      "机构代号",
      "营业部代号",
      "网关",
      "行情用户名",
      "行情密码",
      "行情服务器",
      "行情端口",
    ]);
    expect(HftGateway.defaultSetting).toMatchObject({
      交易用户名: "",
      交易密码: "",
      交易服务器: "",
      交易端口: 8000,
      机构代号: "0000",
      营业部代号: "9999",
      网关: "HFT",
      行情用户名: "",
      行情密码: "",
      行情服务器: "",
      行情端口: 9000,
      libraryPath: "",
      ffiBackend: "koffi",
    });
    for (const key of keys.slice(11)) expect(key).toMatch(/^[A-Za-z]+$/);
    expect(HftGateway.defaultName).toBe("HFT");
    expect(HftGateway.exchanges).toEqual(["SSE", "SZSE"]);
  });
});

describe("parseHftSettings", () => {
  it("fills defaults, converts digit strings for ports and trims hosts", () => {
    const s = parseHftSettings({ ...valid, 交易端口: "8001", 交易服务器: " 127.0.0.1 " });
    expect(s.交易端口).toBe(8001);
    expect(s.行情端口).toBe(9000);
    expect(s.机构代号).toBe("0000");
    expect(s.交易服务器).toBe("127.0.0.1");
    expect(s.reconnectMinMs).toBe(HFT_DEFAULT_SETTING.reconnectMinMs);
    expect(Object.isFrozen(s)).toBe(true);
  });

  it("names every bad key in the user's own words", () => {
    const issues = issuesOf({ ...valid, 交易端口: "80a", 行情端口: 70000, 交易用户名: "  ", 交易服务器: "" });
    expect(issues.交易端口).toMatch(/between 1 and 65535/);
    expect(issues.行情端口).toMatch(/between 1 and 65535/);
    expect(issues.交易用户名).toMatch(/non-empty/);
    expect(issues.交易服务器).toMatch(/required/);
  });

  it("refuses a port in the host, a scheme, and hosts with spaces", () => {
    expect(issuesOf({ ...valid, 交易服务器: "127.0.0.1:8000" }).交易服务器).toMatch(
      /put the port in 交易端口/,
    );
    expect(issuesOf({ ...valid, 行情服务器: "tcp://10.0.0.1" }).行情服务器).toMatch(/without a scheme/);
    expect(issuesOf({ ...valid, 行情服务器: "my host" }).行情服务器).toMatch(/host name or IPv4/);
  });

  it("refuses IPv6 literals clearly (the library connects over IPv4), not as a port in the host", () => {
    for (const host of ["::1", "[::1]", "[::1]:8000", "fe80::1%eth0"]) {
      expect(issuesOf({ ...valid, 交易服务器: host }).交易服务器, host).toBe(
        "IPv6 addresses are not supported: the HFT library connects over IPv4; use an IPv4 address or a host name",
      );
    }
    expect(issuesOf({ ...valid, 行情服务器: "::1" }).行情服务器).toMatch(/^IPv6 addresses are not supported/);
  });

  it('refuses control characters by key (交易用户名 "demo\\u0000x") and ports written other than as digits', () => {
    expect(issuesOf({ ...valid, 交易用户名: "demo\u0000x" })).toEqual({
      交易用户名: "must not contain control characters; found U+0000 at character 5",
    });
    for (const port of ["+8000", " 8000", "8000 ", "08000", "8000.0"]) {
      expect(issuesOf({ ...valid, 交易端口: port }), port).toEqual({
        交易端口: `expected an integer between 1 and 65535, got ${JSON.stringify(port)}`,
      });
    }
  });

  it("requires the users and server addresses when missing", () => {
    const issues = issuesOf({});
    expect(Object.keys(issues).sort()).toEqual(
      ["交易服务器", "交易用户名", "行情服务器", "行情用户名"].sort(),
    );
  });

  it("refuses unknown keys with a suggestion, and bad advanced values", () => {
    const issues = issuesOf({ ...valid, 交易端品: 8000, ffiBackend: "ctypes", reconnectMinMs: 0 });
    expect(issues.交易端品).toMatch(/did you mean "交易端口"/);
    expect(issues.ffiBackend).toMatch(/"koffi", "ffi-napi"/);
    expect(issues.reconnectMinMs).toMatch(/between 1/);
  });

  it("checks cross-field rules", () => {
    const issues = issuesOf({
      ...valid,
      reconnectMinMs: 500,
      reconnectMaxMs: 100,
      heartbeatIntervalMs: 2000,
      heartbeatTimeoutMs: 1000,
    });
    expect(issues.reconnectMaxMs).toMatch(/at least reconnectMinMs/);
    expect(issues.heartbeatTimeoutMs).toMatch(/longer than heartbeatIntervalMs/);
  });

  it("refuses values that do not fit the vendor's fixed-size fields", () => {
    const issues = issuesOf({ ...valid, 机构代号: "0".repeat(16), 交易用户名: "u".repeat(32) });
    expect(issues.机构代号).toMatch(/at most 8 bytes/);
    expect(issues.交易用户名).toMatch(/at most 16 bytes/);
  });

  it("holds login values to the real SDK's AccountInfo sizes (16/16/8/8), not only our ABI's", () => {
    const issues = issuesOf({
      ...valid,
      交易用户名: "u".repeat(17),
      交易密码: "p".repeat(17),
      机构代号: "0".repeat(9),
      营业部代号: "9".repeat(9),
    });
    expect(issues.交易用户名).toMatch(/^must be at most 16 bytes of UTF-8 \(the field is char\[17\]\)/);
    expect(issues.交易密码).toMatch(/^must be at most 16 bytes/);
    expect(issues.机构代号).toMatch(/^must be at most 8 bytes/);
    expect(issues.营业部代号).toMatch(/^must be at most 8 bytes/);
    expect(() =>
      parseHftSettings({ ...valid, 交易用户名: "u".repeat(16), 机构代号: "0".repeat(8) }),
    ).not.toThrow();
  });

  it("validates the vendor SDK settings: terminalInfo, sdkLogPath, accountType 1-4", () => {
    const settings = parseHftSettings({ ...valid, terminalInfo: "PC;IIP=1.2.3.4", accountType: 1 });
    expect(settings).toMatchObject({ terminalInfo: "PC;IIP=1.2.3.4", sdkLogPath: "", accountType: 1 });
    const issues = issuesOf({ ...valid, accountType: 5, terminalInfo: "x".repeat(256) });
    expect(issues.accountType).toMatch(/between 1 and 4/);
    expect(issues.terminalInfo).toMatch(/at most 255 bytes/);
  });

  it("never shows a password value in errors", () => {
    const password = "p".repeat(70);
    try {
      parseHftSettings({ ...valid, 交易密码: password, 行情密码: 12345 });
      expect.unreachable();
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toMatch(/交易密码/);
      expect(text).toMatch(/行情密码/);
      expect(text).not.toContain("ppppp");
      expect(text).not.toContain("12345");
    }
  });
});
