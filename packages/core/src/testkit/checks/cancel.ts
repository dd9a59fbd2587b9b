import { Status } from "../../constants.js";
import { EVENT_ORDER } from "../../event-types.js";
import type { OrderData } from "../../objects/order.js";
import { createCancelRequest } from "../../objects/requests.js";
import { ConformanceError } from "../errors.js";
import { listProblems, showOrder, showStatuses } from "../messages.js";
import { type ConformanceSession, errorText } from "../session.js";
import { settle } from "../settle.js";
import { isFinished, lifecycleProblems } from "./order-rules.js";
import { expectSubmitting } from "./send-order.js";

/**
 * Checks cancellation: a resting order, once acknowledged, ends CANCELLED after `cancelOrder()`,
 * through valid transitions.
 *
 * @throws {@link ConformanceError} or `WaitTimeoutError` describing the first violation
 */
export async function checkCancel(session: ConformanceSession): Promise<void> {
  await cancelRestingOrder(session, "cancel");
}

/**
 * Checks that cancelling a finished order (ALLTRADED or CANCELLED; one of each when the session
 * has them, otherwise a freshly cancelled one) neither throws nor changes the order: any later
 * snapshot of it keeps its status and traded volume.
 *
 * @throws {@link ConformanceError} describing the first violation
 */
export async function checkCancelFinished(session: ConformanceSession): Promise<void> {
  const check = "cancelFinished";
  const finished = finishedOrdersOf(session);
  if (finished.length === 0) finished.push(await cancelRestingOrder(session, check));
  for (const order of finished) {
    const before = session.orderUpdates(order.vtOrderid).length;
    try {
      session.asGateway(() => session.gateway.cancelOrder(createCancelRequest(order)));
    } catch (error) {
      throw new ConformanceError(
        check,
        `cancelOrder() of ${showOrder(order)} threw ${errorText(error)}; cancelling a finished order must not throw (write a log instead)`,
        { cause: error },
      );
    }
    await settle(session.eventEngine, session.options.timeouts.quietPeriod);
    const changed = session
      .orderUpdates(order.vtOrderid)
      .slice(before)
      .filter((o) => o.status !== order.status || o.traded !== order.traded);
    if (changed.length > 0) {
      throw new ConformanceError(
        check,
        `cancelling the finished ${showOrder(order)} changed it to ${showOrder(changed[0]!)}; a finished order is final`,
      );
    }
  }
}

/** The latest snapshot of one ALLTRADED and one CANCELLED order of the session, when there are such. */
function finishedOrdersOf(session: ConformanceSession): OrderData[] {
  const latest = new Map<string, OrderData>();
  for (const order of session.recorder.dataOf(EVENT_ORDER)) latest.set(order.vtOrderid, order);
  const picked = new Map<Status, OrderData>();
  for (const order of latest.values()) {
    if (
      (order.status === Status.ALLTRADED || order.status === Status.CANCELLED) &&
      !picked.has(order.status)
    ) {
      picked.set(order.status, order);
    }
  }
  return [...picked.values()];
}

/** Sends the harness resting order, cancels it once acknowledged and checks it ends CANCELLED. */
export async function cancelRestingOrder(session: ConformanceSession, check: string): Promise<OrderData> {
  const contract = await session.connect();
  await session.subscribe();
  const req = session.options.harness.restingOrder(contract, session.latestTick());
  const vtOrderid = session.sendOrder(req, check);
  try {
    await expectSubmitting(session, vtOrderid, req, check);
    const acked = await session.waitForOrder(
      vtOrderid,
      (o) => o.status !== Status.SUBMITTING,
      "leave SUBMITTING",
    );
    if (acked.status !== Status.NOTTRADED && acked.status !== Status.PARTTRADED) {
      throw new ConformanceError(
        check,
        `the resting order became ${showOrder(acked)} before it could be cancelled; restingOrder() must give an order that rests`,
      );
    }
    try {
      session.asGateway(() => session.gateway.cancelOrder(createCancelRequest(acked)));
    } catch (error) {
      throw new ConformanceError(check, `cancelOrder() of ${showOrder(acked)} threw ${errorText(error)}`, {
        cause: error,
      });
    }
    const final = await session.waitForOrder(
      vtOrderid,
      isFinished,
      "finish after cancelOrder() (CANCELLED expected)",
    );
    if (final.status !== Status.CANCELLED) {
      throw new ConformanceError(
        check,
        `after cancelOrder() the resting order ended ${showOrder(final)}, expected CANCELLED (statuses: ${showStatuses(session.orderUpdates(vtOrderid))})`,
      );
    }
    const problems = lifecycleProblems(session.orderUpdates(vtOrderid));
    if (problems.length > 0)
      throw new ConformanceError(check, `invalid order updates: ${listProblems(problems)}`);
    return final;
  } finally {
    await session.cancelQuietly(vtOrderid);
  }
}
