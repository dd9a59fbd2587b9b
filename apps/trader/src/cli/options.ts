/**
 * Option values shared by the commands: ports (flag, environment, default) and integers.
 *
 * @module
 */
import { DEFAULT_HTTP_PORT, PORT_ENV } from "../constants.js";
import { UsageError } from "./cli-io.js";

/** Parses an integer option in `[min, max]`; `undefined` when it is absent. */
export function intOption(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name}: expected an integer ${min}-${max}, got "${raw}"`);
  }
  return n;
}

/** The web server port: `--port`, else the TSGATE_PORT environment variable, else 8700. */
export function httpPort(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): number {
  const fromFlag = intOption("--port", flag, 0, 65535);
  if (fromFlag !== undefined) return fromFlag;
  const fromEnv = intOption(PORT_ENV, env[PORT_ENV], 0, 65535);
  return fromEnv ?? DEFAULT_HTTP_PORT;
}
