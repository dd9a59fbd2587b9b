/**
 * Type test (run by vitest's typecheck, see vitest.config.ts): a remote strategy reads the OMS
 * through exactly core's `OmsReader`, as a local one does through `MainEngine`. A getter added
 * to, dropped from or changed on OmsView or NatsBridgeClient without the interface fails here.
 */
import type { OmsReader } from "@tsgate/core";
import { describe, expectTypeOf, test } from "vitest";
import type { NatsBridgeClient } from "../src/client.js";
import type { OmsView } from "../src/oms-view.js";

/** The query methods of a type: its `get*` members. */
type Getters<T> = { [K in keyof T as K extends `get${string}` ? K : never]: T[K] };

/** The client's own getters: which orders and trades this client id sent. */
type OwnershipGetters = "getMyOrders" | "getMyTrades";

describe("OmsReader over NATS", () => {
  test("OmsView's getters are exactly OmsReader", () => {
    expectTypeOf<Getters<OmsView>>().toEqualTypeOf<OmsReader>();
  });

  test("NatsBridgeClient forwards exactly OmsReader (besides its ownership getters)", () => {
    expectTypeOf<Omit<Getters<NatsBridgeClient>, OwnershipGetters>>().toEqualTypeOf<OmsReader>();
  });
});
