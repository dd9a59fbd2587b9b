/**
 * Why a login was refused, by the code the server (or the vendor SDK) answered: hft-native's one
 * table of refused-login codes (`LOGIN_CODES`, with its sources), keyed by side for the doctor.
 *
 * @module
 */
import { LOGIN_CODES, type LoginCause, type LoginSide } from "@tsgate/hft-native";

export type { LoginCause } from "@tsgate/hft-native";

/** What a refused-login code means. */
export interface LoginCauseEntry {
  /** Absent for a vendor code the gateway's vendor table words by itself (vendor-errors.ts). */
  readonly cause?: LoginCause;
  /** True when the same settings may log in later (the server refuses for now). */
  readonly retryMayHelp: boolean;
}

function causesOf(side: LoginSide): ReadonlyMap<number, LoginCauseEntry> {
  return new Map(
    LOGIN_CODES.filter((e) => e.side === side).map((e) => [
      e.code,
      Object.freeze(
        e.cause === undefined
          ? { retryMayHelp: e.retryMayHelp }
          : { cause: e.cause, retryMayHelp: e.retryMayHelp },
      ),
    ]),
  );
}

/** Trade-login codes: the simulator's, then the vendor's. */
export const TRADE_LOGIN_CAUSES: ReadonlyMap<number, LoginCauseEntry> = causesOf("trade");

/** Market-login codes: the simulator's, then the SIP SDK's. */
export const MARKET_LOGIN_CAUSES: ReadonlyMap<number, LoginCauseEntry> = causesOf("market");

/** The cause of a refused login on `side`, undefined for a code no table knows. */
export function loginCause(side: LoginSide, code: number): LoginCauseEntry | undefined {
  return (side === "trade" ? TRADE_LOGIN_CAUSES : MARKET_LOGIN_CAUSES).get(code);
}
