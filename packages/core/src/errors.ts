/**
 * Typed errors thrown by `@tsgate/core`. Every error carries a stable `code` to branch on and a
 * message a user can act on.
 *
 * @module
 */

/** Codes of the errors thrown by `@tsgate/core`. Other packages add their own codes. */
export type CoreErrorCode =
  | "INVALID_ARGUMENT"
  | "SETTINGS_INVALID"
  | "GATEWAY_NOT_FOUND"
  | "GATEWAY_EXISTS"
  | "ENGINE_CLOSED"
  | "GATEWAY_NOT_READY";

/**
 * Base class of every tsgate error. Catch it to handle any tsgate failure; switch on
 * {@link TsgateError.code} for the specific case.
 */
export class TsgateError extends Error {
  /** Stable machine-readable code, e.g. `"SETTINGS_INVALID"`. */
  readonly code: string;

  /**
   * @param code - stable machine-readable code
   * @param message - human-readable message saying what went wrong and what to do
   * @param options - standard error options (`cause`)
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A caller passed a value a function cannot work with (a programming error, not a runtime condition). */
export class InvalidArgumentError extends TsgateError {
  declare readonly code: "INVALID_ARGUMENT";

  /** @param message - what was wrong with the argument */
  constructor(message: string) {
    super("INVALID_ARGUMENT", message);
  }
}

/**
 * A data-object factory (`createOrderRequest`, `createTick`, ...) was given a field it cannot
 * accept. The message names the factory and the field, says what was expected and what came:
 * `createOrderRequest: volume: expected a positive integer, got -1`. For a program that words the
 * refusal itself (in another language), {@link InvalidFieldError.expectation} and
 * {@link InvalidFieldError.got} say the same as data.
 */
export class InvalidFieldError extends InvalidArgumentError {
  /** The factory that refused the input, e.g. `"createOrderRequest"`. */
  readonly factory: string;
  /** The field as named in the factory's input, e.g. `"volume"`. */
  readonly field: string;
  /**
   * What the field must be, machine-readable: a `kind` (`"positiveInteger"` for
   * `"a positive integer"`, …, one per check of `objects/field-checks.ts`) and, for `"oneOf"`,
   * the allowed `values`. `undefined` when the check gave none (a rule stated only in words).
   */
  readonly expectation:
    | {
        readonly kind:
          | "string"
          | "nonEmptyString"
          | "bareSymbol"
          | "exchange"
          | "finiteNumber"
          | "nonNegativeNumber"
          | "positiveNumber"
          | "integer"
          | "nonNegativeInteger"
          | "positiveInteger"
          | "validDate"
          | "boolean"
          | "oneOf";
        /** The allowed values of a `"oneOf"` field. */
        readonly values?: readonly string[];
      }
    | undefined;
  /** The value that came, as the message shows it (`-1`, `"abc"`, `undefined`). */
  readonly got: string;

