/**
 * Describing a JSON syntax error without quoting the text: configs and settings files hold
 * passwords, and V8's own message may quote a piece of the file
 * (`Unexpected token 'S', "{"password": Secr"... is not valid JSON`).
 *
 * @module
 */

/**
 * What is wrong with a JSON text `JSON.parse` refused, as data a caller can render in its own
 * language ({@link jsonErrorParts}); none of it quotes the text.
 *
 * - `endsEarly`: the text is cut short;
 * - `unexpectedCharacter`: a character that cannot be there (which one is left out: it may be a
 *   password's);
 * - `parser`: V8's own description of the error, which quotes nothing (`Expected ',' or '}' after
 *   property value`), in `detail`, in English as V8 words it;
 * - `unknown`: a message whose position cannot be known; nothing of it is kept.
 *
 * `line` and `column` count from 1.
 */
export type JsonErrorParts =
  | { readonly kind: "endsEarly" }
  | { readonly kind: "unexpectedCharacter"; readonly line: number; readonly column: number }
  | { readonly kind: "parser"; readonly line: number; readonly column: number; readonly detail: string }
  | { readonly kind: "unknown" };

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * Where V8's "Unexpected token 'x', "…" is not valid JSON" message points: it quotes the text
 * around the error (`..."` ten characters before it, the token, ten after `"...`) or the whole
 * (short) text. Used to compute a line and column; the quote itself is never shown.
 */
function quotedPosition(message: string, text: string): number | undefined {
  const m = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/u.exec(message);
  if (m === null) return undefined;
  const [, token = "", before, quoted = ""] = m;
  if (before !== undefined) {
    const start = text.indexOf(quoted);
    return start >= 0 && text.startsWith(token, start + 10) ? start + 10 : undefined;
  }
  const first = text.indexOf(token);
  return first >= 0 && text.indexOf(token, first + 1) < 0 ? first : undefined;
}

/**
 * What is wrong with a JSON text that `JSON.parse` refused, and where, as data: for a caller that
 * words it in its own language. Nothing of `text` is in the result.
 *
 * @param err - what `JSON.parse(text)` threw
 * @param text - the text it was given, to turn V8's position into a line and column
 */
export function jsonErrorParts(err: unknown, text: string): JsonErrorParts {
  const message = err instanceof Error ? err.message : String(err);
  if (/unexpected end of JSON input/i.test(message)) return { kind: "endsEarly" };
  const at = /^(.*?) (in|after) JSON at position (\d+)/s.exec(message);
  if (at !== null) {
    const [, description = "Syntax error", where, position] = at;
    const { line, column } = lineColumn(text, Number(position));
    // "Unexpected token 'x'" names a character of the file: leave it out.
    if (/^Unexpected token/i.test(description)) return { kind: "unexpectedCharacter", line, column };
    const detail = where === "after" ? `${description} after the JSON value` : description;
    return { kind: "parser", line, column, detail };
  }
  const position = quotedPosition(message, text);
  if (position === undefined) return { kind: "unknown" };
  return { kind: "unexpectedCharacter", ...lineColumn(text, position) };
}

/**
 * What is wrong with a JSON text that `JSON.parse` refused, without quoting any of it, in English:
 * {@link jsonErrorParts} as one sentence (`Unexpected character at line 3, column 11`).
 */
export function describeJsonError(err: unknown, text: string): string {
  const parts = jsonErrorParts(err, text);
  switch (parts.kind) {
    case "endsEarly":
      return "the file ends too early";
    case "unexpectedCharacter":
      return `Unexpected character at line ${parts.line}, column ${parts.column}`;
    case "parser":
      return `${parts.detail} at line ${parts.line}, column ${parts.column}`;
    case "unknown":
      return "a syntax error (the file's text is not shown: it may hold passwords)";
  }
}
