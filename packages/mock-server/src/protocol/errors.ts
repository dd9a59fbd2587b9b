import { ErrorCode } from "./messages.js";

/** Protocol error codes a decoder can raise. */
export type ProtocolErrorCode =
  | typeof ErrorCode.MALFORMED_FRAME
  | typeof ErrorCode.OVERSIZED_FRAME
  | typeof ErrorCode.UNKNOWN_MESSAGE_TYPE
  | typeof ErrorCode.UNSUPPORTED_VERSION;

/**
 * A received frame violates the protocol. `code` is the error code to send back in `ERROR`
 * (9001 malformed, 9002 oversized, 9003 unknown type, 9004 bad version) before closing;
 * `reason` says what was wrong, naming the field.
 */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  constructor(
    readonly code: ProtocolErrorCode,
    readonly reason: string,
    /** Frame `seq` of the offending frame when its header was readable, else 0. */
    readonly seq = 0,
  ) {
    super(`protocol error ${code}: ${reason}`);
  }
}

/**
 * A message cannot be encoded: a text field does not fit its `char[N]`, a number is not an
 * integer in the field's range, or an enum value is outside its table. Encoders never truncate.
 */
export class EncodeError extends Error {
  override readonly name = "EncodeError";
  constructor(
    /** `TYPE.field`, e.g. `ORDER_REQ.symbol`. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`cannot encode ${field}: ${reason}`);
  }
}

export function malformed(reason: string, seq = 0): ProtocolError {
  return new ProtocolError(ErrorCode.MALFORMED_FRAME, reason, seq);
}