  /**
   * @param factory - the factory that refused the input
   * @param field - the offending field
   * @param expected - what the field must be, e.g. `"a positive integer"`
   * @param received - the value that came (shown with `JSON.stringify` where that is exact)
   * @param expectation - `expected` as data, see {@link InvalidFieldError.expectation}
   */
  constructor(
    factory: string,
    field: string,
    expected: string,
    received: unknown,
    expectation?: InvalidFieldError["expectation"],
  ) {
    const got = describeValue(received);
    super(`${factory}: ${field}: expected ${expected}, got ${got}`);
    this.factory = factory;
    this.field = field;
    this.expectation = expectation === undefined ? undefined : Object.freeze({ ...expectation });
    this.got = got;
  }
}

// NaN, Infinity, undefined and Dates do not survive JSON.stringify; show them as they are.
function describeValue(value: unknown): string {
  if (typeof value === "number" || value === undefined || typeof value === "bigint") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One problem found in a settings object. */
export interface SettingsIssue {
  /** The setting key exactly as the user wrote it (or as declared in `defaultSetting`). */
  readonly key: string;
  /** What is wrong, without the key, e.g. `expected an integer between 1 and 65535, got "80a"`. */
  readonly message: string;
}

/**
 * Settings given to a gateway failed validation. The message lists every bad field by the
 * user's own key, one per line; {@link SettingsError.issues} has the same in structured form.
 * Values of secret-looking keys (passwords, tokens) never appear.
 */
export class SettingsError extends TsgateError {
  declare readonly code: "SETTINGS_INVALID";
  /** Every problem found, in the order of the declared settings, then unknown keys. */
  readonly issues: readonly SettingsIssue[];

  /**
   * @param issues - the problems found (at least one)
   * @param context - optional prefix naming what was validated, e.g. `"HFT settings"`
   */
  constructor(issues: readonly SettingsIssue[], context = "settings") {
    const lines = issues.map((issue) => `  ${issue.key}: ${issue.message}`);
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super("SETTINGS_INVALID", `Invalid ${context} (${count}):\n${lines.join("\n")}`);
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

/** No gateway is registered under the requested name. */
export class GatewayNotFoundError extends TsgateError {
  declare readonly code: "GATEWAY_NOT_FOUND";
  /** The name that was asked for. */
  readonly gatewayName: string;
  /** The names of the gateways that do exist. */
  readonly knownGateways: readonly string[];

  /**
   * @param gatewayName - the name that was asked for
   * @param knownGateways - the names that exist
   */
  constructor(gatewayName: string, knownGateways: readonly string[]) {
    const known =
      knownGateways.length === 0
        ? "no gateway has been added yet (call addGateway first)"
        : `known gateways: ${knownGateways.join(", ")}`;
    super("GATEWAY_NOT_FOUND", `Gateway "${gatewayName}" not found; ${known}`);
    this.gatewayName = gatewayName;
    this.knownGateways = Object.freeze([...knownGateways]);
  }
}

/** A gateway with the same name has already been added. */
export class GatewayExistsError extends TsgateError {
  declare readonly code: "GATEWAY_EXISTS";
  /** The name that is already taken. */
  readonly gatewayName: string;

  /** @param gatewayName - the name that is already taken */
  constructor(gatewayName: string) {
    super(
      "GATEWAY_EXISTS",
      `Gateway "${gatewayName}" has already been added; pass a different name to addGateway(GatewayClass, name)`,
    );
    this.gatewayName = gatewayName;
  }
}

/**
 * A call reached a `MainEngine` after its `close()`: a closed engine has released its gateways
 * and stopped its event engine, so whatever it did now would be lost (an order the OMS never
 * hears of). Retrying cannot help; create a new `MainEngine`.
 */
export class EngineClosedError extends TsgateError {
  declare readonly code: "ENGINE_CLOSED";

  constructor() {
    super(
      "ENGINE_CLOSED",
      "MainEngine has been closed and refuses gateways, connects, subscriptions, orders, cancels and queries; " +
        "create a new MainEngine to connect or trade again",
    );
  }
}

/**
 * A gateway did not report READY (see `BaseGateway.writeReady`) in time, or gave up connecting
 * while it was awaited. The message carries the gateway's latest status message, which says why
 * (`交易服务器登录失败 ...`, `connection refused by 127.0.0.1:8000`).
 */
export class GatewayNotReadyError extends TsgateError {
  declare readonly code: "GATEWAY_NOT_READY";
  /** The gateway that was awaited. */
  readonly gatewayName: string;
  /** The TRADE side's latest status message, `""` when it sent none. */
  readonly lastStatus: string;

  /**
   * @param gatewayName - the gateway that was awaited
   * @param reason - what ended the wait, e.g. `"not READY within 10000 ms"`
   * @param lastStatus - the TRADE side's latest state and message, if any
   */
  constructor(gatewayName: string, reason: string, lastStatus: string) {
    const detail = lastStatus === "" ? "no status from the gateway yet (was connect() called?)" : lastStatus;
    super("GATEWAY_NOT_READY", `Gateway "${gatewayName}" ${reason}; last status: ${detail}`);
    this.gatewayName = gatewayName;
    this.lastStatus = lastStatus;
  }
}
