import { LogLevel } from "../constants.js";
import * as check from "./field-checks.js";

/** A log message from a gateway or an engine (vnpy `LogData`). */
export interface LogData {
  /** Who wrote it: a gateway name, or `"MainEngine"` / `"EventEngine"`. */
  readonly gatewayName: string;
  /** The message. Secrets (passwords, tokens) must never be written here. */
  readonly msg: string;
  /** Severity. */
  readonly level: LogLevel;
  /** When the message was created. Not deep-frozen: do not mutate. */
  readonly time: Date;
}

/** Input of {@link createLog}: `level` defaults to INFO, `time` to now. */
export type LogInit = Pick<LogData, "gatewayName" | "msg"> & Partial<Pick<LogData, "level" | "time">>;

/**
 * Creates a frozen {@link LogData}.
 *
 * @throws {@link InvalidFieldError} when `gatewayName` is empty, `msg` is not a string, `level`
 *   is not a {@link LogLevel} or `time` is not a valid Date
 */
export function createLog(init: LogInit): LogData {
  const where = "createLog";
  return Object.freeze({
    gatewayName: check.nonEmptyText(where, "gatewayName", init.gatewayName),
    msg: check.text(where, "msg", init.msg),
    level: check.logLevel(where, "level", init.level ?? LogLevel.INFO),
    time: check.validDate(where, "time", init.time ?? new Date()),
  });
}
