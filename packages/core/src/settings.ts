/**
 * Validation of gateway settings, derived from the gateway's `defaultSetting`.
 *
 * vnpy passes settings around as untyped dicts of strings that nothing checks; a typo in a key or
 * `"80a"` for a port surfaces much later as a confusing network error. Here the type of each
 * default value decides what a setting accepts, a gateway adds per-field rules, and every problem
 * is reported at once, by the user's own key.
 *
 * @module
 */
import { z } from "zod";
import { InvalidArgumentError, SettingsError, type SettingsIssue } from "./errors.js";

/** A setting value: settings are flat records of strings, numbers and booleans (as in vnpy). */
export type SettingValue = string | number | boolean;

/** A gateway's `defaultSetting`: every accepted key with its default value. */
export type SettingDefaults = Readonly<Record<string, SettingValue>>;

/** The widened type of one setting: `8000` → `number`, `"HFT"` → `string`, `true` → `boolean`. */
export type WidenSetting<V extends SettingValue> = V extends number
  ? number
  : V extends boolean
    ? boolean
    : string;

/** Validated settings for defaults `D`: every key of `D`, typed by its default's type. */
export type SettingValues<D extends SettingDefaults> = { readonly [K in keyof D]: WidenSetting<D[K]> };

/**
 * Extra rules for one setting, on top of the type implied by its default value. All bounds are
 * inclusive.
 */
export interface SettingRule<V extends SettingValue = SettingValue> {
  /** Numbers: smallest accepted value. */
  readonly min?: number;
  /** Numbers: largest accepted value. */
  readonly max?: number;
  /**
   * Numbers: whether only integers are accepted. Default: true when the default value is an
   * integer (so a default of `0` for a ratio needs `integer: false`).
   */
  readonly integer?: boolean;
  /** Strings: reject empty and whitespace-only values. */
  readonly nonEmpty?: boolean;
  /** Strings: the value must match this pattern. */
  readonly pattern?: RegExp;
  /** Only these values are accepted. */
  readonly oneOf?: readonly V[];
  /**
   * Replaces the generated description of what is expected, e.g.
   * `"a host name or IPv4 address"`; used as `expected <description>, got <value>`.
   */
  readonly description?: string;
  /**
   * Custom check, run after the others pass: return a message (used verbatim after the key)
   * to reject the value, or `undefined` to accept it.
   */
  readonly check?: (value: V) => string | undefined;
  /**
   * Treat the value as secret: never show it in messages. Keys containing 密码, 口令,
   * password, passwd, secret or token are secret without this.
   */
  readonly secret?: boolean;
}

/** Per-key rules for defaults `D`; keys must exist in `D`. */
export type SettingRefinements<D extends SettingDefaults> = {
  readonly [K in keyof D]?: SettingRule<WidenSetting<D[K]>>;
};

/** Options of {@link validateSettings}. */
export interface ValidateSettingsOptions {
  /** Names what is validated in the error message, e.g. `"HFT settings"`. Default `"settings"`. */
  readonly context?: string;
}

const SECRET_KEY = /密码|口令|password|passwd|secret|token/i;
// Numbers given as text are read one strict way, JSON's (RFC 8259 §6, December 2017): an optional
// minus, no plus, no spaces, no leading zeros. " 8000", "+8000", "08000" and "8000.0" are refused
// alike for an integer, instead of some being read and others not.
const INTEGER_TEXT = /^-?(0|[1-9]\d*)$/;
const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
// Unicode control characters (C0, DEL, C1): a NUL cuts a C string, a newline breaks a log line.
const CONTROL_CHARACTER = /\p{Cc}/u;
const BOOLEAN_TEXT = /^(true|false)$/i;
const MAX_SHOWN_CHARS = 40;

/**
 * True when the key names a secret (contains 密码, 口令, password, passwd, secret or token,
 * case-insensitive). Such values are never shown in errors; UIs should mask them.
 */
export function isSecretSettingKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

