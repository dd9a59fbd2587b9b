/**
 * The gateway's settings: `defaultSetting` (the vnpy_hft keys plus optional advanced keys) and
 * their validation with `@tsgate/core`'s `validateSettings`, plus the cross-field rules a per-key
 * rule cannot express.
 *
 * @module
 */
import {
  type SettingRefinements,
  SettingsError,
  type SettingsIssue,
  type SettingValues,
  validateSettings,
} from "@tsgate/core";
import { ORDER_SEND_MODES } from "@tsgate/hft-native";
import {
  DEFAULT_ACCOUNT_REFRESH_SECONDS,
  DEFAULT_BRANCH_CODE,
  DEFAULT_CONNECT_RETRIES,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_FFI_BACKEND,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_HEARTBEAT_TIMEOUT_MS,
  DEFAULT_MARKET_PORT,
  DEFAULT_ORDER_SEND,
  DEFAULT_ORG_CODE,
  DEFAULT_RECONNECT_MAX_MS,
  DEFAULT_RECONNECT_MIN_MS,
  DEFAULT_SYSTEM_ID,
  DEFAULT_TRADE_PORT,
  FFI_BACKENDS,
  FIELD_BYTES,
  MAX_MS_SETTING,
  MAX_REFRESH_SECONDS,
  VENDOR_ACCOUNT_TYPE,
} from "./constants.js";
import { LANGUAGES, languageOfSetting } from "./i18n/language.js";

/**
 * Settings only the vendor path uses (the shim over the real SDK); the simulation library ignores
 * them. Kept apart from the vnpy keys and the connection tuning above.
 */
const VENDOR_SDK_SETTING = {
  /**
   * Terminal information in the exchange's format (穿透式监管), passed to TraderApi::Login, e.g.
   * `PC;IIP=公网IP;IPORT=端口;LIP=内网IP;MAC=网卡MAC;HD=硬盘序列号;CPU=CPU序列号@应用名;版本`;
   * "" = env `TSGATE_HFT_TERMINAL_INFO`. Brokers refuse logins without it.
   */
  terminalInfo: "",
  /** Directory for the vendor SDK's own log files (TraderApi::SetLogConfig); "" = the SDK's default. */
  sdkLogPath: "",
  /** Vendor account type: 1 = cash stock account. 4 (credit / margin) is refused at login by name. */
  accountType: VENDOR_ACCOUNT_TYPE.stock as number,
};

/**
 * Every setting of {@link HftGateway} with its default.
 *
 * The Chinese keys are exactly vnpy_hft's (so a vnpy connect file works as is); the ports are
 * numbers (a string of digits such as `"8000"` is accepted too). The English keys are optional
 * advanced settings.
 */
