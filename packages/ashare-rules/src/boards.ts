/**
 * Boards and security kinds: what decides a security's lot, tick, daily limit, order caps and
 * price cage. The board and the risk-warning flag are separate facts: a ChiNext stock can be ST.
 *
 * @module
 */

/** Listing board: main board (SSE 60xxxx, SZSE 00xxxx), ChiNext (300/301), STAR (688/689). */
export type Board = "main" | "chinext" | "star";

/** What kind of security: stocks and funds (ETFs, LOFs) follow different tick and fee rules. */
export type SecurityKind = "stock" | "fund" | "bond";

/** Exchange of a security. */
export type ExchangeName = "SSE" | "SZSE";

/** What the rules need to know about a security. */
export interface SecurityProfile {
  readonly exchange: ExchangeName;
  readonly board: Board;
  readonly kind: SecurityKind;
  /** Risk warning (ST or *ST): its own daily limit on the main board. */
  readonly riskWarning: boolean;
}

/** The board a 6-digit code is listed on: 300/301 ChiNext, 688/689 STAR, else the main board. */
export function boardOfCode(code: string): Board {
  if (/^30[01]/.test(code)) return "chinext";
  if (/^68[89]/.test(code)) return "star";
  return "main";
}

/**
 * Is the name marked as a risk-warning stock? The exchanges put `ST` or `*ST` in front of the
 * short name of such a stock (SSE/SZSE listing rules, chapter on risk warnings).
 */
export function isRiskWarningName(name: string): boolean {
  return /^\*?ST/i.test(name);
}