type FieldKind = "integer" | "number" | "string" | "boolean";

interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly expected: string;
  readonly secret: boolean;
  readonly schema: z.ZodType;
}

/**
 * Builds a zod schema for settings with the given defaults and rules.
 *
 * - string default → string (numbers are not turned into strings: `0000` would lose its zeros);
 * - string values must not contain control characters (NUL, tab, newline, ... : Unicode `Cc`);
 * - integer default → integer; a string written as JSON writes an integer, such as `"8000"` or
 *   `"-1"`, is accepted and converted; `"80a"`, `"8000.0"`, `"+8000"`, `" 8000"` and `"08000"`
 *   are not;
 * - non-integer default → finite number; strings written as JSON numbers (`"0.5"`, `"1e-3"`)
 *   converted, nothing else (no spaces, no plus sign);
 * - boolean default → boolean, the strings `"true"`/`"false"` converted;
 * - a missing key takes its default, which is then checked like a given value;
 * - unknown keys are rejected.
 *
 * Prefer {@link validateSettings}, which reports every problem by key in a {@link SettingsError}.
 *
 * @throws {@link InvalidArgumentError} when the defaults or rules themselves are malformed
 */
export function buildSettingsSchema<D extends SettingDefaults>(
  defaultSetting: D,
  refinements: SettingRefinements<D> = {},
): z.ZodType<SettingValues<D>> {
  return schemaOf<D>(buildFieldSpecs(defaultSetting, refinements));
}

/**
 * Validates user settings against a gateway's `defaultSetting` and rules, and returns them typed,
 * complete (missing keys take their defaults) and frozen.
 *
 * @param defaultSetting - the gateway's defaults; their types decide what each key accepts
 * @param input - the user's settings, typically parsed from JSON or a form
 * @param refinements - per-key rules, e.g. `{ 交易端口: { min: 1, max: 65535 } }`
 * @param options - message context
 * @throws {@link SettingsError} listing every bad or unknown key, e.g.
 *   `交易端口: expected an integer between 1 and 65535, got "80a"`. Values of secret keys are
 *   never shown, nor any other value that contains one (a password typed into the wrong field).
 *   A key whose value is `undefined` counts as absent.
 *
 * @example
 * ```ts
 * const defaults = { 交易服务器: "127.0.0.1", 交易端口: 8000, 交易密码: "" } as const;
 * const settings = validateSettings(defaults, { 交易端口: "8001", 交易密码: "pw" }, {
 *   交易服务器: { nonEmpty: true },
 *   交易端口: { min: 1, max: 65535 },
 *   交易密码: { nonEmpty: true },
 * });
 * settings.交易端口; // 8001 (number)
 * ```
 */
export function validateSettings<D extends SettingDefaults>(
  defaultSetting: D,
  input: unknown,
  refinements: SettingRefinements<D> = {},
  options: ValidateSettingsOptions = {},
): SettingValues<D> {
  const context = options.context ?? "settings";
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new SettingsError(
      [{ key: "(settings)", message: `expected an object of key/value pairs, got ${showValue(input)}` }],
      context,
    );
  }
  const specs = buildFieldSpecs(defaultSetting, refinements);
  // A key whose value is undefined counts as absent (known keys take their default, unknown keys
  // are ignored), as when a form leaves a field out.
  const record: Readonly<Record<string, unknown>> = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
  const issuesByKey = new Map<string, string>();

  const result = schemaOf<D>(specs).safeParse(record);
  if (result.success) return Object.freeze(result.data);

  for (const issue of result.error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" && !issuesByKey.has(key)) issuesByKey.set(key, issue.message);
  }

  // A secret typed into the wrong field must not be echoed from there either.
  const secretTexts = specs
    .filter((spec) => spec.secret)
    .map((spec) => record[spec.key])
    .filter((value) => isPrimitive(value) && String(value).length > 0)
    .map((value) => String(value));
  const issues: SettingsIssue[] = [];
  for (const spec of specs) {
    const message = issuesByKey.get(spec.key);
    if (message === undefined) continue;
    const value = record[spec.key];
    if (value === undefined) {
      issues.push({ key: spec.key, message: `missing; expected ${spec.expected}` });
    } else if (!spec.secret && isPrimitive(value) && secretTexts.some((s) => String(value).includes(s))) {
      issues.push({ key: spec.key, message: `expected ${spec.expected}, got ${SECRET_INSIDE}` });
    } else {
      issues.push({ key: spec.key, message });
    }
  }
  const known = specs.map((spec) => spec.key);
  for (const key of Object.keys(record)) {
    if (Object.hasOwn(defaultSetting, key) || record[key] === undefined) continue;
    issues.push({ key, message: unknownKeyMessage(key, known) });
  }
  throw new SettingsError(issues, context);
}

