import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeJsonError } from "../src/json-error.js";

/** What `JSON.parse` says about `text`, described. */
function describeText(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return describeJsonError(err, text);
  }
  throw new Error(`expected a syntax error in ${text}`);
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

  it("never repeats a password of a broken file, wherever the file breaks", () => {
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
      }),
      { numRuns: 1000 },
    );
  });
});
