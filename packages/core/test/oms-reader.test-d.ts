/**
 * Type test (run by vitest's typecheck, see vitest.config.ts): the OMS read API has one shape,
 * {@link OmsReader}. A getter added to, dropped from or changed on OmsEngine or MainEngine
 * without the interface (or the other way round) fails here.
 */
import { describe, expectTypeOf, test } from "vitest";
import type { MainEngine } from "../src/main-engine.js";
import type { OmsEngine } from "../src/oms.js";
import type { OmsReader } from "../src/oms-reader.js";

/** The query methods of a type: its `get*` members. */
type Getters<T> = { [K in keyof T as K extends `get${string}` ? K : never]: T[K] };

/** MainEngine's own getters that are about gateways, not OMS state. */
type GatewayRegistryGetters = "getGateway" | "getAllGatewayNames" | "getDefaultSetting" | "getAllExchanges";

describe("OmsReader", () => {
  test("OmsEngine's getters are exactly OmsReader", () => {
    expectTypeOf<Getters<OmsEngine>>().toEqualTypeOf<OmsReader>();
  });

  test("MainEngine forwards exactly OmsReader (besides its gateway registry)", () => {
    expectTypeOf<Omit<Getters<MainEngine>, GatewayRegistryGetters>>().toEqualTypeOf<OmsReader>();
  });
});
