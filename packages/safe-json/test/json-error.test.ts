import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeJsonError, jsonErrorParts } from "../src/json-error.js";

/** What `JSON.parse` threw for `text`. */
function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (err) {
    return err;
  }
  throw new Error(`expected a syntax error in ${text}`);
}

/** What `JSON.parse` says about `text`, described. */
function describeText(text: string): string {
  return describeJsonError(parseError(text), text);
}

describe("describeJsonError", () => {
  it("names the line and column of V8's quoted-token message, not the token", () => {
    expect(describeText('{\n  "a": 1,\n  "b": x\n}')).toBe("Unexpected character at line 3, column 8");
  });

  it("reads the older 'in JSON at position' message too (Node 18's V8)", () => {
    const text = '{\n  "password": hunter2\n}';
    const err = new SyntaxError("Unexpected token h in JSON at position 16");
    expect(describeJsonError(err, text)).toBe("Unexpected character at line 2, column 15");
  });

  it("keeps V8's own wording where it quotes nothing", () => {
    expect(describeText('{"a": 1}}')).toBe(
      "Unexpected non-whitespace character after the JSON value at line 1, column 9",
    );
    expect(describeText('{"a": 1\n "b": 2}')).toBe(
      "Expected ',' or '}' after property value at line 2, column 2",
    );
  });

  it("says a text cut short ends too early", () => {
    expect(describeText("")).toBe("the file ends too early");
    expect(describeText('{"a": ')).toBe("the file ends too early");
  });

  it("falls back to a sentence that quotes nothing when the position cannot be known", () => {
    expect(describeJsonError(new SyntaxError("some future message about s3cret"), "s3cret")).toBe(
      "a syntax error (the file's text is not shown: it may hold passwords)",
    );
    expect(describeJsonError("not an Error", "{")).toBe(
      "a syntax error (the file's text is not shown: it may hold passwords)",
    );
  });

  it("never repeats a password of a broken file, wherever the file breaks, in the sentence or the parts", () => {
    // "Pw" first: a random prefix could be a word of V8's own wording ("ropert…" in "property").
    const password = fc.stringMatching(/^Pw[A-Za-z0-9]{6,22}$/);
    const broken = fc
      .record({ password, cut: fc.nat(), insert: fc.constantFrom("x", "'", "}", ",", "\u0001", " ") })
      .map(({ password, cut, insert }) => {
        const text = JSON.stringify({ 交易用户名: "demo", 交易密码: password, 行情密码: password }, null, 2);
        const at = cut % text.length;
        return { password, text: `${text.slice(0, at)}${insert}${text.slice(at)}` };
      })
      .filter(({ text }) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      });
    fc.assert(
      fc.property(broken, ({ password, text }) => {
        expect(describeText(text)).not.toContain(password.slice(0, 6));
        expect(JSON.stringify(jsonErrorParts(parseError(text), text))).not.toContain(password.slice(0, 6));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("jsonErrorParts", () => {
  it("gives each form as data: the kind, the line and column, V8's own detail", () => {
    expect(jsonErrorParts(parseError('{\n  "a": 1,\n  "b": x\n}'), '{\n  "a": 1,\n  "b": x\n}')).toEqual({
      kind: "unexpectedCharacter",
      line: 3,
      column: 8,
    });
    const older = '{\n  "password": hunter2\n}';
    expect(jsonErrorParts(new SyntaxError("Unexpected token h in JSON at position 16"), older)).toEqual({
      kind: "unexpectedCharacter",
      line: 2,
      column: 15,
    });
    expect(jsonErrorParts(parseError('{"a": 1\n "b": 2}'), '{"a": 1\n "b": 2}')).toEqual({
      kind: "parser",
      line: 2,
      column: 2,
      detail: "Expected ',' or '}' after property value",
    });
    expect(jsonErrorParts(parseError('{"a": 1}}'), '{"a": 1}}')).toEqual({
      kind: "parser",
      line: 1,
      column: 9,
      detail: "Unexpected non-whitespace character after the JSON value",
    });
    expect(jsonErrorParts(parseError('{"a": '), '{"a": ')).toEqual({ kind: "endsEarly" });
    expect(jsonErrorParts(new SyntaxError("some future message about s3cret"), "s3cret")).toEqual({
      kind: "unknown",
    });
  });

  it("is what describeJsonError words: the sentence is built from the parts", () => {
    const texts = ['{"a": x}', '{"a": 1}}', '{"a": 1\n "b": 2}', "", "[1,"];
    for (const text of texts) {
      const parts = jsonErrorParts(parseError(text), text);
      const sentence = describeText(text);
      if ("line" in parts) expect(sentence).toContain(`at line ${parts.line}, column ${parts.column}`);
      if (parts.kind === "parser") expect(sentence.startsWith(parts.detail)).toBe(true);
    }
  });
});
