/**
 * Property tests of settings validation (issue 7): valid settings are never rejected and
 * round-trip; each kind of bad value gives a SettingsError naming the user's key and what was
 * expected; secret values never appear in any message; nothing but a SettingsError is ever thrown.
 *
 * Runs are seeded (override with FC_SEED=<n>) so that a failure is reproducible; fast-check
 * prints the seed and the shrunk counterexample.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SettingRefinements, SettingsError, validateSettings } from "../src/index.js";

const SEED = Number(process.env.FC_SEED ?? 20_261_126);
const RUNS = 120;
const params = { seed: SEED, numRuns: RUNS } as const;

/** One key of every kind the validator derives from a default, and every kind of rule. */
const DEFAULTS = {
  用户名: "",
  密码: "",
  服务器: "127.0.0.1",
  端口: 8000,
  重试次数: 3,
  比例: 0.5,
  自动重连: true,
  模式: "fast",
  备注: "",
  apiToken: "",
  认证码: "",
  名称: "x",
} as const;

type Key = keyof typeof DEFAULTS;
const KEYS = Object.keys(DEFAULTS) as Key[];

const RULES: SettingRefinements<typeof DEFAULTS> = {
  用户名: { nonEmpty: true },
  密码: { nonEmpty: true },
  服务器: { nonEmpty: true, pattern: /^[A-Za-z0-9.-]+$/ },
  端口: { min: 1, max: 65535 },
  重试次数: { min: -1, max: 100 },
  比例: { min: 0, max: 1 },
  模式: { oneOf: ["fast", "safe"] },
  认证码: { secret: true },
  名称: { check: (v) => ([...v].length > 8 ? "must be at most 8 characters" : undefined) },
};

/** Keys whose values must never be shown (by name: 密码, token; by rule: 认证码). */
const SECRET_KEYS: readonly Key[] = ["密码", "apiToken", "认证码"];

/** What each key's messages say is expected. */
const EXPECTED: Record<Key, string> = {
  用户名: "a non-empty string",
  密码: "a non-empty string",
  服务器: "a string matching /^[A-Za-z0-9.-]+$/",
  端口: "an integer between 1 and 65535",
  重试次数: "an integer between -1 and 100",
  比例: "a number between 0 and 1",
  自动重连: "true or false",
  模式: 'one of "fast", "safe"',
  备注: "a string",
  apiToken: "a string",
  认证码: "a string",
  名称: "a string",
};

/** Keys that must be given (their default is not valid). */
const REQUIRED: readonly Key[] = ["用户名", "密码"];

// ---- arbitraries of valid values: [the value given, the value expected back] ----

type Valid = fc.Arbitrary<readonly [unknown, unknown]>;
const same = <T>(arb: fc.Arbitrary<T>): Valid => arb.map((v) => [v, v] as const);
const pad = fc.constantFrom("", " ", "\t", "  ");

function validInteger(min: number, max: number): Valid {
  return fc.oneof(
    same(fc.integer({ min, max })),
    // An integer written as JSON writes it is converted ("8000", "-1"): that way only.
    fc.integer({ min, max }).map((n) => [String(n), n] as const),
  );
}

function validNumber(min: number, max: number): Valid {
  const n = fc.double({ min, max, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x));
  return fc.oneof(
    same(n),
    n.map((x) => [String(x), x] as const),
  );
}

const nonBlank = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0);

/**
 * Secrets carry "§", which no message template and no other generated value contains (fc.string
 * is ASCII), so a message containing one is a leak, never a coincidence.
 */
const secretText = fc.string({ maxLength: 12 }).map((s) => `§${s}`);

