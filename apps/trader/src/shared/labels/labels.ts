/**
 * The trader's user-facing labels (dashboard and terminal), one catalogue per language:
 * `labels-zh-cn.ts` defines the codes, `labels-en.ts` gives every one in English. A label is a
 * plain string with `{name}` placeholders, so the catalogues are data a test can compare, and the
 * module is browser-safe (the dashboard bundles it).
 *
 * The gateway's own log lines and reasons come translated already (`@tsgate/hft-gateway`'s
 * catalogues, in the same languages); these labels are only what the trader itself writes.
 *
 * @module
 */
import { labelsEn } from "./labels-en.js";
import { labelsZhCN } from "./labels-zh-cn.js";
import { usageEn } from "./usage-en.js";
import { usageZhCN } from "./usage-zh-cn.js";

// The command line's usage texts live in their own pair of files (long, and only for the CLI).
const zhCN = { ...labelsZhCN, ...usageZhCN };
const en = { ...labelsEn, ...usageEn };

/** A label code: a key of every catalogue. */
export type LabelCode = keyof typeof zhCN;

/** One language's labels: every code. */
export type LabelCatalogue = { readonly [K in LabelCode]: string };

/** Every label catalogue, by language (the languages of the gateway's catalogues). */
export const LABEL_CATALOGUES = Object.freeze({ "zh-CN": zhCN, en }) satisfies Readonly<
  Record<string, LabelCatalogue>
>;

/** A language the labels are written in. */
export type LabelLanguage = keyof typeof LABEL_CATALOGUES;

/**
 * The language when nothing names one: Chinese, as the gateway's `DEFAULT_LANGUAGE` (the trader
 * passes its resolved language; this is only the page's last resort).
 */
export const DEFAULT_LABEL_LANGUAGE: LabelLanguage = "zh-CN";

/**
 * A text of the label catalogues kept as data: a code and the values of its placeholders. It is
 * rendered where the reader's language is known (the terminal, each API request, the page), so a
 * stored reason is never fixed to one language.
 */
export interface LabelText {
  readonly label: LabelCode;
  readonly params?: LabelParams;
}

/**
 * A placeholder's value: a string or number as it is (data), a {@link LabelText} rendered in the
 * same language, or a list of them joined by the language's `list.separator`.
 */
export type LabelValue = string | number | LabelText | readonly LabelText[];

/** Values for a label's `{name}` placeholders. */
export type LabelParams = Readonly<Record<string, LabelValue>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a label text, sorted (`"{a} of {b}"` → `["a", "b"]`). */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))].sort();
}

/**
 * Label `code` in `language`, its placeholders filled from `params`. A placeholder without a
 * value stays as written, so a missing parameter shows instead of vanishing.
 */
export function label(language: LabelLanguage, code: LabelCode, params?: LabelParams): string {
  const textOf: string = LABEL_CATALOGUES[language][code];
  if (params === undefined) return textOf;
  return textOf.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    return value === undefined ? whole : valueText(language, value);
  });
}

function valueText(language: LabelLanguage, value: LabelValue): string {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (isLabelList(value))
    return value.map((item) => labelText(language, item)).join(label(language, "list.separator"));
  return labelText(language, value);
}

function isLabelList(value: LabelText | readonly LabelText[]): value is readonly LabelText[] {
  return Array.isArray(value);
}

/** A {@link LabelText} in `language`. */
export function labelText(language: LabelLanguage, text: LabelText): string {
  return label(language, text.label, text.params);
}

/** The label language `value` names (`"zh-CN"`, `"en"`, exactly), or undefined. */
export function labelLanguageOf(value: string | null | undefined): LabelLanguage | undefined {
  return value !== null && value !== undefined && Object.hasOwn(LABEL_CATALOGUES, value)
    ? (value as LabelLanguage)
    : undefined;
}

/** Labels bound to one language: `t(code, params)`. */
export type Labeller = (code: LabelCode, params?: LabelParams) => string;

/** Binds {@link label} to `language`. */
export function labeller(language: LabelLanguage): Labeller {
  return (code, params) => label(language, code, params);
}