export const HFT_DEFAULT_SETTING = Object.freeze({
  /** Trade account id (`account_id`). Required. */
  交易用户名: "",
  /** Trade password. Required by the broker; never logged. */
  交易密码: "",
  /** Trade server host name or IPv4 address (IPv6 is refused), without a port. Required. */
  交易服务器: "",
  /** Trade server port. */
  交易端口: DEFAULT_TRADE_PORT,
  /** Organisation code (`cust_orgid`). */
  机构代号: DEFAULT_ORG_CODE,
  /** Branch code (`cust_branchid`). */
  营业部代号: DEFAULT_BRANCH_CODE,
  /** Gateway / client system id (`cl_system_id`). */
  网关: DEFAULT_SYSTEM_ID,
  /** Market-data user. Required. */
  行情用户名: "",
  /** Market-data password; never logged. */
  行情密码: "",
  /** Market-data server host name or IPv4 address (IPv6 is refused), without a port. Required. */
  行情服务器: "",
  /** Market-data server port. */
  行情端口: DEFAULT_MARKET_PORT,
  /** Path of the HFT C library; "" = env `TSGATE_HFT_LIB`, else the bundled simulation library. */
  libraryPath: "",
  /** FFI backend: "koffi" (default) or "ffi-napi". */
  ffiBackend: DEFAULT_FFI_BACKEND as string,
  /** First reconnect delay in ms; doubles up to `reconnectMaxMs`. */
  reconnectMinMs: DEFAULT_RECONNECT_MIN_MS,
  /** Longest reconnect delay in ms. */
  reconnectMaxMs: DEFAULT_RECONNECT_MAX_MS,
  /** Heartbeat interval in ms. */
  heartbeatIntervalMs: DEFAULT_HEARTBEAT_INTERVAL_MS,
  /** A server silent for this many ms is disconnected and reconnected. */
  heartbeatTimeoutMs: DEFAULT_HEARTBEAT_TIMEOUT_MS,
  /** TCP connect timeout in ms. */
  connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
  /** Connect attempts before the first successful login (-1 = forever). */
  connectRetries: DEFAULT_CONNECT_RETRIES,
  /** Seconds between account and position refreshes (on the event engine's timer). */
  accountRefreshSeconds: DEFAULT_ACCOUNT_REFRESH_SECONDS,
  /**
   * How an order reaches the library: "direct" (sent inside `sendOrder()`) or "deferred" (queued
   * in a few µs, sent from the same thread right after the caller's synchronous code; see
   * `OrderSend` in `@tsgate/hft-native` and docs/performance.md).
   */
  orderSend: DEFAULT_ORDER_SEND as string,
  /**
   * Busy-poll mode: the JS thread polls the library's event rings instead of sleeping until
   * woken, for the lowest tick latency. **Costs one CPU core at 100%** while connected (see
   * `busyPoll` in `@tsgate/hft-native` and docs/performance.md). Default false.
   */
  busyPoll: false as boolean,
  ...VENDOR_SDK_SETTING,

  // ---- the user's language ----
  /**
   * Language of the gateway's log lines and status texts: "zh-CN" or "en" (or a locale such as
   * `en_US.UTF-8`); "" = from `LC_ALL`, `LC_MESSAGES`, `LANG`, else zh-CN.
   */
  language: "",
});

/** The type of {@link HFT_DEFAULT_SETTING}. */
export type HftDefaultSetting = typeof HFT_DEFAULT_SETTING;

/** Validated, complete settings (every key present, typed by its default). */
export type HftSettings = SettingValues<HftDefaultSetting>;

const HOST_TEXT = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
/** `::1`, `fe80::1%eth0`, `[::1]`, `[::1]:8000`: at least two colons, or a bracketed address. */
const IPV6_LITERAL = /^\[.*\](:\d*)?$|:.*:/;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function fits(bytes: number): (value: string) => string | undefined {
  return (value) =>
    utf8Length(value) > bytes
      ? `must be at most ${bytes} bytes of UTF-8 (the field is char[${bytes + 1}])`
      : undefined;
}

