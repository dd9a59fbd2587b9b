/**
 * The commands' option parsing: `node:util` parseArgs, with each usage mistake turned into a
 * catalogue text from parseArgs' tokens (the option as typed, the stray argument), so it is told
 * in the user's language instead of Node's English.
 *
 * @module
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./cli-io.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What a strict parseArgs of `options` gives. */
type Values<T extends Options> = ReturnType<
  typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>
>["values"];

/**
 * Parses `argv` against `options` (no positional arguments).
 *
 * @throws {@link UsageError} for an unknown option, a missing value, a value given to a flag, a
 *   value that looks like an option, or a stray argument
 */
export function parseOptions<const T extends Options>(argv: readonly string[], options: T): Values<T> {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      throw new UsageError({
        label: "usage.unexpectedArgument",
        params: { arg: JSON.stringify(token.value) },
      });
    }
    const option = token.rawName;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) throw new UsageError({ label: "usage.unknownOption", params: { option } });
    if (spec.type === "boolean" && token.value !== undefined) {
      throw new UsageError({ label: "usage.noValue", params: { option } });
    }
    if (spec.type === "string" && token.value === undefined) {
      throw new UsageError({ label: "usage.missingValue", params: { option } });
    }
    // `--settings --port 1` would take "--port" as the file: parseArgs' strict mode refuses it too.
    if (spec.type === "string" && !token.inlineValue && token.value?.startsWith("-") === true) {
      throw new UsageError({ label: "usage.ambiguousValue", params: { option, value: token.value } });
    }
  }
  return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
}
