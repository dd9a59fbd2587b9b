import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  buildSettingsSchema,
  InvalidArgumentError,
  isSecretSettingKey,
  type SettingRefinements,
  SettingsError,
  TsgateError,
  validateSettings,
} from "../src/index.js";

const DEFAULTS = {
  交易用户名: "",
  交易密码: "",
  交易服务器: "127.0.0.1",
  交易端口: 8000,
  机构代号: "0000",
  自动重连: true,
  重连间隔: 1.5,
} as const;

const RULES: SettingRefinements<typeof DEFAULTS> = {
  交易用户名: { nonEmpty: true },
  交易密码: { nonEmpty: true },
  交易服务器: { nonEmpty: true },
  交易端口: { min: 1, max: 65535 },
  重连间隔: { min: 0.1, max: 60 },
};

const GOOD = { 交易用户名: "user1", 交易密码: "s3cret-pw", 交易端口: 8000 };

function settingsError(input: unknown, rules = RULES): SettingsError {
  try {
    validateSettings(DEFAULTS, input, rules);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error("expected a SettingsError");
}

describe("validateSettings", () => {
  it("returns typed, complete, frozen settings", () => {
    const settings = validateSettings(DEFAULTS, GOOD, RULES);
    expect(settings).toEqual({
      交易用户名: "user1",
      交易密码: "s3cret-pw",
      交易服务器: "127.0.0.1",
      交易端口: 8000,
      机构代号: "0000",
      自动重连: true,
      重连间隔: 1.5,
    });
    expect(Object.isFrozen(settings)).toBe(true);
    expectTypeOf(settings.交易端口).toEqualTypeOf<number>();
    expectTypeOf(settings.机构代号).toEqualTypeOf<string>();
    expectTypeOf(settings.自动重连).toEqualTypeOf<boolean>();
  });

  it("accepts numeric strings for number fields and boolean strings for boolean fields", () => {
    const settings = validateSettings(
      DEFAULTS,
      { ...GOOD, 交易端口: "8001", 重连间隔: "2.5", 自动重连: "FALSE" },
      RULES,
    );
    expect(settings.交易端口).toBe(8001);
    expect(settings.重连间隔).toBe(2.5);
    expect(settings.自动重连).toBe(false);
  });

  it("reads a number given as text one strict way, JSON's: no spaces, no plus, no leading zeros", () => {
    for (const text of [" 8000", "8000 ", "+8000", "08000", "8000.0", "8e3", "0x1f40"]) {
      expect(settingsError({ ...GOOD, 交易端口: text }).issues, text).toEqual([
        { key: "交易端口", message: `expected an integer between 1 and 65535, got ${JSON.stringify(text)}` },
      ]);
    }
    for (const text of [" 2.5", "+2.5", ".5", "2.", "02.5"]) {
      expect(
        settingsError({ ...GOOD, 重连间隔: text }).issues.map((issue) => issue.key),
        text,
      ).toEqual(["重连间隔"]);
    }
    expect(validateSettings(DEFAULTS, { ...GOOD, 重连间隔: "2.5e-1" }, RULES).重连间隔).toBe(0.25);
  });

  it('refuses control characters in strings by key: 交易用户名 "demo\\u0000x"', () => {
    expect(settingsError({ ...GOOD, 交易用户名: "demo\u0000x" }).issues).toEqual([
      { key: "交易用户名", message: "must not contain control characters; found U+0000 at character 5" },
    ]);
    const secret = settingsError({ ...GOOD, 交易密码: "pw\nsecret" });
    expect(secret.issues).toEqual([
      {
        key: "交易密码",
        message: "must not contain control characters (the value is not shown because the key is secret)",
      },
    ]);
    expect(secret.message).not.toContain("secret\n");
  });

  it('names the field by the user\'s key and echoes the bad value: port "80a"', () => {
    const error = settingsError({ ...GOOD, 交易端口: "80a" });
    expect(error).toBeInstanceOf(TsgateError);
    expect(error.code).toBe("SETTINGS_INVALID");
    expect(error.issues).toEqual([
      { key: "交易端口", message: 'expected an integer between 1 and 65535, got "80a"' },
    ]);
    expect(error.message).toContain('交易端口: expected an integer between 1 and 65535, got "80a"');
  });

  it("rejects non-integers, out-of-range values and other non-numbers", () => {
    for (const [value, shown] of [
      ["8000.5", '"8000.5"'],
      [8000.5, "8000.5"],
      [0, "0"],
      ["70000", "70000"],
      ["", '""'],
      ["0x1F40", '"0x1F40"'],
      [null, "null"],
      [[8000], "an array"],
    ] as const) {
      const error = settingsError({ ...GOOD, 交易端口: value });
      expect(error.issues).toEqual([
        { key: "交易端口", message: `expected an integer between 1 and 65535, got ${shown}` },
      ]);
    }
  });

  it("accepts every in-range integer, as number or string, and rejects strings with junk (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.boolean(), (port, asString) => {
        const settings = validateSettings(
          DEFAULTS,
          { ...GOOD, 交易端口: asString ? String(port) : port },
          RULES,
        );
        expect(settings.交易端口).toBe(port);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65535 }),
        fc.string({ minLength: 1, maxLength: 3 }).filter((s) => /[^\d\s]/.test(s)),
        (port, junk) => {
          expect(() => validateSettings(DEFAULTS, { ...GOOD, 交易端口: `${port}${junk}` }, RULES)).toThrow(
            SettingsError,
          );
        },
      ),
    );
  });

  it("never echoes the value of a password, whatever is wrong with it", () => {
    const wrongType = settingsError({ ...GOOD, 交易密码: 123456 });
    expect(wrongType.issues).toEqual([
      { key: "交易密码", message: "expected a non-empty string, got a value of the wrong type" },
    ]);
    expect(wrongType.message).not.toContain("123456");

    const empty = settingsError({ ...GOOD, 交易密码: "   " });
    expect(empty.issues[0]?.key).toBe("交易密码");
    expect(empty.message).not.toMatch(/" {3}"/);

    const patterned = (() => {
      try {
        validateSettings(
          { apiToken: "" },
          { apiToken: "tok-abc-123" },
          { apiToken: { pattern: /^[0-9a-f]{32}$/ } },
        );
      } catch (error) {
        return error as SettingsError;
      }
      throw new Error("expected a SettingsError");
    })();
    expect(patterned.issues[0]?.key).toBe("apiToken");
    expect(patterned.message).not.toContain("tok-abc-123");
  });

  it("lists every bad field at once, in declaration order, then unknown keys", () => {
    const error = settingsError({
      交易用户名: 42,
      交易密码: "pw",
      交易端口: "80a",
      自动重连: "yes",
      重连间隔: 0,
      交易端品: 9000,
    });
    expect(error.issues.map((issue) => issue.key)).toEqual([
      "交易用户名",
      "交易端口",
      "自动重连",
      "重连间隔",
      "交易端品",
    ]);
    expect(error.message).toContain("交易用户名: expected a non-empty string, got 42");
    expect(error.message).toContain('自动重连: expected true or false, got "yes"');
    expect(error.message).toContain("重连间隔: expected a number between 0.1 and 60, got 0");
    expect(error.message).toMatch(/^Invalid settings \(5 problems\):\n/);
  });

  it("rejects unknown keys, suggesting the closest known key for typos", () => {
    const typo = settingsError({ ...GOOD, 交易端品: 8000 });
    expect(typo.issues).toEqual([{ key: "交易端品", message: 'unknown setting; did you mean "交易端口"?' }]);
    const unrelated = settingsError({ ...GOOD, colour: "red" });
    expect(unrelated.issues[0]?.message).toMatch(/^unknown setting; known settings are 交易用户名, 交易密码/);
    expect(unrelated.message).not.toContain("red");
  });

  it("fills missing keys with defaults and reports required ones as missing", () => {
    const error = settingsError({ 交易密码: "pw" });
    expect(error.issues).toEqual([{ key: "交易用户名", message: "missing; expected a non-empty string" }]);
    expect(validateSettings(DEFAULTS, { ...GOOD, 交易服务器: undefined }, RULES).交易服务器).toBe(
      "127.0.0.1",
    );
  });

  it("does not turn numbers into strings (leading zeros would be lost)", () => {
    const error = settingsError({ ...GOOD, 机构代号: 0 });
    expect(error.issues).toEqual([{ key: "机构代号", message: "expected a string, got 0" }]);
  });

  it("rejects a non-object input", () => {
    for (const input of [null, "x", [1], 3]) {
      expect(() => validateSettings(DEFAULTS, input, RULES)).toThrow(
        /expected an object of key\/value pairs/,
      );
    }
  });

  it("supports oneOf, pattern, custom checks, descriptions and a message context", () => {
    const defaults = { 模式: "live", 服务器: "127.0.0.1", 数量: 100 };
    const rules: SettingRefinements<typeof defaults> = {
      模式: { oneOf: ["live", "sim"] },
      服务器: { pattern: /^[\w.-]+$/, description: "a host name or IPv4 address" },
      数量: { check: (value) => (value % 100 === 0 ? undefined : "must be a multiple of 100") },
    };
    try {
      validateSettings(defaults, { 模式: "paper", 服务器: "a b", 数量: 150 }, rules, {
        context: "DEMO settings",
      });
      expect.unreachable();
    } catch (error) {
      const e = error as SettingsError;
      expect(e.issues).toEqual([
        { key: "模式", message: 'expected one of "live", "sim", got "paper"' },
        { key: "服务器", message: 'expected a host name or IPv4 address, got "a b"' },
        { key: "数量", message: "must be a multiple of 100" },
      ]);
      expect(e.message).toMatch(/^Invalid DEMO settings \(3 problems\)/);
    }
    expect(validateSettings(defaults, { 模式: "sim", 数量: "300" }, rules)).toEqual({
      模式: "sim",
      服务器: "127.0.0.1",
      数量: 300,
    });
  });

  it("lets a rule make an integer default accept fractions", () => {
    expect(validateSettings({ ratio: 0 }, { ratio: "0.25" }, { ratio: { integer: false } }).ratio).toBe(0.25);
    expect(() => validateSettings({ ratio: 0 }, { ratio: "0.25" })).toThrow(
      /expected an integer, got "0.25"/,
    );
  });

  it("rejects malformed defaults and rules as programming errors", () => {
    expect(() => validateSettings({ a: "" }, {}, { b: { nonEmpty: true } } as never)).toThrow(
      InvalidArgumentError,
    );
    expect(() => validateSettings({ a: "" }, {}, { a: { min: 1 } } as never)).toThrow(/number settings only/);
    expect(() => validateSettings({ a: 1 }, {}, { a: { nonEmpty: true } } as never)).toThrow(
      /string settings only/,
    );
    expect(() => validateSettings({ a: Number.NaN }, {})).toThrow(/finite number/);
    expect(() => validateSettings({ a: null } as never, {})).toThrow(InvalidArgumentError);
  });
});

describe("buildSettingsSchema", () => {
  it("derives a zod schema from the defaults", () => {
    const schema = buildSettingsSchema(DEFAULTS, RULES);
    const ok = schema.safeParse({ ...GOOD, 交易端口: "9000" });
    expect(ok.success && ok.data.交易端口).toBe(9000);
    const bad = schema.safeParse({ ...GOOD, 交易端口: "80a", extra: 1 });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((issue) => issue.message);
    expect(messages).toContain('expected an integer between 1 and 65535, got "80a"');
    expect(messages.some((message) => message.startsWith("extra: unknown setting"))).toBe(true);
  });
});

describe("isSecretSettingKey", () => {
  it("recognises secret-looking keys", () => {
    for (const key of [
      "交易密码",
      "行情密码",
      "Password",
      "api_secret",
      "accessToken",
      "资金口令",
      "passwd",
    ]) {
      expect(isSecretSettingKey(key)).toBe(true);
    }
    for (const key of ["交易用户名", "交易端口", "host", "机构代号"])
      expect(isSecretSettingKey(key)).toBe(false);
  });
});
