import { describe, expect, it } from "vitest";
import { SESSION_SCHEDULE, SessionPhase, sessionPhaseAt, sessionStart } from "../src/sessions.js";

const at = (h: number, m: number, s = 0) => sessionPhaseAt(h * 60 + m + s / 60);

describe("A-share sessions", () => {
  it("gives each phase from its first second to the last second before the next", () => {
    expect(at(9, 14, 59)).toBe(SessionPhase.Closed);
    expect(at(9, 15)).toBe(SessionPhase.OpeningAuction);
    expect(at(9, 24, 59)).toBe(SessionPhase.OpeningAuction);
    expect(at(9, 25)).toBe(SessionPhase.PreOpen);
    expect(at(9, 30)).toBe(SessionPhase.Continuous);
    expect(at(11, 29, 59)).toBe(SessionPhase.Continuous);
    expect(at(11, 30)).toBe(SessionPhase.LunchBreak);
    expect(at(13, 0)).toBe(SessionPhase.Continuous);
    expect(at(14, 56, 59)).toBe(SessionPhase.Continuous);
    expect(at(14, 57)).toBe(SessionPhase.ClosingAuction);
    expect(at(15, 0)).toBe(SessionPhase.Closed);
  });

  it("finds the nth start of a phase, and says when there is none", () => {
    expect(sessionStart(SessionPhase.Continuous, 1)).toBe(13 * 60);
    expect(() => sessionStart(SessionPhase.PreOpen, 1)).toThrow(/no phase pre-open #1/);
    expect(SESSION_SCHEDULE.map((b) => b.fromMinute)).toEqual(
      [...SESSION_SCHEDULE.map((b) => b.fromMinute)].sort((a, b) => a - b),
    );
  });
});
