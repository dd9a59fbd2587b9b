/**
 * Property tests of the HFT settings (issue 7): any valid settings are accepted and round-trip;
 * each kind of bad value gives a SettingsError naming the user's key and what was expected;
 * passwords never appear in a message, even when typed into another field; nothing but a
 * SettingsError is thrown.
 *
 * Seeded (override with FC_SEED=<n>); fast-check prints the seed and the shrunk counterexample.
 */
import { SettingsError } from "@tsgate/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELD_BYTES } from "../src/constants.js";
import { HFT_DEFAULT_SETTING, parseHftSettings } from "../src/index.js";

const SEED = Number(process.env.FC_SEED ?? 20_261_126);
const params = { seed: SEED, numRuns: 100 } as const;

type Key = keyof typeof HFT_DEFAULT_SETTING;
const KEYS = Object.keys(HFT_DEFAULT_SETTING) as Key[];
const PASSWORD_KEYS = ["交易密码", "行情密码"] as const;
const MAX_MS = 2_147_483_647;

// ---- valid settings ----

type Pair = readonly [given: unknown, expected: unknown];
const same = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Pair> => arb.map((v) => [v, v] as const);
// Spaces only: a tab is a control character, refused in every string setting.
const pad = fc.constantFrom("", " ", "  ");

/** Text of 1..max UTF-8 bytes, not blank, any script (codes and names may be Chinese). */
function bytesText(max: number, minLength = 0): fc.Arbitrary<string> {
  return fc
    .string({
      minLength,
      maxLength: max,
      unit: fc.constantFrom("a", "Z", "0", "9", "_", "-", "中", "文", " ", "é"),
    })
    .filter((s) => Buffer.byteLength(s, "utf8") <= max && (minLength === 0 || s.trim().length > 0));
}

/**
 * Passwords carry "§", which no message template and no other generated value contains, so a
 * message containing one is a leak, never a coincidence.
 */
const passwordOf = (bytes: number) =>
  fc
    .string({ maxLength: 20, unit: fc.constantFrom("a", "1", "!", " ", "密", "'", '"', "\\", ":") })
    .map((s) => `§${s}`)
    .filter((s) => Buffer.byteLength(s, "utf8") <= bytes);
const tradePassword = passwordOf(FIELD_BYTES.tradePassword);
const mdPassword = passwordOf(FIELD_BYTES.mdPassword);

const hostName = fc.oneof(
  fc.ipV4(),
  fc.domain().filter((d) => d.length <= 63),
  fc.constantFrom("localhost", "127.0.0.1", "a", "trade-1"),
);
/** A host is trimmed. */
const host: fc.Arbitrary<Pair> = fc
  .tuple(hostName, pad, pad)
  .map(([h, a, b]) => [`${a}${h}${b}`, h] as const);

function port(): fc.Arbitrary<Pair> {
  return fc.oneof(
    same(fc.integer({ min: 1, max: 65535 })),
    // As text, one way only: the digits as JSON writes them.
    fc.integer({ min: 1, max: 65535 }).map((n) => [String(n), n] as const),
  );
}

const ms = (min = 1) => fc.integer({ min, max: MAX_MS });

/** Valid settings: the input (optional keys sometimes left out) and the settings expected back. */
const validSettings = fc
  .record({
    交易用户名: same(bytesText(FIELD_BYTES.accountId, 1)),
    交易密码: same(fc.oneof(fc.constant(""), tradePassword)),
    交易服务器: host,
    交易端口: port(),
    机构代号: same(bytesText(FIELD_BYTES.orgCode, 1)),
    营业部代号: same(bytesText(FIELD_BYTES.branchCode, 1)),
    网关: same(bytesText(FIELD_BYTES.systemId)),
    行情用户名: same(bytesText(FIELD_BYTES.mdUser, 1)),
    行情密码: same(fc.oneof(fc.constant(""), mdPassword)),
    行情服务器: host,
    行情端口: port(),
    libraryPath: same(fc.oneof(fc.constant(""), fc.string({ maxLength: 40 }))),
    ffiBackend: same(fc.constantFrom("koffi", "ffi-napi")),
    reconnect: fc.oneof(
      ms().map((v) => [v, v] as const),
      fc.tuple(ms(), ms()).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
    ),
    heartbeat: fc
      .tuple(ms(), ms())
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
    connectTimeoutMs: same(ms()),
    connectRetries: same(fc.integer({ min: -1, max: MAX_MS })),
    accountRefreshSeconds: same(fc.integer({ min: 1, max: 86_400 })),
    orderSend: same(fc.constantFrom("direct", "deferred")),
    busyPoll: fc.oneof(
      same(fc.boolean()),
      fc.constantFrom(["true", true] as const, ["false", false] as const),
    ),
    terminalInfo: same(bytesText(FIELD_BYTES.terminalInfo)),
    sdkLogPath: same(bytesText(FIELD_BYTES.sdkLogPath)),
    accountType: same(fc.integer({ min: 1, max: 4 })),
    language: same(fc.constantFrom("", "zh-CN", "en", "zh", "en_US.UTF-8", "zh_CN.UTF-8")),
    omit: fc.subarray(
      KEYS.filter((key) => !["交易用户名", "交易服务器", "行情用户名", "行情服务器"].includes(key)),
    ),
  })
  .map(({ reconnect, heartbeat, omit, ...pairs }) => {
    const all: Record<string, Pair> = {
      ...pairs,
      reconnectMinMs: [reconnect[0], reconnect[0]],
      reconnectMaxMs: [reconnect[1], reconnect[1]],
      heartbeatIntervalMs: [heartbeat[0], heartbeat[0]],
      heartbeatTimeoutMs: [heartbeat[1], heartbeat[1]],
    };
    const input: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const key of KEYS) {
      const [given, back] = all[key] as Pair;
      // A left-out key takes its default, as long as the default keeps the cross-field rules.
      const canOmit =
        omit.includes(key) &&
        !["reconnectMinMs", "reconnectMaxMs", "heartbeatIntervalMs", "heartbeatTimeoutMs"].includes(key);
      if (canOmit) {
        expected[key] = HFT_DEFAULT_SETTING[key];
      } else {
        input[key] = given;
        expected[key] = back;
      }
    }
    return { input, expected };
  });