function schemaOf<D extends SettingDefaults>(specs: readonly FieldSpec[]): z.ZodType<SettingValues<D>> {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of specs) shape[spec.key] = spec.schema;
  const known = specs.map((spec) => spec.key);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => `${key}: ${unknownKeyMessage(key, known)}`).join("; ")
        : undefined,
  }) as unknown as z.ZodType<SettingValues<D>>;
}

function buildFieldSpecs<D extends SettingDefaults>(
  defaultSetting: D,
  refinements: SettingRefinements<D>,
): FieldSpec[] {
  for (const key of Object.keys(refinements)) {
    if (!Object.hasOwn(defaultSetting, key)) {
      throw new InvalidArgumentError(`Setting rule for "${key}" has no matching key in defaultSetting`);
    }
  }
  return Object.keys(defaultSetting).map((key) => {
    const rule = (refinements as Readonly<Record<string, SettingRule | undefined>>)[key] ?? {};
    return buildFieldSpec(key, defaultSetting[key] as SettingValue, rule);
  });
}

function buildFieldSpec(key: string, defaultValue: SettingValue, rule: SettingRule): FieldSpec {
  const kind = kindOf(key, defaultValue, rule);
  checkRuleFits(key, kind, rule);
  const expected = rule.description ?? describe(kind, rule);
  const secret = rule.secret === true || isSecretSettingKey(key);
  const error = (issue: { input?: unknown }): string =>
    `expected ${expected}, got ${secret ? hiddenValue(kind, issue.input) : showValue(issue.input)}`;

  let schema: z.ZodType;
  if (kind === "string") {
    let s = z.string({ error });
    if (rule.nonEmpty === true) s = s.refine((v) => v.trim().length > 0, { error });
    s = s.superRefine((v, ctx) => {
      const message = controlCharacterMessage(v, secret);
      if (message !== undefined) ctx.addIssue({ code: "custom", message, input: v });
    });
    if (rule.pattern !== undefined) s = s.regex(rule.pattern, { error });
    schema = s;
  } else if (kind === "boolean") {
    schema = z.preprocess(
      (v) => (typeof v === "string" && BOOLEAN_TEXT.test(v.trim()) ? v.trim().toLowerCase() === "true" : v),
      z.boolean({ error }),
    );
  } else {
    const text = kind === "integer" ? INTEGER_TEXT : NUMBER_TEXT;
    let n = z.number({ error });
    if (kind === "integer") n = n.int({ error });
    if (rule.min !== undefined) n = n.min(rule.min, { error });
    if (rule.max !== undefined) n = n.max(rule.max, { error });
    schema = z.preprocess((v) => (typeof v === "string" && text.test(v) ? Number(v) : v), n);
  }
  const { oneOf, check } = rule;
  if (oneOf !== undefined) {
    schema = schema.refine((v) => (oneOf as readonly unknown[]).includes(v), { error });
  }
  if (check !== undefined) {
    schema = schema.superRefine((v, ctx) => {
      const message = check(v as SettingValue);
      if (message !== undefined) ctx.addIssue({ code: "custom", message, input: v });
    });
  }
  return { key, kind, expected, secret, schema: schema.prefault(defaultValue) };
}

