/** A valid limit buy of the demo set (600000.SSE, one lot), as the API's order body. */
export const DEMO_ORDER = {
  symbol: "600000",
  exchange: "SSE",
  direction: "LONG",
  type: "LIMIT",
  price: 11.5,
  volume: 100,
} as const;
