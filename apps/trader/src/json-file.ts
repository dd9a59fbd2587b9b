/**
 * Reading the JSON files a user gives the app (a settings file, a simulator config). Both hold
 * passwords, so a syntax error is described by its line and column only (`describeJsonError`).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { describeJsonError } from "@tsgate/safe-json";
import { InputError } from "./errors.js";

/**
 * Reads and parses a JSON file.
 *
 * @param what - how messages name the file, e.g. "settings file"
 * @throws {@link InputError} when it cannot be read or is not valid JSON (never quoting its text)
 */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new InputError(`${what} ${path}: cannot read it (${(err as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${what} ${path}: not valid JSON (${describeJsonError(err, text)})`);
  }
}
