/**
 * The simulator config a user gives the trader (`--mock-config`). `@tsgate/mock-server` refuses
 * a config that is JSON but not a valid config in English (tsgate-mock's words) and gives the same
 * problems as zod issues (`ConfigError.checks`), which the trader words in the reader's language
 * (`check.*`, as for its own schemas). A check of the mock server's own (a duplicate account, an
 * unknown instrument) stays its English text, quoted as data (`check.other`).
 *
 * @module
 */
import { ConfigError, type MockConfig, parseMockConfig } from "@tsgate/mock-server";
import { InputError } from "./errors.js";
import { fileName, readJsonFile } from "./json-file.js";
import { schemaIssueTexts } from "./schema-issues.js";

/**
 * Reads and checks the simulator config at `path`.
 *
 * @throws {@link InputError} naming the file and every problem, by path, in the catalogues
 */
export function readMockConfigFile(path: string): MockConfig {
  const json = readJsonFile(path, "mockConfig");
  try {
    return parseMockConfig(json);
  } catch (err) {
    if (!(err instanceof ConfigError) || err.checks.length === 0) throw err;
    throw new InputError({
      label: "file.badFields",
      params: { file: fileName("mockConfig", path), issues: schemaIssueTexts(err.checks) },
    });
  }
}
