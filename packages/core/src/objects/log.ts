import { LogLevel } from "../constants.js";

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

/** Creates a frozen {@link LogData}. */
export function createLog(init: LogInit): LogData {
  return Object.freeze({
    gatewayName: init.gatewayName,
    msg: init.msg,
    level: init.level ?? LogLevel.INFO,
    time: init.time ?? new Date(),
  });
}
