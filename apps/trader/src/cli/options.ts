/**
 * Option values shared by the commands: ports (flag, environment, default), integers, languages.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { LANGUAGES, type Language, resolveLanguage } from "@tsgate/hft-gateway";
import { DEFAULT_HTTP_PORT, PORT_ENV } from "../constants.js";
import { traderLanguage } from "../trader-language.js";
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
    throw new UsageError({
      label: "usage.integer",
      params: { option: name, min, max, got: JSON.stringify(raw) },
    });
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

/** `--language`: a catalogue language or a locale naming one; a usage error otherwise. */
export function languageOption(raw: string | undefined): Language | undefined {
  if (raw === undefined) return undefined;
  try {
    return resolveLanguage(raw);
  } catch {
    throw new UsageError({
      label: "usage.language",
      params: { languages: LANGUAGES.join(", "), got: JSON.stringify(raw) },
    });
  }
}

/**
 * The language to tell a usage mistake in, before the arguments are known to be right: a valid
 * `--language` among them, else the environment's (LC_ALL / LC_MESSAGES / LANG).
 */
export function usageLanguage(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Language {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { language: { type: "string" } },
  });
  return traderLanguage(values.language, env);
}
