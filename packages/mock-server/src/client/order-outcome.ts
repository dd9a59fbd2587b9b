/**
 * Waiting for an order's outcome over a {@link TradeClient}, for tests of anything that trades
 * against the mock servers: event-driven (no polling, no fixed sleeps) with a generous timeout
 * that names the order and the last status seen.
 */
import type { OrderReport, OrderReq, OrderRsp } from "../protocol/messages.js";
import { OrderStatus } from "../protocol/messages.js";
import type { TradeClient } from "./trade-client.js";

/** Statuses after which an order changes no more. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.Filled,
  OrderStatus.CancelFilled,
  OrderStatus.PartiallyCanceled,
  OrderStatus.Rejected,
];

/** Default wait: long, because tests must not depend on the machine's speed. */
export const DEFAULT_OUTCOME_TIMEOUT_MS = 30_000;

/** Which order to wait for: by the server's id or the client's own. */
export type OrderKey = { readonly orderId: string } | { readonly clOrderId: string };

/** Options of {@link waitForOrderStatus}. */
export interface WaitOptions {
  /** Statuses to wait for (default {@link FINAL_ORDER_STATUSES}). */
  readonly statuses?: readonly OrderStatus[];
  readonly timeoutMs?: number;
}

const statusName = (status: number): string =>
  Object.entries(OrderStatus).find(([, v]) => v === status)?.[0] ?? String(status);

/**
 * Resolves with the first order report of `key` in one of `statuses`. Start waiting before the
 * request that causes it (reports are not stored by the client), or use {@link placeOrderAndWait}.
 */
export function waitForOrderStatus(
  client: TradeClient,
  key: OrderKey,
  options: WaitOptions = {},
): Promise<OrderReport> {
  const statuses = options.statuses ?? FINAL_ORDER_STATUSES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_OUTCOME_TIMEOUT_MS;
  const matches = (r: OrderReport) =>
    "orderId" in key ? r.orderId === key.orderId : r.clOrderId === key.clOrderId;
  return new Promise((resolve, reject) => {
    let last: OrderReport | undefined;
    const listener = (report: OrderReport) => {
      if (!matches(report)) return;
      last = report;
      if (!statuses.includes(report.status)) return;
      clearTimeout(timer);
      client.off("orderReport", listener);
      resolve(report);
    };
    const timer = setTimeout(() => {
      client.off("orderReport", listener);
      const which = "orderId" in key ? `orderId ${key.orderId}` : `clOrderId ${key.clOrderId}`;
      const seen = last === undefined ? "no report" : `last status ${statusName(last.status)}`;
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for order ${which} to reach ${statuses.map(statusName).join("/")} (${seen})`,
        ),
      );
    }, timeoutMs);
    client.on("orderReport", listener);
  });
}

/**
 * Sends an order and waits for its outcome (a final status by default). The report stream must be
 * subscribed (`subscribeReports`). A `clOrderId` is required to recognise the reports that may
 * arrive before the response.
 */
export async function placeOrderAndWait(
  client: TradeClient,
  req: OrderReq,
  options: WaitOptions = {},
): Promise<{ response: OrderRsp; report: OrderReport }> {
  if (req.clOrderId === "") throw new Error("placeOrderAndWait: clOrderId must not be empty");
  const outcome = waitForOrderStatus(client, { clOrderId: req.clOrderId }, options);
  let response: OrderRsp;
  try {
    response = await client.order(req);
  } catch (error) {
    outcome.catch(() => {}); // the request failed: nobody waits for the outcome any more
    throw error;
  }
  return { response, report: await outcome };
}
