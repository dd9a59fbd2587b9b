/**
 * Describing a JSON syntax error without quoting the text: configs and settings files hold
 * passwords, and V8's own message may quote a piece of the file
 * (`Unexpected token 'S', "{"password": Secr"... is not valid JSON`).
 *
 * @module
 */

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
 * What is wrong with a JSON text that `JSON.parse` refused, without quoting any of it: V8's
 * description and the line and column of the error when they can be known.
 */
export function describeJsonError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/unexpected end of JSON input/i.test(message)) return "the file ends too early";
  const at = /^(.*?) (in|after) JSON at position (\d+)/s.exec(message);
  if (at !== null) {
    const [, description = "Syntax error", where, position] = at;
    // "Unexpected token 'x'" names a character of the file: leave it out.
    const what = /^Unexpected token/i.test(description)
      ? "Unexpected character"
      : where === "after"
        ? `${description} after the JSON value`
        : description;
    const { line, column } = lineColumn(text, Number(position));
    return `${what} at line ${line}, column ${column}`;
  }
  const position = quotedPosition(message, text);
  if (position !== undefined) {
    const { line, column } = lineColumn(text, position);
    return `Unexpected character at line ${line}, column ${column}`;
  }
  return "a syntax error (the file's text is not shown: it may hold passwords)";
}
