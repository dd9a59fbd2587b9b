/**
 * Reading the JSON files a user gives the app (a settings file, a simulator config, a strategy
 * setting file, a backtest report). They may hold passwords, so a syntax error is described by its
 * line and column only (`describeJsonError`), and every reason is a catalogue text kept as data,
 * rendered in the reader's language.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { describeJsonError } from "@tsgate/safe-json";
import { InputError, type LabelText } from "./errors.js";

/** The kinds of file the trader reads, as its messages name them (`file.<kind>` labels). */
export type JsonFileKind = "settings" | "mockConfig" | "strategySetting" | "backtestReport";

/** How messages name a file: `设置文件 a.json` / `settings file a.json`. */
export function fileName(kind: JsonFileKind | "strategy", path: string): LabelText {
  return { label: `file.${kind}`, params: { path } };
}

/**
 * `describeJsonError`'s text as a catalogue text. Its forms (safe-json's json-error.ts) are a
 * fixed grammar: "the file ends too early", "<what> at line L, column C", or the no-position
 * fallback. Of `<what>`, only safe-json's own "Unexpected character" is ours to translate; V8's
 * descriptions ("Expected ',' or '}' after property value") are the parser's, quoted as data.
 */
export function jsonErrorText(err: unknown, text: string): LabelText {
  const description = describeJsonError(err, text);
  if (description === "the file ends too early") return { label: "json.ends" };
  const at = /^(.*) at line (\d+), column (\d+)$/s.exec(description);
  if (at === null) return { label: "json.syntax" };
  const [, what = "", line = "", column = ""] = at;
  return what === "Unexpected character"
    ? { label: "json.unexpected", params: { line, column } }
    : { label: "json.parser", params: { line, column, detail: JSON.stringify(what) } };
}

/**
 * Reads and parses a JSON file.
 *
 * @param kind - what the file is, for the messages
 * @throws {@link InputError} when it is missing, cannot be read or is not valid JSON (never
 *   quoting its text)
 */
export function readJsonFile(path: string, kind: JsonFileKind): unknown {
  const file = fileName(kind, path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new InputError(
      code === "ENOENT"
        ? { label: "file.notFound", params: { file } }
        : { label: "file.unreadable", params: { file, code: code || (err as Error).name } },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError({ label: "file.notJson", params: { file, where: jsonErrorText(err, text) } });
  }
}
