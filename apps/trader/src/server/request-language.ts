/**
 * The language a request wants the API's texts in.
 *
 * @module
 */
import type { IncomingMessage } from "node:http";
import { type LabelLanguage, labelLanguageOf } from "../shared/labels/labels.js";
import { LANGUAGE_HEADER } from "../shared/protocol.js";

/** The language header {@link LANGUAGE_HEADER} names, else `fallback` (the trader's language). */
export function requestLanguage(req: IncomingMessage, fallback: LabelLanguage): LabelLanguage {
  const asked = req.headers[LANGUAGE_HEADER];
  return labelLanguageOf(typeof asked === "string" ? asked : undefined) ?? fallback;
}
