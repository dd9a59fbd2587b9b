/**
 * Logs refusals once per burst: a strategy looping on `sendOrder` past a limit would otherwise
 * write a line per refused order. Pure: the caller passes the time and writes the lines.
 *
 * @module
 */
import type { RiskRefusal, RiskRule } from "./risk-refusal.js";

/** A burst ends when a rule refused nothing for this long, in milliseconds. */
export const REFUSAL_BURST_QUIET_MS = 1_000;

interface Burst {
  lastAt: number;
  suppressed: number;
}

/** Decides which refusals to log: the first of each burst per rule, then a count when it ends. */
export class RefusalLog {
  private readonly bursts = new Map<RiskRule, Burst>();

  /** The line to log for this refusal, or undefined while its burst goes on. */
  onRefusal(why: RiskRefusal, now: number): string | undefined {
    const burst = this.bursts.get(why.rule);
    if (burst !== undefined && now - burst.lastAt < REFUSAL_BURST_QUIET_MS) {
      burst.lastAt = now;
      burst.suppressed += 1;
      return undefined;
    }
    const earlier =
      burst !== undefined && burst.suppressed > 0
        ? ` (${burst.suppressed} more refused in the last burst)`
        : "";
    this.bursts.set(why.rule, { lastAt: now, suppressed: 0 });
    return `Order refused: ${why.message}; further refusals by ${why.rule} are counted, not logged, until it is quiet for ${REFUSAL_BURST_QUIET_MS / 1000} s${earlier}`;
  }

  /** Lines closing the bursts that ended by `now` (call on the timer). */
  flush(now: number): string[] {
    const lines: string[] = [];
    for (const [rule, burst] of this.bursts) {
      if (now - burst.lastAt < REFUSAL_BURST_QUIET_MS) continue;
      if (burst.suppressed > 0)
        lines.push(`risk ${rule}: ${burst.suppressed} more refused in the burst that just ended`);
      this.bursts.delete(rule);
    }
    return lines;
  }
}
