/**
 * Fault injection: the switches the control handle turns (report delay, duplication and
 * reordering, market-data pause) and the per-session report output that applies them. Faults
 * that act on connections (drop, stall, restart) and on the broker (reject next logins/orders)
 * are carried out by the servers and the broker; `MockControl` in mock-servers.ts ties them
 * together and logs each one.
 */
import type { Report } from "../protocol/messages.js";

/** A report held for reordering is sent alone after this long if no successor comes. */
export const REORDER_HOLD_MS = 50;

/** Current fault switches, shared by the servers. */
export class FaultState {
  /** Delay every report by this many ms (0 = off). */
  reportDelayMs = 0;
  /** Send every report twice. */
  duplicateReports = false;
  /** Swap adjacent pairs of reports. */
  reorderReports = false;
  /** Market data is not sent while paused (the market itself keeps moving). */
  marketPaused = false;

  reset(): void {
    this.reportDelayMs = 0;
    this.duplicateReports = false;
    this.reorderReports = false;
    this.marketPaused = false;
  }

  /** A short description of what is on, for logs. */
  describe(): string {
    const on: string[] = [];
    if (this.reportDelayMs > 0) on.push(`delay reports ${this.reportDelayMs} ms`);
    if (this.duplicateReports) on.push("duplicate reports");
    if (this.reorderReports) on.push("reorder reports");
    if (this.marketPaused) on.push("market data paused");
    return on.length > 0 ? on.join(", ") : "none";
  }
}

/**
 * The report stream of one session as it leaves the server: applies the report faults. Faults
 * never change a report, only when and how often it is sent (protocol.md section 6).
 */
export class ReportOutput {
  private held: Report | undefined;
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private disposed = false;

  constructor(
    private readonly faults: FaultState,
    private readonly send: (report: Report) => void,
  ) {}

  push(report: Report): void {
    if (this.disposed) return;
    if (this.faults.reorderReports) {
      const first = this.held;
      if (first === undefined) {
        this.held = report;
        this.holdTimer = setTimeout(() => this.releaseHeld(), REORDER_HOLD_MS);
        return;
      }
      this.clearHold();
      this.deliver(report);
      this.deliver(first);
      return;
    }
    // Reordering was switched off while a report was held: keep the order for what follows.
    if (this.held !== undefined) this.releaseHeld();
    this.deliver(report);
  }

  /** Stops all pending sends (the session closed). */
  dispose(): void {
    this.disposed = true;
    this.clearHold();
    this.held = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private releaseHeld(): void {
    const held = this.held;
    this.clearHold();
    if (held !== undefined) this.deliver(held);
  }

  private clearHold(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    this.held = undefined;
  }

  private deliver(report: Report): void {
    const delay = this.faults.reportDelayMs;
    if (delay > 0) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!this.disposed) this.emit(report);
      }, delay);
      this.timers.add(t);
    } else {
      this.emit(report);
    }
  }

  private emit(report: Report): void {
    this.send(report);
    if (this.faults.duplicateReports) this.send(report);
  }
}