// ---- bad values, per key: [value, what the message must say] ----

type Bad = fc.Arbitrary<readonly [unknown, RegExp]>;
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.object({ maxDepth: 0 }),
);
const tooLong = (bytes: number) =>
  fc
    .string({ minLength: bytes + 1, maxLength: bytes + 20, unit: fc.constantFrom("x", "中") })
    .filter((s) => Buffer.byteLength(s, "utf8") > bytes);
const blank = fc.constantFrom("", " ", "\t", "\u3000");

/** A value with a control character inside: [value, the code point, the character it is at]. */
const withControl = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom("a", "0", "中", ".") }),
    fc.constantFrom(0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x85, 0x9f),
  )
  .map(
    ([before, code]) => [`${before}${String.fromCodePoint(code)}x`, code, [...before].length + 1] as const,
  );

function controlBad(secret: boolean): Bad {
  return withControl.map(
    ([value, code, at]) =>
      [
        value,
        secret
          ? /^must not contain control characters \(the value is not shown because the key is secret\)$/
          : new RegExp(
              `^must not contain control characters; found U\\+${code.toString(16).toUpperCase().padStart(4, "0")} at character ${at}$`,
            ),
      ] as const,
  );
}

function textBad(bytes: number, required: boolean, secret = false): Bad {
  const kinds: Bad[] = [
    controlBad(secret),
    tooLong(bytes).map((v) => [v, new RegExp(`^must be at most ${bytes} bytes of UTF-8`)] as const),
    fc.oneof(wrongType, fc.integer()).map((v) => [v, /^expected (a|a non-empty) string, got /] as const),
  ];
  if (required) kinds.push(blank.map((v) => [v, /^expected a non-empty string, got /] as const));
  return fc.oneof(...kinds);
}

