/** Keeps human-readable messages within the wire's `char[128]` text fields. */
import { MAX_MESSAGE_BYTES } from "./constants.js";

const utf8 = new TextEncoder();

/**
 * Returns `text` if it fits `maxBytes` of UTF-8, else the longest prefix (whole characters) that
 * fits with "…" appended. Encoders refuse text that does not fit, so the broker never makes any.
 */
export function fitMessage(text: string, maxBytes = MAX_MESSAGE_BYTES): string {
  if (utf8.encode(text).length <= maxBytes) return text;
  const ellipsis = "…";
  const budget = maxBytes - utf8.encode(ellipsis).length;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const size = utf8.encode(ch).length;
    if (used + size > budget) break;
    out += ch;
    used += size;
  }
  return out + ellipsis;
}
