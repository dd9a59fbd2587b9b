/**
 * The strategy setting file (`--strategy-setting file.json`): which strategy instances the trader
 * adds, in the spirit of vnpy's `cta_strategy_setting.json`, in camelCase:
 *
 * ```json
 * { "dip-600000": { "className": "BuyTheDip", "vtSymbols": ["600000.SSE"], "setting": { "dip": 0.05 } } }
 * ```
 *
 * @module
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import { fileName, readJsonFile } from "../json-file.js";
import { schemaIssueTexts } from "../schema-issues.js";

/** One strategy instance to add. */
export interface StrategySpec {
  /** Unique name of the instance (the key in the file). */
  readonly name: string;
  /** Class name, exported by one of the strategy files. */
  readonly className: string;
  readonly vtSymbols: readonly string[];
  /** Parameters, checked against the class's by name and type when it is added. */
  readonly setting: Readonly<Record<string, string | number | boolean>>;
}

const specSchema = z
  .object({
    className: z.string().min(1),
    vtSymbols: z.array(z.string().min(1)).min(1),
    setting: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  })
  .strict();

const fileSchema = z.record(z.string().min(1), specSchema);

/**
 * Reads and checks a strategy setting file.
 *
 * @throws {@link InputError} naming the file and each bad field (`dip-600000.vtSymbols: …`)
 */
export function readStrategySettingFile(path: string): StrategySpec[] {
  const parsed = fileSchema.safeParse(readJsonFile(path, "strategySetting"));
  if (!parsed.success) {
    throw new InputError({
      label: "file.badFields",
      params: { file: fileName("strategySetting", path), issues: schemaIssueTexts(parsed.error.issues) },
    });
  }
  return Object.entries(parsed.data).map(([name, spec]) => ({
    name,
    className: spec.className,
    vtSymbols: spec.vtSymbols,
    setting: spec.setting ?? {},
  }));
}