const VALID: Record<Key, Valid> = {
  用户名: same(nonBlank),
  密码: same(secretText),
  服务器: same(fc.stringMatching(/^[A-Za-z0-9.-]{1,30}$/)),
  端口: validInteger(1, 65535),
  重试次数: validInteger(-1, 100),
  比例: validNumber(0, 1),
  自动重连: fc.oneof(
    same(fc.boolean()),
    fc.tuple(fc.boolean(), fc.constantFrom("lower", "upper", "mixed"), pad).map(([b, style, p]) => {
      const word = String(b);
      const text =
        style === "upper"
          ? word.toUpperCase()
          : style === "mixed"
            ? word[0]?.toUpperCase() + word.slice(1)
            : word;
      return [`${p}${text}${p}`, b] as const;
    }),
  ),
  模式: same(fc.constantFrom("fast", "safe")),
  备注: same(fc.string({ maxLength: 60 })),
  apiToken: same(fc.oneof(fc.constant(""), secretText)),
  认证码: same(fc.oneof(fc.constant(""), secretText)),
  名称: same(fc.string({ maxLength: 8, unit: "grapheme-composite" }).filter((s) => [...s].length <= 8)),
};

/** A valid input (optional keys sometimes left out) and the settings expected back. */
const validInput = fc
  .record(
    Object.fromEntries(
      KEYS.map((key) => [
        key,
        REQUIRED.includes(key)
          ? VALID[key]
          : fc
              .option(VALID[key], { nil: undefined, freq: 3 })
              .map((v) => v ?? ([undefined, DEFAULTS[key]] as const)),
      ]),
    ) as Record<Key, Valid>,
  )
  .map((pairs) => {
    const input: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const key of KEYS) {
      const [given, back] = pairs[key];
      if (given !== undefined) input[key] = given;
      expected[key] = back;
    }
    return { input, expected };
  });

// ---- arbitraries of invalid values, by kind ----

/** Numbers as text: JSON's grammar (RFC 8259 §6) and nothing else. */
const INTEGER_TEXT = /^-?(0|[1-9]\d*)$/;
const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The same integer written in ways that are not JSON's: padded, signed, zero-led, with a fraction. */
function nonCanonicalInteger(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: Math.max(min, 0), max }),
      fc.constantFrom(" %", "% ", "\t%", "+%", "0%", "%.0", "%e0"),
    )
    .map(([n, form]) => form.replace("%", String(n)));
}

/** Values of a type no setting of that kind accepts. */
const notStringOrNumber = fc.oneof(
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.bigInt(),
);
const wrongTypeForString = fc.oneof(notStringOrNumber, fc.double(), fc.boolean());
const wrongTypeForNumber = fc.oneof(notStringOrNumber, fc.boolean());
const wrongTypeForBoolean = fc.oneof(notStringOrNumber, fc.double());

function invalidInteger(min: number, max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.oneof(fc.integer({ max: min - 1 }), fc.integer({ min: max + 1 })),
    fc.oneof(fc.integer({ max: min - 1 }), fc.integer({ min: max + 1 })).map(String),
    fc.double({ min, max, noNaN: true }).filter((x) => !Number.isInteger(x)),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    fc.string({ maxLength: 8 }).filter((s) => !INTEGER_TEXT.test(s)),
    nonCanonicalInteger(min, max),
    wrongTypeForNumber,
  );
}

function invalidNumber(min: number, max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.oneof(
      fc.double({ max: min, maxExcluded: true, noNaN: true }),
      fc.double({ min: max, minExcluded: true, noNaN: true }),
    ),
    fc.constant(Number.NaN),
    fc.string({ maxLength: 8 }).filter((s) => !NUMBER_TEXT.test(s)),
    fc.double({ min, max, noNaN: true }).map((x) => ` ${x}`),
    wrongTypeForNumber,
  );
}

const blank = fc.constantFrom("", " ", "\t\n", "\u3000", "\u00a0 ");

/** For each key: bad values, and whether the message is the rule's own text (custom check). */
const INVALID: Record<Key, fc.Arbitrary<unknown>> = {
  用户名: fc.oneof(blank, wrongTypeForString),
  密码: fc.oneof(blank, wrongTypeForString),
  服务器: fc.oneof(
    blank,
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^[A-Za-z0-9.-]+$/.test(s)),
    wrongTypeForString,
  ),
  端口: invalidInteger(1, 65535),
  重试次数: invalidInteger(-1, 100),
  比例: invalidNumber(0, 1),
  自动重连: fc.oneof(
    fc.string({ maxLength: 8 }).filter((s) => !/^(true|false)$/i.test(s.trim())),
    wrongTypeForBoolean,
  ),
  模式: fc.oneof(
    fc.string({ maxLength: 8 }).filter((s) => s !== "fast" && s !== "safe"),
    wrongTypeForString,
  ),
  备注: wrongTypeForString,
  apiToken: wrongTypeForString,
  认证码: wrongTypeForString,
  名称: fc.oneof(
    fc.string({ minLength: 9, maxLength: 30 }).filter((s) => [...s].length > 8),
    wrongTypeForString,
  ),
};

