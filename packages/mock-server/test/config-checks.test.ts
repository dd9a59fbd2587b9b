/**
 * A config that is valid JSON but not a valid config: `ConfigError` keeps its English issues (the
 * CLI's words) and gives the same problems as zod's issues (`checks`), for a host to word them.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parseMockConfig } from "../src/domain/config.js";
import { demoConfigInput } from "../src/domain/demo-config.js";

function refusal(json: unknown): ConfigError {
  try {
    parseMockConfig(json);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("ConfigError.checks", () => {
  it("gives each problem's zod code, path and values beside the English issues", () => {
    const err = refusal({ ...demoConfigInput, fees: { commissionRate: -1 }, extra: 1 });
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { path: "fees.commissionRate", message: expect.any(String) },
        { path: "extra", message: "unknown field" },
      ]),
    );
    expect(err.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "too_small", path: ["fees", "commissionRate"], minimum: 0 }),
        expect.objectContaining({ code: "unrecognized_keys", path: [], keys: ["extra"] }),
      ]),
    );
  });

  it("has no checks for text that is not JSON", () => {
    expect(refusal("{").checks).toEqual([]);
  });
});
