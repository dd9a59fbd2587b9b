/**
 * A refusal of `@tsgate/core`'s data-object factories (`InvalidFieldError`) as a catalogue text:
 * core words its message in English (an API error), and says the same as data
 * (`expectation.kind`, `got`), which the trader words in the reader's language (`field.*`).
 *
 * @module
 */
import type { InvalidFieldError } from "@tsgate/core";
import type { LabelText } from "./errors.js";

/** `err` as `field: expected …, got …` in the catalogues; a check without a kind is quoted as data. */
export function fieldRefusalText(err: InvalidFieldError): LabelText {
  const expectation = err.expectation;
  if (expectation === undefined) {
    return { label: "error.quoted", params: { detail: err.message } };
  }
  const expected: LabelText =
    expectation.kind === "oneOf"
      ? { label: "field.expected.oneOf", params: { values: (expectation.values ?? []).join(", ") } }
      : { label: `field.expected.${expectation.kind}` };
  return { label: "field.refused", params: { field: err.field, expected, got: err.got } };
}
