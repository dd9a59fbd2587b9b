/**
 * Loading a strategy file the user gives the trader (`--strategy file.js`): an ES module whose
 * exported classes extending `StrategyTemplate` become available by class name.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type StrategyClass, StrategyTemplate } from "@tsgate/strategy";
import { InputError } from "../errors.js";
import { fileName } from "../json-file.js";

/** The strategy classes of one file. */
export interface StrategyModule {
  /** Absolute path of the file. */
  readonly file: string;
  /** Its exported StrategyTemplate subclasses by class name. */
  readonly classes: ReadonlyMap<string, StrategyClass>;
}

function isStrategyClass(value: unknown): value is StrategyClass {
  return typeof value === "function" && value.prototype instanceof StrategyTemplate;
}

/**
 * Imports a strategy file and picks its exported StrategyTemplate subclasses.
 *
 * The file must import `StrategyTemplate` from the same `@tsgate/strategy` the trader runs (keep
 * it inside a project that has the package installed), or its classes are not recognised.
 *
 * @throws {@link InputError} naming the file when it is missing, fails to load, or exports no
 *   strategy class
 */
export async function loadStrategyModule(path: string): Promise<StrategyModule> {
  const file = resolve(path);
  const named = fileName("strategy", path);
  if (!existsSync(file)) throw new InputError({ label: "file.notFound", params: { file: named } });
  let exported: Record<string, unknown>;
  try {
    exported = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    // Node's or the module's own words: data, quoted.
    const detail = JSON.stringify(err instanceof Error ? err.message : String(err));
    throw new InputError({ label: "strategyFile.loadFailed", params: { file: named, detail } });
  }
  const classes = new Map<string, StrategyClass>();
  for (const value of Object.values(exported)) if (isStrategyClass(value)) classes.set(value.name, value);
  if (classes.size === 0) {
    const names = Object.keys(exported).join(", ");
    throw new InputError({
      label: "strategyFile.noClass",
      params: { file: named, names: names === "" ? { label: "strategyFile.exportsNothing" } : names },
    });
  }
  return { file, classes };
}
