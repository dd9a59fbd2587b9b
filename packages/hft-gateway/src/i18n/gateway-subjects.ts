/**
 * What a gateway log line can be about (a start-up query, a report), as data: each catalogue
 * names them in its own language.
 *
 * @module
 */

/** A query step or a report, named in the logs. */
export type Subject =
  | "contracts"
  | "account"
  | "positions"
  | "orders"
  | "trades"
  | "orderReport"
  | "tradeReport";

/** Which server a line is about. */
export type Side = "trade" | "market";

/** A connection's failure as the gateway tells it apart (see `connectFailed` in messages.ts). */
export type ConnectFailure = "refused" | "unreachable" | "timeout" | "dns" | "other";
