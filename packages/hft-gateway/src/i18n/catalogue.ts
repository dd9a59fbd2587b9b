/**
 * The message catalogues by language and the one way to render a message: {@link text}.
 *
 * @module
 */

import type { LibraryKind } from "../library-kind.js";
import { vendorRejection } from "../vendor-order-errors.js";
import { en } from "./catalogue-en.js";
import { zhCN } from "./catalogue-zh-cn.js";
import type { Language } from "./language.js";

/** A message code: a key of every catalogue. */
export type MessageCode = keyof typeof zhCN;

/** The parameters a message takes (`[]` when it takes none). */
export type MessageParams<K extends MessageCode> = Parameters<(typeof zhCN)[K]>;

/** A message as data: its code and parameters, rendered in any language by {@link renderMessage}. */
export interface Message {
  readonly code: MessageCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Every catalogue, by language. */
export const CATALOGUES: Readonly<Record<Language, { readonly [K in MessageCode]: (typeof zhCN)[K] }>> =
  Object.freeze({ "zh-CN": zhCN, en });

/** Renders message `code` in `language`. */
export function text<K extends MessageCode>(
  language: Language,
  code: K,
  ...params: MessageParams<K>
): string {
  const render = CATALOGUES[language][code] as (...args: MessageParams<K>) => string;
  return render(...params);
}

/** Renders a {@link Message} in `language`. */
export function renderMessage(language: Language, message: Message): string {
  const render = CATALOGUES[language][message.code] as (params?: unknown) => string;
  return render(message.params);
}

/** Builds a {@link Message} with type-checked parameters. */
export function message<K extends MessageCode>(code: K, ...params: MessageParams<K>): Message {
  const first = params[0] as Record<string, string | number> | undefined;
  return first === undefined ? { code } : { code, params: first };
}

/**
 * A reason the server gave with its code, in `language`, read by the code table of the library in
 * use (`library`, see `libraryKind`):
 * - the simulation library speaks our wire protocol, whose codes (docs/protocol.md) our
 *   catalogue translates (`reason.<code>`);
 * - the vendor shim passes the real broker's codes: the HFT trading API's own codes
 *   (`vendor-order-errors.ts`) are translated, any other is the broker counter's own business
 *   code, known only to the broker, so its text is quoted whole as data;
 * - an unknown implementation's codes are no table's: its text is quoted.
 *
 * A line never mixes two languages of our own. The caller's line names the code.
 */
export function serverReason(
  language: Language,
  library: LibraryKind,
  code: number,
  serverText: string,
): string {
  if (library === "sim") {
    const known = `reason.${code}`;
    if (known in zhCN) return text(language, known as MessageCode & `reason.${number}`);
  } else if (library === "shim") {
    const vendor = vendorRejection(code, language);
    if (vendor !== undefined)
      return text(language, "reason.vendor", { meaning: vendor.meaning, action: vendor.action ?? "" });
  }
  if (serverText === "") return text(language, "reason.none");
  return text(language, library === "shim" ? "reason.broker" : "reason.unknown", { text: serverText });
}
