/**
 * Reading the JSON files a user gives the app (a settings file, a simulator config, a strategy
 * setting file, a backtest report). They may hold passwords, so a syntax error is described by its
 * line and column only (safe-json's `jsonErrorParts`), and every reason is a catalogue text kept
 * as data, rendered in the reader's language.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { jsonErrorParts } from "@tsgate/safe-json";
import { InputError, type LabelText } from "./errors.js";

/** The kinds of file the trader reads, as its messages name them (`file.<kind>` labels). */
export type JsonFileKind = "settings" | "mockConfig" | "strategySetting" | "backtestReport";

/** How messages name a file: `设置文件 a.json` / `settings file a.json`. */
export function fileName(kind: JsonFileKind | "strategy", path: string): LabelText {
  return { label: `file.${kind}`, params: { path } };
}

/**
 * A JSON syntax error as a catalogue text, from safe-json's parts (`jsonErrorParts`): the kind,
 * line and column are ours to word; V8's own description of the error (`Expected ',' or '}' after
 * property value`) is the parser's, kept as data (`error.quoted`).
 */
export function jsonErrorText(err: unknown, text: string): LabelText {
  const parts = jsonErrorParts(err, text);
  switch (parts.kind) {
    case "endsEarly":
      return { label: "json.ends" };
    case "unexpectedCharacter":
      return { label: "json.unexpected", params: { line: parts.line, column: parts.column } };
    case "parser": {
      const detail: LabelText = { label: "error.quoted", params: { detail: parts.detail } };
      return { label: "json.parser", params: { line: parts.line, column: parts.column, detail } };
    }
    case "unknown":
      return { label: "json.syntax" };
  }
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
