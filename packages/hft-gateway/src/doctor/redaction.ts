/**
 * Keeping secrets out of the doctor's output: which input values are secrets, a settings copy
 * without them, and a last scrub of every text written.
 *
 * @module
 */
import { HFT_DEFAULT_SETTING } from "../settings.js";

/** Keys whose values are secrets: both passwords, and anything named like one (a typo of a key too). */
const SECRET_KEY = /密码|密碼|password|passwd|pwd|secret|token/i;

/** The secret values of a settings input (non-empty strings under secret-looking keys). */
export function secretValues(input: unknown): string[] {
  if (typeof input !== "object" || input === null) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (SECRET_KEY.test(key) && typeof value === "string" && value !== "") out.push(value);
  }
  return out;
}

/**
 * The settings as the report shows them: known keys with their values, secrets replaced by their
 * length, unknown keys by name only (their values could be anything).
 */
export function reportSettings(input: unknown): Record<string, unknown> {
  if (typeof input !== "object" || input === null) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (SECRET_KEY.test(key))
      out[key] = typeof value === "string" ? `<${Buffer.byteLength(value)} bytes, not shown>` : "<not shown>";
    else if (Object.hasOwn(HFT_DEFAULT_SETTING, key) && (typeof value !== "object" || value === null))
      out[key] = value;
    else out[key] = "<unknown key, value not shown>";
  }
  return out;
}

/** Replaces every occurrence of a secret in `text` (a guard behind the messages, which take no secret). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("***");
  return out;
}
