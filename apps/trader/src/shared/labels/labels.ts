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

/** A label code: a key of every catalogue. */
export type LabelCode = keyof typeof labelsZhCN;

/** One language's labels: every code. */
export type LabelCatalogue = { readonly [K in LabelCode]: string };

/** Every label catalogue, by language (the languages of the gateway's catalogues). */
export const LABEL_CATALOGUES = Object.freeze({ "zh-CN": labelsZhCN, en: labelsEn }) satisfies Readonly<
  Record<string, LabelCatalogue>
>;

/** A language the labels are written in. */
export type LabelLanguage = keyof typeof LABEL_CATALOGUES;

/**
 * The language when nothing names one: Chinese, as the gateway's `DEFAULT_LANGUAGE` (the trader
 * passes its resolved language; this is only the page's last resort).
 */
export const DEFAULT_LABEL_LANGUAGE: LabelLanguage = "zh-CN";

/** Values for a label's `{name}` placeholders. */
export type LabelParams = Readonly<Record<string, string | number>>;

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
  return textOf.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
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