/** A key that is not a setting (nor an own-property trap such as `__proto__`). */
const unknownKey = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constantFrom("端品", "constructor", "toString", "PORT"),
  )
  .filter((k) => !Object.hasOwn(DEFAULTS, k) && k !== "__proto__");

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function settingsError(input: unknown): SettingsError {
  const error = caught(() => validateSettings(DEFAULTS, input, RULES, { context: "test settings" }));
  if (!(error instanceof SettingsError)) {
    throw new Error(`expected a SettingsError, got ${error === undefined ? "success" : String(error)}`);
  }
  return error;
}

/** Every issue is listed in the message as `  key: message`, under a header naming the context. */
function expectReadable(error: SettingsError): void {
  expect(error.issues.length).toBeGreaterThan(0);
  const count = error.issues.length === 1 ? "1 problem" : `${error.issues.length} problems`;
  expect(error.message.startsWith(`Invalid test settings (${count}):\n`)).toBe(true);
  for (const issue of error.issues) {
    expect(issue.message.length).toBeGreaterThan(0);
    expect(error.message).toContain(`\n  ${issue.key}: ${issue.message}`);
  }
  expect(error.code).toBe("SETTINGS_INVALID");
}

/** The texts of the secrets given (a value containing one is not shown either). */
function secretTexts(given: Readonly<Record<string, unknown>>): string[] {
  return SECRET_KEYS.map((key) => given[key])
    .filter((v) => ["string", "number", "boolean", "bigint"].includes(typeof v))
    .map((v) => String(v))
    .filter((text) => text.length > 0);
}

/** The message a bad value of `key` must give (a custom check speaks for itself). */
function expectExplains(key: Key, value: unknown, message: string, given: Record<string, unknown>): void {
  const hidesSecret =
    !SECRET_KEYS.includes(key) &&
    ["string", "number", "boolean", "bigint"].includes(typeof value) &&
    secretTexts(given).some((secret) => String(value).includes(secret));
  if (hidesSecret) {
    expect(message).toBe(
      `expected ${EXPECTED[key]}, got a value that is not shown because it contains the value of a secret setting`,
    );
    return;
  }
  if (key === "名称" && typeof value === "string") {
    expect(message).toBe("must be at most 8 characters");
    return;
  }
  expect(message.startsWith(`expected ${EXPECTED[key]}, got `)).toBe(true);
  // The value is shown for ordinary keys so the user sees what was wrong (a numeric string is
  // converted first, so it is shown as the number it became).
  if (!SECRET_KEYS.includes(key) && typeof value === "string" && value.length <= 40) {
    const numeric =
      key === "比例" ? NUMBER_TEXT : key === "端口" || key === "重试次数" ? INTEGER_TEXT : undefined;
    const shown = numeric?.test(value) ? String(Number(value)) : JSON.stringify(value);
    expect(message.endsWith(`, got ${shown}`)).toBe(true);
  }
}

