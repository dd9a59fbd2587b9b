import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { parseOrderBody } from "../src/order-input.js";

const body = {
  symbol: "600000",
  exchange: "SSE",
  direction: "LONG",
  type: "LIMIT",
  price: "11.80",
  volume: "100",
};

describe("parseOrderBody", () => {
  it("answers what the core factory refuses as bad input (400), naming the field, in both languages", () => {
    for (const [change, en, zh] of [
      [{ volume: "0" }, "volume: expected a positive integer, got 0", "volume：应为正整数，收到 0"],
      [{ volume: "-100" }, "volume: expected a positive integer, got -100", "volume：应为正整数，收到 -100"],
      [
        { volume: "100.5" },
        "volume: expected a positive integer, got 100.5",
        "volume：应为正整数，收到 100.5",
      ],
      [{ price: "0" }, "price: expected a finite number > 0, got 0", "price：应为大于 0 的有限数，收到 0"],
      [
        { type: "MARKET", volume: 1.5 },
        "volume: expected a positive integer, got 1.5",
        "volume：应为正整数，收到 1.5",
      ],
    ] as const) {
      let refusal: unknown;
      try {
        parseOrderBody({ ...body, ...change });
      } catch (err) {
        refusal = err;
      }
      if (!(refusal instanceof InputError))
        throw new Error(`expected an InputError for ${JSON.stringify(change)}`);
      expect(refusal.messageIn("en")).toBe(en);
      expect(refusal.messageIn("zh-CN")).toBe(zh);
    }
  });

  it("builds the request from valid input", () => {
    expect(parseOrderBody(body)).toMatchObject({ vtSymbol: "600000.SSE", volume: 100, price: 11.8 });
  });
});
