/**
 * Errors of the NATS bridge: one class, a stable code, a message a user can act on. Messages
 * never contain NATS passwords or tokens.
 *
 * @module
 */
import { TsgateError } from "@tsgate/core";

/** Codes of {@link BridgeError}. */
export type BridgeErrorCode =
  /** Options given to the server or client are invalid. */
  | "BAD_OPTIONS"
  /** The NATS connection is down (or could not be made); the request was not sent. */
  | "NATS_UNAVAILABLE"
  /** No bridge server listens for this gateway. */
  | "NO_SERVER"
  /** The server did not answer within the request timeout. */
  | "REQUEST_TIMEOUT"
  /** NATS refused the publish or subscribe (account/user permissions). */
  | "PERMISSION_DENIED"
  /** The server does not accept trading requests from this client id. */
  | "TRADING_NOT_ALLOWED"
  /** The request was malformed. */
  | "BAD_REQUEST"
  /** The gateway or MainEngine threw while serving the request. */
  | "GATEWAY_ERROR"
  /** The client or server has been closed. */
  | "CLOSED";

/** The wire form of an error in a reply. */
export interface WireError {
  readonly code: BridgeErrorCode;
  readonly message: string;
}

/** An error of the NATS bridge; switch on {@link BridgeError.code}. */
export class BridgeError extends TsgateError {
  declare readonly code: BridgeErrorCode;

  /**
   * @param code - stable machine-readable code
   * @param message - what went wrong and what to do
   * @param options - standard error options (`cause`)
   */
  constructor(code: BridgeErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }

  /** The wire form sent in replies. */
  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

/**
 * Replaces every occurrence of each secret in `text` by `***`. Used on every message that
 * leaves the bridge (replies, logs) as a last line of defence.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets)
    if (secret !== undefined && secret.length > 0) out = out.split(secret).join("***");
  return out;
}