function hostBad(portKey: string): Bad {
  return fc.oneof(
    blank
      .filter((v) => v !== "\t")
      .map((v) => [v, /^required: the server's host name or IPv4 address$/] as const),
    controlBad(false),
    fc
      .constantFrom("::1", "[::1]", "[::1]:8000", "fe80::1%eth0", "2001:db8::8", "::ffff:127.0.0.1", " ::1 ")
      .map((v) => [v, /^IPv6 addresses are not supported: the HFT library connects over IPv4; /] as const),
    fc
      .tuple(fc.constantFrom("tcp://", "http://", "TCP://"), hostName)
      .map(([s, h]) => [`${s}${h}`, /without a scheme such as tcp:\/\//] as const),
    fc
      .tuple(hostName, fc.integer({ min: 1, max: 65535 }))
      .map(([h, p]) => [`${h}:${p}`, new RegExp(`put the port in ${portKey}$`)] as const),
    fc
      .tuple(hostName, fc.constantFrom(" ", "_", "/", "中", "@", "!"), hostName)
      .map(([a, c, b]) => [`${a}${c}${b}`, /^expected a host name or IPv4 address, got "/] as const),
    fc.stringMatching(/^[a-z0-9]{64,80}$/).map((v) => [v, /^must be at most 63 characters$/] as const),
    fc.oneof(wrongType, fc.integer()).map((v) => [v, /^expected a host name or IPv4 address, got /] as const),
  );
}

const above = (max: number) =>
  fc.bigInt({ min: BigInt(max) + 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }).map(Number);

function intBad(min: number, max: number): Bad {
  const range = new RegExp(`^expected an integer between ${min} and ${max}, got `);
  return fc.oneof(
    fc.oneof(fc.integer({ max: min - 1 }), above(max)).map((v) => [v, range] as const),
    above(max).map((v) => [String(v), range] as const),
    fc
      .double({ min, max, noNaN: true })
      .filter((v) => !Number.isInteger(v))
      .map((v) => [v, range] as const),
    fc
      .constantFrom(Number.NaN, Number.POSITIVE_INFINITY, "80a", "", " ", "8000.0", "0x1f", "1e3", "八千")
      .map((v) => [v, range] as const),
    // An in-range number written any other way than JSON's is refused the same way.
    fc
      .tuple(fc.integer({ min: Math.max(min, 0), max }), fc.constantFrom(" %", "% ", "+%", "0%", "%.0"))
      .map(([n, form]) => [form.replace("%", String(n)), range] as const),
    wrongType.map((v) => [v, range] as const),
  );
}

const BAD: Record<Key, Bad> = {
  交易用户名: textBad(FIELD_BYTES.accountId, true),
  交易密码: textBad(FIELD_BYTES.tradePassword, false, true),
  交易服务器: hostBad("交易端口"),
  交易端口: intBad(1, 65535),
  机构代号: textBad(FIELD_BYTES.orgCode, true),
  营业部代号: textBad(FIELD_BYTES.branchCode, true),
  网关: textBad(FIELD_BYTES.systemId, false),
  行情用户名: textBad(FIELD_BYTES.mdUser, true),
  行情密码: textBad(FIELD_BYTES.mdPassword, false, true),
  行情服务器: hostBad("行情端口"),
  行情端口: intBad(1, 65535),
  libraryPath: fc.oneof(wrongType, fc.integer()).map((v) => [v, /^expected a string, got /] as const),
  ffiBackend: fc
    .oneof(fc.constantFrom("ctypes", "KOFFI", "ffi_napi", ""), wrongType)
    .map((v) => [v, /^expected one of "koffi", "ffi-napi", got /] as const),
  language: fc.oneof(
    fc
      .constantFrom("fr", "de_DE.UTF-8", "C", "english", " ")
      .map((v) => [v, /^expected one of zh-CN, en /] as const),
    fc.oneof(wrongType, fc.integer()).map((v) => [v, /^expected a string, got /] as const),
  ),
  reconnectMinMs: intBad(1, MAX_MS),
  reconnectMaxMs: intBad(1, MAX_MS),
  heartbeatIntervalMs: intBad(1, MAX_MS),
  heartbeatTimeoutMs: intBad(1, MAX_MS),
  connectTimeoutMs: intBad(1, MAX_MS),
  connectRetries: intBad(-1, MAX_MS),
  accountRefreshSeconds: intBad(1, 86_400),
  orderSend: fc
    .oneof(fc.constantFrom("now", "DIRECT", "later", ""), wrongType)
    .map((v) => [v, /^expected one of "direct", "deferred", got /] as const),
  busyPoll: fc.constantFrom("yes", 1, "on", "").map((v) => [v, /true or false/] as const),
  terminalInfo: textBad(FIELD_BYTES.terminalInfo, false),
  sdkLogPath: textBad(FIELD_BYTES.sdkLogPath, false),
  accountType: intBad(1, 4),
};

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function settingsError(input: unknown): SettingsError {
  const error = caught(() => parseHftSettings(input));
  if (!(error instanceof SettingsError)) {
    throw new Error(`expected a SettingsError, got ${error === undefined ? "success" : String(error)}`);
  }
  return error;
}

/** Every issue is in the message as `  key: message`, under "Invalid HFT settings (n problems)". */
function expectReadable(error: SettingsError): void {
  expect(error.issues.length).toBeGreaterThan(0);
  expect(error.message).toMatch(/^Invalid HFT settings \(\d+ problems?\):\n/);
  for (const issue of error.issues) {
    expect(issue.message.length).toBeGreaterThan(0);
    expect(error.message).toContain(`\n  ${issue.key}: ${issue.message}`);
  }
}

describe("parseHftSettings properties", () => {
  it("accepts any valid settings, fills defaults, trims hosts and round-trips", () => {
    fc.assert(
      fc.property(validSettings, ({ input, expected }) => {
        const settings = parseHftSettings(input);
        expect(settings).toEqual(expected);
        expect(Object.isFrozen(settings)).toBe(true);
        expect(parseHftSettings(settings)).toEqual(settings);
        // A settings file (JSON) gives the same settings back.
        expect(parseHftSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
      }),
      params,
    );
  });

  it("rejects each kind of bad value with one issue naming the key and what was expected", () => {
    fc.assert(
      fc.property(
        validSettings,
        fc.constantFrom(...KEYS).chain((key) => BAD[key].map(([value, says]) => ({ key, value, says }))),
        ({ input }, { key, value, says }) => {
          const error = settingsError({ ...input, [key]: value });
          expectReadable(error);
          expect(error.issues.map((issue) => issue.key)).toEqual([key]);
          expect(error.issues[0]?.message).toMatch(says);
        },
      ),
      params,
    );
  });

  it("rejects inconsistent reconnect and heartbeat times, naming both values", () => {
    fc.assert(
      fc.property(
        validSettings,
        fc.tuple(ms(2), ms()).filter(([min, max]) => max < min),
        fc.oneof(
          ms().map((v) => [v, v] as const),
          fc.tuple(ms(), ms()).filter(([interval, timeout]) => timeout < interval),
        ),
        fc.constantFrom("reconnect", "heartbeat", "both"),
        ({ input }, [min, max], [interval, timeout], which) => {
          const given: Record<string, unknown> = { ...input };
          const keys: string[] = [];
          if (which !== "heartbeat") {
            Object.assign(given, { reconnectMinMs: min, reconnectMaxMs: max });
            keys.push("reconnectMaxMs");
          }
          if (which !== "reconnect") {
            Object.assign(given, { heartbeatIntervalMs: interval, heartbeatTimeoutMs: timeout });
            keys.push("heartbeatTimeoutMs");
          }
          const error = settingsError(given);
          expectReadable(error);
          expect(error.issues.map((issue) => issue.key)).toEqual(keys);
          const text = error.message;
          if (which !== "heartbeat") expect(text).toContain(`at least reconnectMinMs (${min}), got ${max}`);
          if (which !== "reconnect") {
            expect(text).toContain(`longer than heartbeatIntervalMs (${interval}), got ${timeout}`);
          }
        },
      ),
      params,
    );
  });

  it("reports unknown keys (e.g. vnpy typos) by the user's spelling", () => {
    fc.assert(
      fc.property(
        validSettings,
        fc
          .oneof(
            fc.constantFrom("交易端品", "行情服务", "password", "host", "port"),
            fc.string({ minLength: 1, maxLength: 8 }),
          )
          .filter((key) => !Object.hasOwn(HFT_DEFAULT_SETTING, key) && key !== "__proto__"),
        ({ input }, key) => {
          const error = settingsError({ ...input, [key]: "§value" });
          expectReadable(error);
          expect(error.issues).toHaveLength(1);
          expect(error.issues[0]?.key).toBe(key);
          expect(error.issues[0]?.message).toMatch(/^unknown setting; /);
          expect(error.message).not.toContain("§value");
        },
      ),
      params,
    );
  });

  it("never shows a password, even one typed into (or equal to) another field", () => {
    const carrierKeys = KEYS.filter((key) => !(PASSWORD_KEYS as readonly string[]).includes(key));
    fc.assert(
      fc.property(
        validSettings,
        fc.record({ 交易密码: tradePassword, 行情密码: mdPassword }),
        fc.boolean(),
        fc.subarray(carrierKeys),
        fc.constantFrom("equal", "inside", "padded"),
        fc.option(fc.constantFrom(...KEYS).chain((key) => BAD[key].map(([value]) => [key, value] as const))),
        ({ input }, secrets, samePassword, carriers, placement, alsoBad) => {
          const given: Record<string, unknown> = { ...input, ...secrets };
          // Both passwords the same is common; so is a password typed into the wrong field.
          if (samePassword) given.行情密码 = secrets.交易密码;
          const pw = secrets.交易密码;
          for (const key of carriers) {
            given[key] = placement === "equal" ? pw : placement === "inside" ? `h${pw}:8000` : ` ${pw} `;
          }
          // And sometimes another field is bad too (the passwords stay what they are).
          if (alsoBad !== null && !(PASSWORD_KEYS as readonly string[]).includes(alsoBad[0])) {
            given[alsoBad[0]] = alsoBad[1];
          }
          const error = caught(() => parseHftSettings(given));
          if (error === undefined) return;
          expect(error).toBeInstanceOf(SettingsError);
          const text = (error as SettingsError).message;
          expect(text).not.toContain("§");
          for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
        },
      ),
      params,
    );
  });

  it("throws nothing but a SettingsError, whatever the input", () => {
    const weird = fc.anything({
      maxDepth: 2,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    const keyed = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), weird, {
      maxKeys: 10,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          weird,
          keyed,
          validSettings.map(({ input }) => input),
        ),
        (input) => {
          const error = caught(() => parseHftSettings(input));
          if (error === undefined) return;
          expect(error).toBeInstanceOf(SettingsError);
          expectReadable(error as SettingsError);
        },
      ),
      { ...params, numRuns: 200 },
    );
  });
});
