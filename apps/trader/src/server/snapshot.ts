/**
 * The state snapshot a dashboard receives when it connects (and `GET /api/state` returns).
 *
 * @module
 */
import { SNAPSHOT_LOGS } from "../constants.js";
import type { Snapshot } from "../shared/protocol.js";
import type { TraderRuntime } from "../trader-runtime.js";

/**
 * Builds the snapshot from the OMS. The objects are the OMS's frozen data objects; their JSON form
 * is the `Wire` type the page sees.
 */
export function buildSnapshot(runtime: TraderRuntime): Snapshot {
  const main = runtime.mainEngine;
  const snapshot = {
    gatewayName: runtime.gatewayName,
    mode: runtime.mode,
    ticks: main.getAllTicks(),
    orders: main.getAllOrders(),
    trades: main.getAllTrades(),
    positions: main.getAllPositions(),
    accounts: main.getAllAccounts(),
    contracts: main.getAllContracts(),
    logs: main.getAllLogs().slice(-SNAPSHOT_LOGS),
    statuses: main.getAllGatewayStatuses(),
    subscriptions: runtime.subscriptionList,
    subscriptionFailures: runtime.subscriptionFailures.all(),
    history: runtime.history.all(),
    settings: runtime.maskedSettings(),
    risk: runtime.riskSnapshot(),
    strategies: runtime.strategies.view(),
  };
  // Dates become ISO strings in JSON; the round trip makes the object its wire type exactly.
  return JSON.parse(JSON.stringify(snapshot)) as Snapshot;
}