describe("validateSettings properties", () => {
  it("accepts every valid input, fills defaults, and round-trips", () => {
    fc.assert(
      fc.property(validInput, ({ input, expected }) => {
        const settings = validateSettings(DEFAULTS, input, RULES);
        expect(settings).toEqual(expected);
        expect(Object.isFrozen(settings)).toBe(true);
        expect(Object.keys(settings).sort()).toEqual([...KEYS].sort());
        // Validated settings are valid settings: validating them again changes nothing.
        expect(validateSettings(DEFAULTS, settings, RULES)).toEqual(settings);
        // And through JSON (a settings file) they come back the same.
        expect(validateSettings(DEFAULTS, JSON.parse(JSON.stringify(settings)), RULES)).toEqual(settings);
      }),
      params,
    );
  });

  it("treats a key whose value is undefined as absent, known or not", () => {
    fc.assert(
      fc.property(
        validInput,
        fc.uniqueArray(fc.constantFrom(...KEYS, "未知", "extra")),
        ({ input }, keys) => {
          const withUndefined: Record<string, unknown> = { ...input };
          for (const key of keys) if (!REQUIRED.includes(key as Key)) withUndefined[key] = undefined;
          const stripped = Object.fromEntries(
            Object.entries(withUndefined).filter(([, v]) => v !== undefined),
          );
          expect(validateSettings(DEFAULTS, withUndefined, RULES)).toEqual(
            validateSettings(DEFAULTS, stripped, RULES),
          );
        },
      ),
      params,
    );
  });

  it("rejects each kind of bad value with an issue naming the key and what was expected", () => {
    fc.assert(
      fc.property(
        validInput,
        fc.constantFrom(...KEYS).chain((key) => INVALID[key].map((value) => ({ key, value }))),
        ({ input }, { key, value }) => {
          const given = { ...input, [key]: value };
          const error = settingsError(given);
          expectReadable(error);
          expect(error.issues.map((issue) => issue.key)).toEqual([key]);
          expectExplains(key, value, error.issues[0]?.message ?? "", given);
        },
      ),
      params,
    );
  });

  it("refuses a control character in any string setting, by key, where it is (never in a secret)", () => {
    const stringKeys = KEYS.filter((key) => typeof DEFAULTS[key] === "string" && key !== "模式");
    const control = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }));
    fc.assert(
      fc.property(
        validInput,
        fc.constantFrom(...stringKeys),
        fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom("a", "中", "é", "😀") }),
        control,
        fc.string({ maxLength: 3 }),
        ({ input }, key, before, code, after) => {
          const given = { ...input, [key]: `${before}${String.fromCodePoint(code)}${after}` };
          const error = settingsError(given);
          expectReadable(error);
          expect(error.issues.map((issue) => issue.key)).toEqual([key]);
          const hex = code.toString(16).toUpperCase().padStart(4, "0");
          expect(error.issues[0]?.message).toBe(
            SECRET_KEYS.includes(key)
              ? "must not contain control characters (the value is not shown because the key is secret)"
              : `must not contain control characters; found U+${hex} at character ${[...before].length + 1}`,
          );
        },
      ),
      params,
    );
  });

  it("reports a required key that is missing as missing", () => {
    fc.assert(
      fc.property(validInput, fc.subarray([...REQUIRED], { minLength: 1 }), ({ input }, missing) => {
        const partial = { ...input };
        for (const key of missing) delete partial[key];
        const error = settingsError(partial);
        expectReadable(error);
        expect(error.issues).toEqual(
          missing.map((key) => ({ key, message: `missing; expected ${EXPECTED[key]}` })),
        );
      }),
      params,
    );
  });

  it("rejects unknown keys by the user's own spelling, without showing their values", () => {
    fc.assert(
      fc.property(
        validInput,
        fc.uniqueArray(unknownKey, { minLength: 1, maxLength: 3 }),
        fc.string({ minLength: 3, maxLength: 10 }).map((s) => `⟦${s}⟧`),
        ({ input }, keys, value) => {
          const bad: Record<string, unknown> = { ...input };
          for (const key of keys) bad[key] = value;
          const error = settingsError(bad);
          expectReadable(error);
          // (In the input's own key order, where JavaScript puts integer-like keys first.)
          const order = Object.keys(bad).filter((key) => keys.includes(key));
          expect(error.issues.map((issue) => issue.key)).toEqual(order);
          for (const issue of error.issues) expect(issue.message).toMatch(/^unknown setting; /);
          expect(error.message).not.toContain(value);
        },
      ),
      params,
    );
  });

  it("lists every bad key at once: declared keys in declaration order, then unknown keys", () => {
    fc.assert(
      fc.property(
        validInput,
        fc
          .subarray(KEYS, { minLength: 1 })
          .chain((keys) =>
            fc.tuple(...keys.map((key) => INVALID[key].map((value) => [key, value] as const))),
          ),
        fc.uniqueArray(unknownKey, { maxLength: 2 }),
        ({ input }, bad, unknown) => {
          const given: Record<string, unknown> = { ...input };
          for (const [key, value] of bad) given[key] = value;
          for (const key of unknown) given[key] = 1;
          const error = settingsError(given);
          expectReadable(error);
          const unknownInOrder = Object.keys(given).filter((key) => unknown.includes(key));
          expect(error.issues.map((issue) => issue.key)).toEqual([
            ...bad.map(([key]) => key),
            ...unknownInOrder,
          ]);
          for (const [key, value] of bad) {
            expectExplains(key, value, error.issues.find((issue) => issue.key === key)?.message ?? "", given);
          }
        },
      ),
      params,
    );
  });

  it("never shows a secret value, even when another key holds (part of) it", () => {
    // Passwords carry a character no message template uses, so finding one is a real leak.
    const secret = fc
      .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
      .map(([a, b]) => `${a}§${b}`);
    const placements = fc.constantFrom("equal", "inside", "apart");
    fc.assert(
      fc.property(
        validInput,
        fc.record({ 密码: secret, apiToken: secret, 认证码: secret }),
        fc.subarray(KEYS.filter((key) => !SECRET_KEYS.includes(key))),
        fc.constantFrom(...SECRET_KEYS),
        placements,
        fc.boolean(),
        ({ input }, secrets, carriers, source, placement, breakSecrets) => {
          const given: Record<string, unknown> = { ...input, ...secrets };
          const password = secrets[source as keyof typeof secrets];
          // The password typed into the wrong field(s): as is, inside other text, or (control) not at all.
          for (const key of carriers) {
            given[key] =
              placement === "equal" ? password : placement === "inside" ? `x${password}:1` : given[key];
          }
          // Sometimes another secret is itself bad (shown as hidden, never as text).
          const hidden: string[] = Object.values(secrets);
          if (breakSecrets && source !== "密码") {
            given.密码 = "   ";
            hidden.splice(hidden.indexOf(secrets.密码), 1);
          }
          const error = caught(() => validateSettings(DEFAULTS, given, RULES));
          if (error === undefined) return;
          expect(error).toBeInstanceOf(SettingsError);
          const text = (error as SettingsError).message;
          for (const value of hidden) expect(text).not.toContain(value);
          expect(text).not.toContain("§");
        },
      ),
      params,
    );
  });

  it("messages do not depend on secret values (same input, other passwords: same message)", () => {
    const anyValue = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), anyValue), nonBlank, nonBlank, (input, a, b) => {
        // Replace each secret by two different non-empty strings: what the user sees is the same.
        const withA: Record<string, unknown> = { ...input, 密码: a, apiToken: a, 认证码: a };
        const withB: Record<string, unknown> = { ...input, 密码: b, apiToken: b, 认证码: b };
        // Keep other keys from holding the secrets (that case is covered above).
        for (const key of KEYS) {
          if (SECRET_KEYS.includes(key)) continue;
          const v = withA[key];
          if (v !== undefined && v !== null && (String(v).includes(a) || String(v).includes(b))) {
            delete withA[key];
            delete withB[key];
          }
        }
        const messageOf = (x: unknown) => {
          const error = caught(() => validateSettings(DEFAULTS, x, RULES));
          return error instanceof Error ? error.message : "accepted";
        };
        expect(messageOf(withA)).toBe(messageOf(withB));
      }),
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
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    const keyed = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), weird, {
      maxKeys: 8,
    });
    fc.assert(
      fc.property(fc.oneof(weird, keyed), (input) => {
        const error = caught(() => validateSettings(DEFAULTS, input, RULES, { context: "test settings" }));
        if (error === undefined) return;
        expect(error).toBeInstanceOf(SettingsError);
        expectReadable(error as SettingsError);
      }),
      { ...params, numRuns: RUNS * 2 },
    );
  });
});
