/**
 * The page's language and its labels. The trader writes its language (the `language` setting,
 * `--language`, else `LANG`) into `<html lang>` when it serves the page; `?lang=en` or
 * `?lang=zh-CN` in the address overrides it for this tab (the language switch sets it). Static
 * text in index.html names its label by `data-l` (text), `data-l-title`, `data-l-placeholder` and
 * `data-l-aria-label` (attributes); {@link applyLabels} fills them.
 */
import {
  DEFAULT_LABEL_LANGUAGE,
  LABEL_CATALOGUES,
  type LabelCode,
  type LabelLanguage,
  type LabelParams,
  label,
  labelLanguageOf,
} from "../../src/shared/labels/labels.js";

/** Query parameter that picks the page's language. */
export const LANGUAGE_QUERY = "lang";

const ATTRIBUTES = [
  ["data-l-title", "title"],
  ["data-l-placeholder", "placeholder"],
  ["data-l-aria-label", "aria-label"],
] as const;

function chooseLanguage(): LabelLanguage {
  const asked = new URLSearchParams(location.search).get(LANGUAGE_QUERY);
  return labelLanguageOf(asked) ?? labelLanguageOf(document.documentElement.lang) ?? DEFAULT_LABEL_LANGUAGE;
}

/** The language of this page, chosen once at load. */
export const pageLanguage: LabelLanguage = chooseLanguage();

/** A label in the page's language. */
export function t(code: LabelCode, params?: LabelParams): string {
  return label(pageLanguage, code, params);
}

/**
 * A gateway connection state (`CONNECTED` …) in the page's language; a state without a label
 * (from a newer trader) shows as sent.
 */
export function stateLabel(state: string): string {
  const code = `state.${state}`;
  return Object.hasOwn(LABEL_CATALOGUES[pageLanguage], code) ? t(code as LabelCode) : state;
}

/** A code-keyed label (`orderStatus.REJECTED`, `riskState.HALTED`) or the value itself when none. */
export function valueLabel(prefix: "orderStatus" | "riskState" | "feed", value: string): string {
  const code = `${prefix}.${value}`;
  return Object.hasOwn(LABEL_CATALOGUES[pageLanguage], code) ? t(code as LabelCode) : value;
}

/** Fills every labelled element under `root` and sets `<html lang>` and the title. */
export function applyLabels(root: ParentNode = document): void {
  document.documentElement.lang = pageLanguage;
  document.title = t("page.title");
  for (const node of root.querySelectorAll<HTMLElement>("[data-l]")) {
    node.textContent = t(node.dataset.l as LabelCode);
  }
  for (const [data, attribute] of ATTRIBUTES) {
    for (const node of root.querySelectorAll<HTMLElement>(`[${data}]`)) {
      node.setAttribute(attribute, t(node.getAttribute(data) as LabelCode));
    }
  }
}

/** The address of this page in the other language (the language switch's target). */
export function otherLanguageHref(): string {
  const url = new URL(location.href);
  url.searchParams.set(LANGUAGE_QUERY, pageLanguage === "en" ? "zh-CN" : "en");
  return url.toString();
}
