/**
 * Bounded memory for the trade side in long sessions: finished orders and seen trade ids are kept
 * up to a limit, then the oldest are forgotten. What is forgotten must still be recognised if the
 * broker replays it, so each structure remembers the highest report sequence it forgot: reports
 * arrive from the native library in sequence order, exactly once, so a report at or below that
 * sequence is one already handled, never a new one.
 *
 * @module
 */

/** Defaults of {@link RetentionLimits}. */
export const DEFAULT_RETENTION = Object.freeze({ finishedOrders: 20_000, tradeIds: 100_000 });

/** How much the trade side remembers. */
export interface RetentionLimits {
  /** Finished orders kept in full (for late reports, cancels, lookups by broker id). */
  readonly finishedOrders: number;
  /** Trade ids kept to drop duplicates. */
  readonly tradeIds: number;
}

/** Keys in arrival order with their report sequence; beyond `limit` the oldest are forgotten. */
class BoundedSeqs {
  private readonly seqs = new Map<string, number>();
  /** Highest sequence among the forgotten keys. */
  private forgottenSeq = 0;

  constructor(
    private readonly limit: number,
    private readonly onForget: (key: string) => void = () => {},
  ) {}

  has(key: string): boolean {
    return this.seqs.has(key);
  }

  add(key: string, seq: number): void {
    if (this.seqs.has(key)) return;
    this.seqs.set(key, seq);
    while (this.seqs.size > this.limit) {
      const [oldest, oldSeq] = this.seqs.entries().next().value as [string, number];
      this.seqs.delete(oldest);
      this.forgottenSeq = Math.max(this.forgottenSeq, oldSeq);
      this.onForget(oldest);
    }
  }

  /** Forgets everything, forgotten sequences included (another account: its sequences start anew). */
  clear(): void {
    this.seqs.clear();
    this.forgottenSeq = 0;
  }

  /**
   * The broker's report sequence restarted (a new broker session): keys stay known, but no
   * sequence seen so far says anything about the new ones.
   */
  restartSequence(): void {
    for (const key of this.seqs.keys()) this.seqs.set(key, 0);
    this.forgottenSeq = 0;
  }

  /** True for a report (sequence > 0) no newer than something already forgotten: a replay. */
  isForgottenReplay(seq: number): boolean {
    return seq > 0 && seq <= this.forgottenSeq;
  }
}

/** Finished orders, oldest first; `onForget` drops the order's entry when it falls out. */
export class FinishedOrders extends BoundedSeqs {}

/** Trade ids already pushed. */
export class SeenTradeIds extends BoundedSeqs {}
