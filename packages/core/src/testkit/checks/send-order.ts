import { Status } from "../../constants.js";
import { EVENT_ORDER } from "../../event-types.js";
import type { OrderData } from "../../objects/order.js";
import type { OrderRequest } from "../../objects/requests.js";
import { ConformanceError } from "../errors.js";
import { listProblems, showOrder, showStatuses, showValue } from "../messages.js";
import type { ConformanceSession } from "../session.js";
import { lifecycleProblems, requestMismatches } from "./order-rules.js";

const CHECK = "sendOrder";

/**
 * Checks order submission with the harness's resting order: `sendOrder()` returns this gateway's
 * vtOrderid synchronously; the first order event of that id is SUBMITTING (published on
 * `eOrder.` and `eOrder.<vtOrderid>`) and matches the request; the order is then acknowledged
 * as NOTTRADED. The order is cancelled afterwards (best effort).
 *
 * @throws {@link ConformanceError} or `WaitTimeoutError` describing the first violation
 */
export async function checkSendOrder(session: ConformanceSession): Promise<void> {
  const contract = await session.connect();
  await session.subscribe();
  const req = session.options.harness.restingOrder(contract, session.latestTick());
  const vtOrderid = session.sendOrder(req, CHECK);
  try {
    const first = await expectSubmitting(session, vtOrderid, req, CHECK);
    await session.recorder.waitFor(
      `${EVENT_ORDER}${vtOrderid}`,
      (order) => order === first,
      session.options.timeouts.order,
      `the SUBMITTING snapshot of ${vtOrderid} on "${EVENT_ORDER}${vtOrderid}" as well (use onOrder())`,
    );
    const acked = await session.waitForOrder(
      vtOrderid,
      (o) => o.status !== Status.SUBMITTING,
      "leave SUBMITTING",
    );
    if (acked.status !== Status.NOTTRADED) {
      throw new ConformanceError(
        CHECK,
        `the resting order became ${showOrder(acked)}; expected NOTTRADED. ${restingHint(acked, req)}`,
      );
    }
    const problems = lifecycleProblems(session.orderUpdates(vtOrderid));
    if (problems.length > 0)
      throw new ConformanceError(CHECK, `invalid order updates: ${listProblems(problems)}`);
  } finally {
    await session.cancelQuietly(vtOrderid);
  }
}

/**
 * Waits for the first order event of `vtOrderid` and checks it is a SUBMITTING snapshot matching
 * `req`. Shared by the order checks.
 */
export async function expectSubmitting(
  session: ConformanceSession,
  vtOrderid: string,
  req: OrderRequest,
  check: string,
): Promise<OrderData> {
  const first = await session.recorder.waitFor(
    EVENT_ORDER,
    (order) => order.vtOrderid === vtOrderid,
    session.options.timeouts.order,
    `the first order event of ${vtOrderid} (sendOrder() must push the order as SUBMITTING)`,
  );
  if (first.status !== Status.SUBMITTING) {
    const rejected = first.status === Status.REJECTED ? ` ${restingHint(first, req)}` : "";
    throw new ConformanceError(
      check,
      `the first order event of ${vtOrderid} is ${showOrder(first)}, expected SUBMITTING: push createOrderData(req, orderid, gatewayName) from sendOrder() before the venue answers (statuses seen: ${showStatuses(session.orderUpdates(vtOrderid))}).${rejected}`,
    );
  }
  const mismatches = requestMismatches(first, req, session.gatewayName);
  if (mismatches.length > 0) {
    throw new ConformanceError(
      check,
      `the SUBMITTING order does not match its request: ${listProblems(mismatches)}`,
    );
  }
  return first;
}

function restingHint(order: OrderData, req: OrderRequest): string {
  switch (order.status) {
    case Status.REJECTED:
      return `The venue rejected it; harness order functions must return orders it accepts. Request: ${showValue(req)}`;
    case Status.PARTTRADED:
    case Status.ALLTRADED:
      return `It traded; restingOrder() must price the order away from the market. Request: ${showValue(req)}`;
    default:
      return `Statuses must go SUBMITTING → NOTTRADED for an accepted order that has not traded.`;
  }
}
