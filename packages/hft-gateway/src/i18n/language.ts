/**
 * Which language user-facing text is written in: a setting when given, else the POSIX locale of
 * the environment (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the precedence POSIX gives them).
 *
 * @module
 */

/** Languages with a message catalogue. */
export const LANGUAGES = ["zh-CN", "en"] as const;

/** A language with a message catalogue. */
export type Language = (typeof LANGUAGES)[number];

/**
 * The language when neither the setting nor the environment names one (`C`, `POSIX`, unset):
 * Chinese, the language of vnpy_hft's logs and of the setting keys users type.
 */
export const DEFAULT_LANGUAGE: Language = "zh-CN";

/** Environment variables that name the locale, in POSIX precedence order. */
const LOCALE_VARIABLES = ["LC_ALL", "LC_MESSAGES", "LANG"] as const;

/** `zh_CN.UTF-8`, `zh-CN`, `zh_TW` → zh-CN; `en_US.UTF-8`, `en` → en; anything else → undefined. */
function languageOfLocale(locale: string): Language | undefined {
  const lower = locale.trim().toLowerCase();
  if (/^zh([_-]|$|\.)/.test(lower)) return "zh-CN";
  if (/^en([_-]|$|\.)/.test(lower)) return "en";
  return undefined;
}

/**
 * The language a `language` setting names ("zh-CN", "zh", "en", or a locale such as
 * `en_US.UTF-8`), or undefined when it names none.
 */
export function languageOfSetting(setting: string): Language | undefined {
  return languageOfLocale(setting);
}

/**
 * Picks the language: `setting` when given ("zh-CN", "zh", "en", or a locale such as
 * `en_US.UTF-8`), else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set, else
 * {@link DEFAULT_LANGUAGE}.
 *
 * @throws `Error` naming the setting when `setting` is given but names no catalogue language.
 */
export function resolveLanguage(
  setting: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Language {
  if (setting !== undefined && setting !== "") {
    const chosen = languageOfLocale(setting);
    if (chosen === undefined)
      throw new Error(`language: expected one of ${LANGUAGES.join(", ")}, got ${JSON.stringify(setting)}`);
    return chosen;
  }
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    // POSIX: the first variable that is set and non-empty decides, even if it names "C".
    if (value !== undefined && value !== "") return languageOfLocale(value) ?? DEFAULT_LANGUAGE;
  }
  return DEFAULT_LANGUAGE;
}
