/**
 * What each refused-login code means, once for C and TypeScript: the cause to tell the user and
 * whether retrying with the same settings can help. The native library stops reconnecting after a
 * code whose `retryMayHelp` is false, and the gateway reports it as refused credentials; the
 * doctor names the cause. `native/sim/login_codes.h` is generated from this table
 * (`npm run gen:login-codes -w @tsgate/hft-native`; a test fails when it is stale).
 *
 * Sources:
 * - the simulator's codes: docs/protocol.md §7 (1001–1006 trade login, 5001/5002/5005 market
 *   login), as `@tsgate/mock-server`'s `ErrorCode` defines them (hft-gateway's wire-units test
 *   holds the two together: hft-native may not import the simulator, DESIGN §2);
 * - the vendor's trading codes: `hft_trader_error.h` of the HFT trading SDK (`HFT_TRADER_ERRNO_MAP`,
 *   14000–14043), as shipped in vnpy/vnpy_hft 906fd5a `vnpy_hft/api/hft/include/hft/`, read
 *   2026-12-02; each name here is the header's;
 * - the vendor's market-data codes: `SIPE_*` of the SIP SDK's `isipuix.h` (updated 2019-12-24),
 *   vnpy/vnpy_hft 906fd5a `vnpy_hft/api/sip/include/sip/`, read 2026-12-02: the codes `Login()`
 *   can return (1, 7, 18, 19, 20; the header has no code of its own for refused credentials, so
 *   a refused login is SIPE_ERR, "unknown or general error").
 *
 * Every vendor code here has its wording (meaning and action, in each language) in hft-gateway's
 * `vendor-errors.ts`, keyed by the same codes (a test there holds the two together); a vendor code
 * without a `cause` of ours is told by that wording alone.
 *
 * @module
 */

/** Why a login was refused; hft-gateway's doctor has a message `doctor.login.<cause>` for each. */
export type LoginCause =
  | "user"
  | "password"
  | "userOrPassword"
  | "org"
  | "branch"
  | "locked"
  | "notEnabled"
  | "terminalInfo"
  | "missingInfo"
  | "temporary"
  | "accountType";

/** The side a login code belongs to. */
export type LoginSide = "trade" | "market";

/** One refused-login code. */
export interface LoginCodeEntry {
  readonly side: LoginSide;
  readonly code: number;
  /** The code's name where it is defined (the simulator's `ErrorCode` key, or the vendor's). */
  readonly name: string;
  /**
   * The cause in the doctor's terms; absent for a vendor code none of them fits (a connection or
   * local failure, the SIP SDK's general error), which hft-gateway's vendor table words instead.
   */
  readonly cause?: LoginCause;
  /** True when the same settings may log in later (the server refuses for now). */
  readonly retryMayHelp: boolean;
}

const code = (
  side: LoginSide,
  value: number,
  name: string,
  cause: LoginCause | undefined,
  retryMayHelp = false,
): LoginCodeEntry =>
  Object.freeze(
    cause === undefined
      ? { side, code: value, name, retryMayHelp }
      : { side, code: value, name, cause, retryMayHelp },
  );

/** Every refused-login code known: the simulator's, then the vendor's, by side. */
export const LOGIN_CODES: readonly LoginCodeEntry[] = Object.freeze([
  code("trade", 1001, "LOGIN_UNKNOWN_ACCOUNT", "user"),
  code("trade", 1002, "LOGIN_WRONG_PASSWORD", "password"),
  code("trade", 1003, "LOGIN_WRONG_ORG", "org"),
  code("trade", 1004, "LOGIN_WRONG_BRANCH", "branch"),
  code("trade", 1005, "LOGIN_REJECTED", "temporary", true),
  code("trade", 1006, "LOGIN_UNSUPPORTED_ACCOUNT_TYPE", "accountType"),
  /** the client is not connected to the gateway (yet): the connection is retried */
  code("trade", 14009, "ERR_HFT_TRADER_NOT_CONNECT", undefined, true),
  /** logging in to the gateway failed (the gateway, not the account): the gateway may be back later */
  code("trade", 14010, "ERR_HFT_TRADER_LOGIN_GW_FAIL", undefined, true),
  /** the account is not on the gateway's whitelist */
  code("trade", 14016, "ERR_HFT_TRADER_GW_NO_USER", "notEnabled"),
  /** no counter is configured for the account */
  code("trade", 14017, "ERR_HFT_TRADER_GW_NO_COUNTERID", "notEnabled"),
  /** the connecting IP address is not the registered one */
  code("trade", 14018, "ERR_HFT_TRADER_GW_ERROR_IP", "terminalInfo"),
  /** the connecting MAC address is not the registered one */
  code("trade", 14019, "ERR_HFT_TRADER_GW_ERROR_MAC", "terminalInfo"),
  /** the gateway's flow limit was exceeded */
  code("trade", 14023, "ERR_HFT_TRADER_GW_OVERRUN", "temporary", true),
  /** the trading account is disabled */
  code("trade", 14024, "ERR_HFT_TRADER_GW_FUNDID_DISABLE", "locked"),
  /** the account login failed; the vendor does not say which field */
  code("trade", 14034, "ERR_HFT_TRADER_LOGIN_FAIL", "userOrPassword"),
  /** the account has too many connections */
  code("trade", 14043, "ERR_HFT_TRADER_EXCEED_MAX_CONNECTION", "temporary", true),
  code("market", 5001, "MD_LOGIN_UNKNOWN_USER", "user"),
  code("market", 5002, "MD_LOGIN_WRONG_PASSWORD", "password"),
  code("market", 5005, "MD_LOGIN_REJECTED", "temporary", true),
  /**
   * "unknown or general error": what Login() returns when the server refuses the login (the
   * header has no code for refused credentials). Final: the header promises no recovery (unlike
   * 7), and retrying refused credentials forever only repeats the refusal; a person must look.
   */
  code("market", 1, "SIPE_ERR", undefined),
  /** connecting to the server failed; the header: "the API reconnects by itself" */
  code("market", 7, "SIPE_CONSVRFAIL", undefined, true),
  /** no configuration: the settings the configuration is built from */
  code("market", 18, "SIPE_NOCONFIG", undefined),
  /** initialising the socket failed: this machine's problem, not the server's */
  code("market", 19, "SIPE_SOCKETINITERR", undefined),
  /** login information missing: address, port, user or password */
  code("market", 20, "SIPE_NOLOGININFO", "missingInfo"),
]);

/** The entry of a refused-login code on `side`, undefined for a code the table does not know. */
export function loginCode(side: LoginSide, value: number): LoginCodeEntry | undefined {
  return LOGIN_CODES.find((entry) => entry.side === side && entry.code === value);
}

/** The codes on `side` after which retrying with the same settings cannot help. */
export function finalLoginCodes(side: LoginSide): ReadonlySet<number> {
  return new Set(LOGIN_CODES.filter((e) => e.side === side && !e.retryMayHelp).map((e) => e.code));
}