function hostCheck(portKey: string): (value: string) => string | undefined {
  return (value) => {
    const host = value.trim();
    if (host.length === 0) return "required: the server's host name or IPv4 address";
    if (/^[a-z]+:\/\//i.test(host))
      return `write only the host (e.g. 127.0.0.1), without a scheme such as tcp://`;
    // Two colons or brackets: an IPv6 literal, not host:port. The HFT libraries connect over IPv4
    // only: native/sim/conn.c resolves with AF_INET, and the vendor shim hands the address to SDKs
    // whose configs take an IPv4 "ip" (the SIP config's `ip0`), so refusing it here is clearer
    // than a connect that fails later.
    if (IPV6_LITERAL.test(host))
      return "IPv6 addresses are not supported: the HFT library connects over IPv4; use an IPv4 address or a host name";
    if (host.includes(":")) return `write only the host; put the port in ${portKey}`;
    if (!HOST_TEXT.test(host)) return `expected a host name or IPv4 address, got ${JSON.stringify(host)}`;
    if (utf8Length(host) > FIELD_BYTES.host) return `must be at most ${FIELD_BYTES.host} characters`;
    return undefined;
  };
}

function languageCheck(value: string): string | undefined {
  if (value === "" || languageOfSetting(value) !== undefined) return undefined;
  return `expected one of ${LANGUAGES.join(", ")} (or a locale such as en_US.UTF-8; empty = from LANG), got ${JSON.stringify(value)}`;
}

/** Per-key rules on top of the types implied by the defaults. */
export const HFT_SETTING_RULES: SettingRefinements<HftDefaultSetting> = {
  交易用户名: { nonEmpty: true, check: fits(FIELD_BYTES.accountId) },
  交易密码: { check: fits(FIELD_BYTES.tradePassword) },
  交易服务器: { description: "a host name or IPv4 address", check: hostCheck("交易端口") },
  交易端口: { min: 1, max: 65535 },
  机构代号: { nonEmpty: true, check: fits(FIELD_BYTES.orgCode) },
  营业部代号: { nonEmpty: true, check: fits(FIELD_BYTES.branchCode) },
  网关: { check: fits(FIELD_BYTES.systemId) },
  行情用户名: { nonEmpty: true, check: fits(FIELD_BYTES.mdUser) },
  行情密码: { check: fits(FIELD_BYTES.mdPassword) },
  行情服务器: { description: "a host name or IPv4 address", check: hostCheck("行情端口") },
  行情端口: { min: 1, max: 65535 },
  ffiBackend: { oneOf: FFI_BACKENDS },
  reconnectMinMs: { min: 1, max: MAX_MS_SETTING },
  reconnectMaxMs: { min: 1, max: MAX_MS_SETTING },
  heartbeatIntervalMs: { min: 1, max: MAX_MS_SETTING },
  heartbeatTimeoutMs: { min: 1, max: MAX_MS_SETTING },
  connectTimeoutMs: { min: 1, max: MAX_MS_SETTING },
  connectRetries: { min: -1, max: MAX_MS_SETTING },
  accountRefreshSeconds: { min: 1, max: MAX_REFRESH_SECONDS },
  orderSend: { oneOf: ORDER_SEND_MODES },
  // vendor SDK settings
  terminalInfo: { check: fits(FIELD_BYTES.terminalInfo) },
  sdkLogPath: { check: fits(FIELD_BYTES.sdkLogPath) },
  accountType: { min: VENDOR_ACCOUNT_TYPE.stock, max: VENDOR_ACCOUNT_TYPE.margin },

  // ---- the user's language ----
  language: { check: languageCheck },
};

/** Name used in settings error messages. */
const CONTEXT = "HFT settings";

/**
 * Validates the user's settings and returns them complete, typed and frozen.
 *
 * Missing keys take their defaults; host values are trimmed.
 *
 * @throws `SettingsError` (from `@tsgate/core`) naming every bad key in the user's own words,
 *   e.g. `交易端口: expected an integer between 1 and 65535, got "80a"`. Password values never
 *   appear in it.
 */
export function parseHftSettings(input: unknown): HftSettings {
  const settings = validateSettings(HFT_DEFAULT_SETTING, input, HFT_SETTING_RULES, { context: CONTEXT });
  const issues: SettingsIssue[] = [];
  if (settings.reconnectMaxMs < settings.reconnectMinMs) {
    issues.push({
      key: "reconnectMaxMs",
      message: `must be at least reconnectMinMs (${settings.reconnectMinMs}), got ${settings.reconnectMaxMs}`,
    });
  }
  if (settings.heartbeatTimeoutMs <= settings.heartbeatIntervalMs) {
    issues.push({
      key: "heartbeatTimeoutMs",
      message: `must be longer than heartbeatIntervalMs (${settings.heartbeatIntervalMs}), got ${settings.heartbeatTimeoutMs}`,
    });
  }
  if (issues.length > 0) throw new SettingsError(issues, CONTEXT);
  return Object.freeze({
    ...settings,
    交易服务器: settings.交易服务器.trim(),
    行情服务器: settings.行情服务器.trim(),
  });
}
