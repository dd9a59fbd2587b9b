import { expect, it } from "vitest";
import { Exchange } from "../src/constants.js";
import { ResettingCache } from "../src/resetting-cache.js";
import { toVtSymbol } from "../src/vt-ids.js";

it("ResettingCache makes each value once and starts afresh past its bound", () => {
  const made: string[] = [];
  const cache = new ResettingCache<string, string>(2);
  const make = (k: string) => {
    made.push(k);
    return `<${k}>`;
  };
  expect(cache.get("a", make)).toBe("<a>");
  expect(cache.get("a", make)).toBe("<a>");
  expect(cache.get("b", make)).toBe("<b>");
  expect(made).toEqual(["a", "b"]);
  cache.get("c", make); // a third key: the cache is cleared first, so "a" is made again
  cache.get("a", make);
  expect(made).toEqual(["a", "b", "c", "a"]);
});

it("toVtSymbol gives the same value as before, cached for known exchanges only", () => {
  expect(toVtSymbol("600000", Exchange.SSE)).toBe("600000.SSE");
  expect(toVtSymbol("000001", Exchange.SZSE)).toBe("000001.SZSE");
  expect(toVtSymbol("X", "NOPE" as Exchange)).toBe("X.NOPE");
});
