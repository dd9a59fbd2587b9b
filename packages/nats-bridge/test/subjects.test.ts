import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BridgeError, escapeId, Subjects, unescapeId } from "../src/index.js";
import { escapeToken } from "../src/subjects.js";

describe("subjects", () => {
  const s = new Subjects("tsgate", "HFT");

  it("mirrors the event types, dots of vt ids kept as separators", () => {
    expect(s.event("eTick", "600000.SSE")).toBe("tsgate.HFT.eTick.600000.SSE");
    expect(s.event("eOrder", "HFT.17")).toBe("tsgate.HFT.eOrder.HFT.17");
    expect(s.event("eLog")).toBe("tsgate.HFT.eLog");
    expect(s.eventWildcard("eTick")).toBe("tsgate.HFT.eTick.>");
    expect(s.request("sendOrder")).toBe("tsgate.HFT.req.sendOrder");
    expect(s.durableSubjects()).toEqual([
      "tsgate.HFT.eOrder.>",
      "tsgate.HFT.eTrade.>",
      "tsgate.HFT.ePosition.>",
      "tsgate.HFT.eAccount.>",
    ]);
    expect(s.streamName).toBe("TSGATE_HFT");
  });

  it("escapes characters NATS subjects cannot hold, reversibly", () => {
    expect(escapeId("A B.*.>")).toBe("A%20B.%2A.%3E");
    expect(escapeId("a..b")).toBe("a.%.b");
    expect(escapeToken("HFT.2")).toBe("HFT%2E2");
    expect(escapeId("浦发")).toMatch(/^(%[0-9A-F]{2})+$/);
    expect(new Subjects("tsgate", "my gw*").root).toBe("tsgate.my%20gw%2A");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (text) => {
        const escaped = escapeId(text);
        return (
          escaped.split(".").every((token) => /^[A-Za-z0-9_%-]+$/.test(token)) && unescapeId(escaped) === text
        );
      }),
      { numRuns: 200 },
    );
  });

  it("names durable consumers and streams without characters JetStream forbids", () => {
    expect(s.consumerName("strategy a.1")).toBe("client_strategy_20a_2E1");
    expect(new Subjects("tsgate", "H.F T").streamName).toBe("TSGATE_H_2EF_20T");
  });

  it("rejects a prefix with wildcards or empty tokens and an empty gateway name", () => {
    for (const prefix of ["", "a.", "a..b", "a.*", "a.>", "a b"]) {
      expect(() => new Subjects(prefix, "HFT")).toThrow(BridgeError);
    }
    expect(() => new Subjects("tsgate", "")).toThrow(/gatewayName/);
  });
});
