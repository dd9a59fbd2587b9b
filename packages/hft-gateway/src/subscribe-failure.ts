/**
 * The event a subscription that cannot work is reported with, so a UI can mark that instrument's
 * row instead of waiting for ticks for ever (the same facts also go to the log, in words).
 *
 * @module
 */

/** Event type of a failed subscription (data: {@link SubscribeFailure}). */
export const EVENT_SUBSCRIBE_FAILED = "eSubscribeFailed";

/** A subscription the gateway or the market server refused. */
export interface SubscribeFailure {
  /** The gateway that refused or relayed the refusal. */
  readonly gatewayName: string;
  /** The instrument, e.g. `000002.SZSE`. */
  readonly vtSymbol: string;
  /** The market server's error code (5003 unknown code), or 0 when the gateway refused it itself. */
  readonly errorCode: number;
  /** Why, in words a user can act on. */
  readonly reason: string;
}
