/**
 * The commands' usage texts (`--help`) and usage errors in the user's language: the `usage.*`
 * codes of the label catalogues, filled with the defaults they name (each from its one home).
 *
 * @module
 */
import { DOCTOR_DEFAULTS } from "@tsgate/hft-gateway";
import {
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  PORT_ENV,
  TERMINAL_TICKER_INTERVAL_MS,
  TOKEN_ENV,
} from "../constants.js";
import { CONNECT_FORM_KEYS } from "../gateway-settings.js";
import {
  type LabelLanguage,
  type LabelParams,
  type LabelText,
  label,
  labelText,
} from "../shared/labels/labels.js";
import type { CliIo } from "./cli-io.js";

/** The reason `tsgate halt` gives the trader's log when `--reason` names none. */
export const DEFAULT_HALT_REASON = "tsgate halt";

/** A command with its own usage text (`main` is `tsgate` itself). */
export type UsageCommand = "main" | "trader" | "mock" | "status" | "halt" | "doctor";

const SETTING_KEYS = {
  firstKey: CONNECT_FORM_KEYS[0],
  lastKey: CONNECT_FORM_KEYS[CONNECT_FORM_KEYS.length - 1] ?? "",
};
const SERVER = { port: DEFAULT_HTTP_PORT, portEnv: PORT_ENV, host: DEFAULT_HTTP_HOST };

const PARAMS: Readonly<Record<UsageCommand, LabelParams>> = {
  main: { tokenEnv: TOKEN_ENV },
  trader: { ...SETTING_KEYS, ...SERVER, ticker: TERMINAL_TICKER_INTERVAL_MS / 1000 },
  mock: {},
  status: SERVER,
  halt: { ...SERVER, tokenEnv: TOKEN_ENV, reason: DEFAULT_HALT_REASON },
  doctor: { ...SETTING_KEYS, tickTimeout: DOCTOR_DEFAULTS.tickTimeoutMs },
};

/** The `--help` text of `command` in `language`. */
export function usageText(language: LabelLanguage, command: UsageCommand): string {
  return label(language, `usage.${command}`, PARAMS[command]);
}

/**
 * Prints a usage mistake of `tsgate <command>` (`tsgate trader: unknown option --x`), then the
 * command's usage unless `withUsage` is false (a mistake in a file the option names or in the
 * input it holds, not in the command line).
 *
 * @param reason - a catalogue text, or a text already in `language`
 */
export function printUsageError(
  io: CliIo,
  language: LabelLanguage,
  command: UsageCommand,
  reason: LabelText | string,
  withUsage = true,
): void {
  const text = typeof reason === "string" ? reason : labelText(language, reason);
  const line =
    command === "main"
      ? label(language, "usage.mainError", { reason: text })
      : label(language, "usage.error", { command, reason: text });
  io.err(withUsage ? `${line}\n\n${usageText(language, command)}` : line);
}
