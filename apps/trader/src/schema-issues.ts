/**
 * The issues of a zod check (the strategy setting file, the backtest report) as catalogue texts,
 * so a reason stays data until it is shown in the reader's language. Each issue kind the trader's
 * schemas raise has a label (`check.*`); a refinement names its label in `params.label`; any
 * other issue keeps zod's English text, quoted as data (`check.other`).
 *
 * @module
 */
import type { z } from "zod";
import type { LabelText } from "./errors.js";
import { LABEL_CATALOGUES, type LabelCode } from "./shared/labels/labels.js";

type Issue = z.core.$ZodIssue;

const TYPE_LABELS: Readonly<Record<string, LabelCode>> = {
  number: "check.type.number",
  int: "check.type.number",
  string: "check.type.string",
  boolean: "check.type.boolean",
  array: "check.type.array",
  object: "check.type.object",
};

function isLabelCode(value: unknown): value is LabelCode {
  return typeof value === "string" && Object.hasOwn(LABEL_CATALOGUES.en, value);
}

function typeText(expected: string): LabelText | string {
  const code = TYPE_LABELS[expected];
  // A type without a label (none of the trader's schemas has one) is zod's name for it: data.
  return code === undefined ? JSON.stringify(expected) : { label: code };
}

function problemOf(issue: Issue): LabelText {
  const other: LabelText = { label: "check.other", params: { detail: JSON.stringify(issue.message) } };
  switch (issue.code) {
    case "invalid_type":
      return { label: "check.type", params: { expected: typeText(issue.expected) } };
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "array") return { label: "check.minItems", params: { minimum } };
      if (issue.origin === "string") return { label: "check.minLength", params: { minimum } };
      return { label: issue.inclusive === true ? "check.atLeast" : "check.above", params: { minimum } };
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin !== "number" && issue.origin !== "int") return other;
      return { label: issue.inclusive === true ? "check.atMost" : "check.below", params: { maximum } };
    }
    case "invalid_value":
      return {
        label: "check.oneOf",
        params: { values: issue.values.map((v) => JSON.stringify(v)).join(", ") },
      };
    case "unrecognized_keys":
      return {
        label: "check.unknownKeys",
        params: { keys: issue.keys.map((k) => JSON.stringify(k)).join(", ") },
      };
    case "invalid_union":
      // The one union of the trader's schemas: a strategy parameter's number | string | boolean.
      return issue.errors.every((branch) => branch.every((i) => i.code === "invalid_type"))
        ? { label: "check.primitive" }
        : other;
    case "custom":
      return isLabelCode(issue.params?.label) ? { label: issue.params.label } : other;
    default:
      return other;
  }
}

/** One zod issue as `path: problem` (`trades.0.price: 不能小于 0`). */
export function schemaIssueText(issue: Issue): LabelText {
  const path = issue.path.length === 0 ? { label: "check.root" as const } : issue.path.map(String).join(".");
  return { label: "check.issue", params: { path, problem: problemOf(issue) } };
}

/** The first `limit` issues of a failed check, as catalogue texts. */
export function schemaIssueTexts(issues: readonly Issue[], limit = issues.length): LabelText[] {
  return issues.slice(0, limit).map(schemaIssueText);
}