function kindOf(key: string, defaultValue: SettingValue, rule: SettingRule): FieldKind {
  switch (typeof defaultValue) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "number":
      if (!Number.isFinite(defaultValue)) {
        throw new InvalidArgumentError(`Default of setting "${key}" must be a finite number`);
      }
      if (rule.integer === true && !Number.isInteger(defaultValue)) {
        throw new InvalidArgumentError(
          `Setting "${key}" is declared integer but its default is ${defaultValue}`,
        );
      }
      return (rule.integer ?? Number.isInteger(defaultValue)) ? "integer" : "number";
    default:
      throw new InvalidArgumentError(
        `Default of setting "${key}" must be a string, number or boolean, got ${typeof defaultValue}`,
      );
  }
}

function checkRuleFits(key: string, kind: FieldKind, rule: SettingRule): void {
  const numeric = kind === "integer" || kind === "number";
  const misplaced: string[] = [];
  if (!numeric && (rule.min !== undefined || rule.max !== undefined || rule.integer !== undefined)) {
    misplaced.push("min/max/integer apply to number settings only");
  }
  if (kind !== "string" && (rule.nonEmpty !== undefined || rule.pattern !== undefined)) {
    misplaced.push("nonEmpty/pattern apply to string settings only");
  }
  if (misplaced.length > 0) {
    throw new InvalidArgumentError(
      `Setting rule for "${key}" does not fit its ${kind} default: ${misplaced.join("; ")}`,
    );
  }
}

function describe(kind: FieldKind, rule: SettingRule): string {
  if (rule.oneOf !== undefined) return `one of ${rule.oneOf.map((v) => showValue(v)).join(", ")}`;
  switch (kind) {
    case "boolean":
      return "true or false";
    case "string":
      if (rule.pattern !== undefined) return `a string matching ${String(rule.pattern)}`;
      return rule.nonEmpty === true ? "a non-empty string" : "a string";
    default: {
      const noun = kind === "integer" ? "an integer" : "a number";
      const { min, max } = rule;
      if (min !== undefined && max !== undefined) return `${noun} between ${min} and ${max}`;
      if (min !== undefined) return `${noun} of at least ${min}`;
      if (max !== undefined) return `${noun} of at most ${max}`;
      return noun;
    }
  }
}

/** Why a string setting is refused for a control character, or undefined when it has none. */
function controlCharacterMessage(value: string, secret: boolean): string | undefined {
  const match = CONTROL_CHARACTER.exec(value);
  if (match === null) return undefined;
  if (secret) return "must not contain control characters (the value is not shown because the key is secret)";
  const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return `must not contain control characters; found U+${code} at character ${[...value.slice(0, match.index)].length + 1}`;
}

const SECRET_INSIDE = "a value that is not shown because it contains the value of a secret setting";

function isPrimitive(value: unknown): value is string | number | boolean | bigint {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean" || type === "bigint";
}

function showValue(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;
    return JSON.stringify(shown);
  }
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // JSON has no bigints: show the `n` so that `2n` is not mistaken for the number 2.
  if (typeof value === "bigint") return `${value}n (a bigint)`;
  return `a ${typeof value}`;
}

function hiddenValue(kind: FieldKind, value: unknown): string {
  const expectedType = kind === "integer" ? "number" : kind;
  if (typeof value !== expectedType) return "a value of the wrong type";
  if (value === "") return "an empty value";
  return "a value that is not shown because the key is secret";
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = closestKey(key, known);
  if (suggestion !== undefined) return `unknown setting; did you mean "${suggestion}"?`;
  return known.length === 0
    ? "unknown setting; this gateway takes no settings"
    : `unknown setting; known settings are ${known.join(", ")}`;
}

function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Allow about one typo per three characters, and at least one.
  const tolerance = Math.max(1, Math.floor([...key].length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length]!;
}
