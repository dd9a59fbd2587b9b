import { TsgateError } from "../errors.js";

/** Codes of the errors thrown by the conformance kit. */
export type TestkitErrorCode = "CONFORMANCE_FAILED" | "WAIT_TIMEOUT";

/**
 * A gateway broke the `BaseGateway` contract. The message says which check failed, what was
 * expected, what the gateway did instead, and usually how to fix it.
 */
export class ConformanceError extends TsgateError {
  declare readonly code: "CONFORMANCE_FAILED";
  /** Name of the failed check, e.g. `"immutability"`. */
  readonly check: string;

  /**
   * @param check - name of the check that failed
   * @param message - what went wrong, in words a gateway author can act on
   * @param options - standard error options (`cause`)
   */
  constructor(check: string, message: string, options?: ErrorOptions) {
    super("CONFORMANCE_FAILED", `[${check}] ${message}`, options);
    this.check = check;
  }
}

/**
 * Nothing matching arrived in time. The message says what was awaited, for how long, and what
 * arrived instead (counts by event type, the last logs and status changes).
 */
export class WaitTimeoutError extends TsgateError {
  declare readonly code: "WAIT_TIMEOUT";
  /** What was awaited, e.g. `an "eOrder." event for HFT.3 with status CANCELLED`. */
  readonly awaited: string;
  /** How long it waited, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param awaited - what was awaited
   * @param timeoutMs - how long it waited
   * @param arrived - a description of what arrived meanwhile
   */
  constructor(awaited: string, timeoutMs: number, arrived: string) {
    super("WAIT_TIMEOUT", `Timed out after ${timeoutMs} ms waiting for ${awaited}. ${arrived}`);
    this.awaited = awaited;
    this.timeoutMs = timeoutMs;
  }
}
