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
  it("answers what the core factory refuses as bad input (400), naming the field", () => {
    for (const [change, field] of [
      [{ volume: "0" }, "volume"],
      [{ volume: "-100" }, "volume"],
      [{ volume: "100.5" }, "volume"],
      [{ price: "0" }, "price"],
    ] as const) {
      const parse = () => parseOrderBody({ ...body, ...change });
      expect(parse).toThrow(InputError);
      expect(parse).toThrow(new RegExp(`createOrderRequest: ${field}: `));
    }
  });

  it("builds the request from valid input", () => {
    expect(parseOrderBody(body)).toMatchObject({ vtSymbol: "600000.SSE", volume: 100, price: 11.8 });
  });
});
