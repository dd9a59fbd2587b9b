/**
 * The one language of the trader's texts: the gateway's log lines, the dashboard and the
 * terminal all follow it (the `language` option or setting, else LC_ALL / LC_MESSAGES / LANG).
 *
 * @module
 */
import { type Language, resolveLanguage } from "@tsgate/hft-gateway";
import type { LabelLanguage } from "./shared/labels/labels.js";

// The trader's label catalogues cover exactly the gateway's languages.
const SAME_LANGUAGES: [Language, LabelLanguage] extends [LabelLanguage, Language] ? true : never = true;
void SAME_LANGUAGES;

/**
 * The language `language` (an option or the settings' `language`) names, else the environment's.
 * A bad `language` setting is the settings check's to report; the texts then follow the
 * environment.
 */
export function traderLanguage(
  language: unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Language {
  try {
    return resolveLanguage(typeof language === "string" ? language : undefined, env);
  } catch {
    return resolveLanguage(undefined, env);
  }
}
