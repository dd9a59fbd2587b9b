/**
 * What the broker holds between the opening uncross and continuous trading (09:25–09:30), when
 * the exchanges' trading hosts take no orders and no cancels (SZSE 交易规则 art. 3.3.1 as amended by
 * Notice No. 138 [2016], in force 2016-05-09: orders are accepted 9:15–9:25, 9:30–11:30 and
 * 13:00–15:00; docs/exchange-rules.md). The broker accepts them and sends them at 09:30 in arrival
 * order; an order it still holds can be withdrawn before that. Pure: the broker decides what
 * sending means.
 */

/** One held request: a new order, or a cancel of an order already at the exchange. */
export interface PreOpenAction<O> {
  readonly kind: "order" | "cancel";
  readonly order: O;
}

/** Requests accepted 09:25–09:30, in arrival order. */
export class PreOpenQueue<O> {
  private actions: PreOpenAction<O>[] = [];
  private readonly heldOrders = new Set<O>();

  /** Holds a new order until continuous trading starts. */
  holdOrder(order: O): void {
    this.actions.push({ kind: "order", order });
    this.heldOrders.add(order);
  }

  /** Holds a cancel of an order already at the exchange until continuous trading starts. */
  holdCancel(order: O): void {
    this.actions.push({ kind: "cancel", order });
  }

  /** Is `order` a new order still held here (not yet sent to the exchange)? */
  isHeld(order: O): boolean {
    return this.heldOrders.has(order);
  }

  /** Takes a held order back (its client cancelled it before it was sent). */
  withdraw(order: O): void {
    this.heldOrders.delete(order);
    this.actions = this.actions.filter((a) => a.order !== order);
  }

  /** Takes every held request, oldest first, leaving the queue empty. */
  drain(): PreOpenAction<O>[] {
    const out = this.actions;
    this.actions = [];
    this.heldOrders.clear();
    return out;
  }
}
