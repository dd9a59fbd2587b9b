/**
 * What the trading host holds between the opening uncross and continuous trading (09:25–09:30):
 * orders and cancels are accepted but not processed ("交易主机只接受申报，但不对买卖申报或撤销申报
 * 作处理"), then processed at 09:30 in the order they arrived. Pure: the broker decides when to
 * queue and what processing means.
 */

/** One held request: a new order, or a cancel of an open order. */
export interface PreOpenAction<O> {
  readonly kind: "order" | "cancel";
  readonly order: O;
}

/** Requests accepted 09:25–09:30, in arrival order. */
export class PreOpenQueue<O> {
  private actions: PreOpenAction<O>[] = [];

  /** Holds a new order until continuous trading starts. */
  holdOrder(order: O): void {
    this.actions.push({ kind: "order", order });
  }

  /** Holds a cancel until continuous trading starts. */
  holdCancel(order: O): void {
    this.actions.push({ kind: "cancel", order });
  }

  /** How many requests wait. */
  get size(): number {
    return this.actions.length;
  }

  /** Takes every held request, oldest first, leaving the queue empty. */
  drain(): PreOpenAction<O>[] {
    const out = this.actions;
    this.actions = [];
    return out;
  }
}
