/**
 * Why a login was refused, by the code the server (or the vendor SDK) answered: one table entry
 * per code, saying the cause the doctor reports and whether retrying can help.
 *
 * Sources:
 * - the simulator's codes: docs/protocol.md §7 (1001–1006 trade login, 5001/5002/5005 market
 *   login), as `@tsgate/mock-server`'s `ErrorCode` defines them;
 * - the vendor's trading codes: `hft_trader_error.h` of the HFT trading SDK (`HFT_TRADER_ERRNO_MAP`,
 *   14000–14043), as shipped in vnpy/vnpy_hft `vnpy_hft/api/hft/include/hft/`, read 2026-12-02;
 * - the vendor's market-data codes: `SIPE_*` of the SIP SDK's `isipuix.h` (updated 2019-12-24),
 *   vnpy/vnpy_hft `vnpy_hft/api/sip/include/sip/`, read 2026-12-02.
 *
 * @module
 */

/** A cause the doctor can name; each has a message `doctor.login.<cause>`. */
export type LoginCause =
  | "user"
  | "password"
  | "userOrPassword"
  | "org"
  | "branch"
  | "locked"
  | "notEnabled"
  | "terminalInfo"
  | "noPermission"
  | "missingInfo"
  | "temporary"
  | "accountType";

/** What a refused-login code means. */
export interface LoginCauseEntry {
  readonly cause: LoginCause;
  /** True when the same settings may log in later (the server refuses for now). */
  readonly retryMayHelp: boolean;
}

const entry = (cause: LoginCause, retryMayHelp = false): LoginCauseEntry =>
  Object.freeze({ cause, retryMayHelp });

/** Trade-login codes: the simulator's, then the vendor's. */
export const TRADE_LOGIN_CAUSES: ReadonlyMap<number, LoginCauseEntry> = new Map([
  [1001, entry("user")],
  [1002, entry("password")],
  [1003, entry("org")],
  [1004, entry("branch")],
  [1005, entry("temporary", true)],
  [1006, entry("accountType")],
  /** ERR_HFT_TRADER_GW_NO_USER: the account is not on the gateway's whitelist */
  [14016, entry("notEnabled")],
  /** ERR_HFT_TRADER_GW_NO_COUNTERID: no counter is configured for the account */
  [14017, entry("notEnabled")],
  /** ERR_HFT_TRADER_GW_ERROR_IP: the connecting IP address is not the registered one */
  [14018, entry("terminalInfo")],
  /** ERR_HFT_TRADER_GW_ERROR_MAC: the connecting MAC address is not the registered one */
  [14019, entry("terminalInfo")],
  /** ERR_HFT_TRADER_GW_OVERRUN: the gateway's flow limit was exceeded */
  [14023, entry("temporary", true)],
  /** ERR_HFT_TRADER_GW_FUNDID_DISABLE: the trading account is disabled */
  [14024, entry("locked")],
  /** ERR_HFT_TRADER_LOGIN_FAIL: the account login failed; the vendor does not say which field */
  [14034, entry("userOrPassword")],
  /** ERR_HFT_TRADER_GW_EXCEED_MAX_CONNECTION: the account has too many connections */
  [14043, entry("temporary", true)],
]);

/** Market-login codes: the simulator's, then the SIP SDK's. */
export const MARKET_LOGIN_CAUSES: ReadonlyMap<number, LoginCauseEntry> = new Map([
  [5001, entry("user")],
  [5002, entry("password")],
  [5005, entry("temporary", true)],
  /** SIPE_NOLOGININFO: login information missing or incomplete */
  [20, entry("missingInfo")],
  /** SIPE_USERAUTH: user authentication failed */
  [122, entry("userOrPassword")],
  /** SIPE_NOPOWER: no permission */
  [123, entry("noPermission")],
]);

/** The cause of a refused login on `side`, undefined for a code no table knows. */
export function loginCause(side: "trade" | "market", code: number): LoginCauseEntry | undefined {
  return (side === "trade" ? TRADE_LOGIN_CAUSES : MARKET_LOGIN_CAUSES).get(code);
}
