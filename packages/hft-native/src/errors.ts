import { HftReturnCode } from "./constants.js";

/** Why a library could not be loaded. */
export type HftLibraryErrorCode =
  | "LIBRARY_NOT_FOUND"
  | "LIBRARY_LOAD_FAILED"
  | "SYMBOL_MISSING"
  | "ABI_MISMATCH"
  | "STRUCT_SIZE_MISMATCH"
  | "BACKEND_UNAVAILABLE"
  | "INVALID_OPTION"
  | "UNSUPPORTED_PLATFORM";

/** Thrown by {@link loadHftLibrary}: the message names the path, how it was chosen and what to do. */
export class HftLibraryError extends Error {
  override readonly name = "HftLibraryError";
  constructor(
    readonly code: HftLibraryErrorCode,
    message: string,
    /** The library path involved, when there is one. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Name of an `HFT_E_*` return code. */
export type HftCallErrorCode =
  | "INVALID_ARG"
  | "STATE"
  | "QUEUE_FULL"
  | "NOMEM"
  | "SYSTEM"
  | "UNSUPPORTED"
  | "UNKNOWN";

/** Thrown when an ABI call returns an error code; `message` includes the library's hft_last_error() text. */
export class HftCallError extends Error {
  override readonly name = "HftCallError";
  readonly code: HftCallErrorCode;
  constructor(
    /** The function that failed, e.g. "hft_trader_order". */
    readonly func: string,
    /** The raw return code (negative). */
    readonly returnCode: number,
    message: string,
  ) {
    super(message);
    this.code = callErrorCodeName(returnCode);
  }
}

/** Thrown when a request's arguments cannot be encoded (field too long, price not on a 0.0001 grid...). */
export class HftArgumentError extends Error {
  override readonly name = "HftArgumentError";
  readonly code = "INVALID_ARGUMENT";
  constructor(
    /** The request field at fault, in the API's own camelCase name. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Thrown by any method called after close(). */
export class HftClosedError extends Error {
  override readonly name = "HftClosedError";
  readonly code = "CLOSED";
  constructor(what: string, method: string) {
    super(`${what}.${method}() called after close(); create a new ${what}`);
  }
}

/** Rejection of {@link TraderApi.queryAll}: the server refused a page, or the api was closed. */
export class HftQueryError extends Error {
  override readonly name = "HftQueryError";
  constructor(
    /** The protocol error code (4001 bad queryNum, 4002 bad posStr, 4003 bad kind), or 0 if closed. */
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function callErrorCodeName(rc: number): HftCallErrorCode {
  switch (rc) {
    case HftReturnCode.INVALID_ARG:
      return "INVALID_ARG";
    case HftReturnCode.STATE:
      return "STATE";
    case HftReturnCode.QUEUE_FULL:
      return "QUEUE_FULL";
    case HftReturnCode.NOMEM:
      return "NOMEM";
    case HftReturnCode.SYSTEM:
      return "SYSTEM";
    case HftReturnCode.UNSUPPORTED:
      return "UNSUPPORTED";
    default:
      return "UNKNOWN";
  }
}

/** Removes every occurrence of the given secrets from a message (passwords never reach errors or logs). */
export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join("***");
  }
  return out;
}
