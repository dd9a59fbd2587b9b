/**
 * The page's copy of the trader's state, fed by the snapshot and the live messages, with
 * per-topic change notification so each view redraws only when its data changed.
 */

import { shortenIdsInText, shortIds } from "../../src/shared/display-id.js";
import type {
  MaskedSettings,
  PricePoint,
  ServerMessage,
  Snapshot,
  StrategiesView,
  TraderMode,
  WireAccount,
  WireContract,
  WireLog,
  WireOrder,
  WirePosition,
  WireRisk,
  WireStatus,
  WireTick,
  WireTrade,
} from "../../src/shared/protocol.js";

/** What changed. */
export type Topic =
  | "ticks"
  | "orders"
  | "trades"
  | "positions"
  | "accounts"
  | "contracts"
  | "logs"
  | "statuses"
  | "history"
  | "subscriptions"
  | "settings"
  | "selection"
  | "feed"
  | "risk"
  | "strategies";

const MAX_LOGS = 500;
const MAX_POINTS = 2000;
const ACTIVE = new Set(["SUBMITTING", "NOTTRADED", "PARTTRADED"]);

/** True while an order can still trade or be cancelled. */
export function isActive(order: WireOrder): boolean {
  return ACTIVE.has(order.status);
}

export class Store {
  gatewayName = "";
  mode: TraderMode = "simulator";
  readonly ticks = new Map<string, WireTick>();
  /** Previous last price per instrument, to flash changes. */
  readonly previousLast = new Map<string, number>();
  readonly orders = new Map<string, WireOrder>();
  readonly trades = new Map<string, WireTrade>();
  readonly positions = new Map<string, WirePosition>();
  readonly accounts = new Map<string, WireAccount>();
  readonly contracts = new Map<string, WireContract>();
  readonly statuses = new Map<string, WireStatus>();
  readonly history = new Map<string, PricePoint[]>();
  logs: WireLog[] = [];
  subscriptions: readonly string[] = [];
  /** Refused subscriptions: the reason by vtSymbol. */
  subscriptionFailures: Readonly<Record<string, string>> = {};
  /** When this page received each instrument's latest tick (epoch ms), for the age of stale prices. */
  readonly receivedAt = new Map<string, number>();
  /** Whether the WebSocket to the trader is open: when it is not, nothing shown is current. */
  feedOpen = false;
  settings: MaskedSettings | undefined;
  /** The risk engine's state and limits. */
  risk: WireRisk | undefined;
  /** The hosted strategies and the strategy inputs that failed to load. */
  strategies: StrategiesView = { strategies: [], loadErrors: [] };
  /** The instrument shown in the depth view and the chart. */
  selected: string | undefined;

  private shortOrderIds: Map<string, string> | undefined;
  private readonly listeners = new Set<(topics: ReadonlySet<Topic>) => void>();
  private readonly dirty = new Set<Topic>();
  private scheduled = false;

  /** Calls `listener` at most once per animation frame with the topics that changed. */
  subscribe(listener: (topics: ReadonlySet<Topic>) => void): void {
    this.listeners.add(listener);
  }

  /** Applies one message from the server. */
  apply(message: ServerMessage): void {
    switch (message.kind) {
      case "snapshot":
        this.reset(message.data);
        return;
      case "tick": {
        const tick = message.data;
        const old = this.ticks.get(tick.vtSymbol);
        if (old !== undefined) this.previousLast.set(tick.vtSymbol, old.lastPrice);
        this.ticks.set(tick.vtSymbol, tick);
        this.receivedAt.set(tick.vtSymbol, Date.now());
        if (tick.lastPrice > 0) {
          const series = this.history.get(tick.vtSymbol) ?? [];
          series.push([Date.parse(tick.datetime), tick.lastPrice]);
          if (series.length > MAX_POINTS * 1.25) series.splice(0, series.length - MAX_POINTS);
          this.history.set(tick.vtSymbol, series);
          if (tick.vtSymbol === this.selected) this.touch("history");
        }
        if (this.selected === undefined) this.select(tick.vtSymbol);
        this.touch("ticks");
        return;
      }
      case "order":
        if (!this.orders.has(message.data.vtOrderid)) this.shortOrderIds = undefined;
        this.orders.set(message.data.vtOrderid, message.data);
        this.touch("orders");
        return;
      case "trade":
        this.trades.set(message.data.vtTradeid, message.data);
        this.touch("trades");
        return;
      case "position":
        this.positions.set(message.data.vtPositionid, message.data);
        this.touch("positions");
        return;
      case "account":
        this.accounts.set(message.data.vtAccountid, message.data);
        this.touch("accounts");
        return;
      case "contract":
        this.contracts.set(message.data.vtSymbol, message.data);
        this.touch("contracts");
        return;
      case "log":
        this.logs.push(message.data);
        if (this.logs.length > MAX_LOGS) this.logs.splice(0, this.logs.length - MAX_LOGS);
        this.touch("logs");
        return;
      case "status":
        this.statuses.set(message.data.side, message.data);
        this.touch("statuses");
        return;
      case "subscriptions":
        this.subscriptions = message.data;
        this.touch("subscriptions");
        return;
      case "subscriptionFailures":
        this.subscriptionFailures = message.data;
        this.touch("subscriptions");
        return;
      case "risk":
        this.risk = message.data;
        this.touch("risk");
        return;
      case "strategies":
        this.strategies = message.data;
        this.touch("strategies");
        return;
      case "settings":
        this.settings = message.data.settings;
        this.mode = message.data.mode;
        this.touch("settings");
        return;
    }
  }

  /**
   * The short display id of an order (the shortest tail of its id no other order shares, as the
   * terminal shows it); the full id belongs in the title.
   */
  orderLabel(vtOrderid: string): string {
    this.shortOrderIds ??= shortIds(this.orders.keys());
    return (
      this.shortOrderIds.get(vtOrderid) ??
      shortIds([...this.orders.keys(), vtOrderid]).get(vtOrderid) ??
      vtOrderid
    );
  }

  /** A log message with the order ids in it shortened as the tables show them. */
  shortenIds(text: string): string {
    this.shortOrderIds ??= shortIds(this.orders.keys());
    return shortenIdsInText(text, this.shortOrderIds);
  }

  /** Records whether the feed is open (the LIVE badge, stale prices, the order entry). */
  setFeedOpen(open: boolean): void {
    if (this.feedOpen === open) return;
    this.feedOpen = open;
    this.touch("feed");
  }

  /** Shows `vtSymbol` in the depth view and the chart. */
  select(vtSymbol: string): void {
    this.selected = vtSymbol;
    this.touch("selection");
    this.touch("history");
  }

  private reset(snapshot: Snapshot): void {
    this.gatewayName = snapshot.gatewayName;
    this.mode = snapshot.mode;
    const fill = <T>(map: Map<string, T>, items: readonly T[], key: (item: T) => string) => {
      map.clear();
      for (const item of items) map.set(key(item), item);
    };
    fill(this.ticks, snapshot.ticks, (t) => t.vtSymbol);
    fill(this.orders, snapshot.orders, (o) => o.vtOrderid);
    this.shortOrderIds = undefined;
    const now = Date.now();
    this.receivedAt.clear();
    for (const tick of snapshot.ticks) this.receivedAt.set(tick.vtSymbol, now);
    fill(this.trades, snapshot.trades, (t) => t.vtTradeid);
    fill(this.positions, snapshot.positions, (p) => p.vtPositionid);
    fill(this.accounts, snapshot.accounts, (a) => a.vtAccountid);
    fill(this.contracts, snapshot.contracts, (c) => c.vtSymbol);
    fill(this.statuses, snapshot.statuses, (s) => s.side);
    this.history.clear();
    for (const [vtSymbol, points] of Object.entries(snapshot.history))
      this.history.set(vtSymbol, [...points]);
    this.logs = [...snapshot.logs];
    this.subscriptions = snapshot.subscriptions;
    this.subscriptionFailures = snapshot.subscriptionFailures;
    this.settings = snapshot.settings;
    this.risk = snapshot.risk;
    this.strategies = snapshot.strategies;
    if (this.selected === undefined || !this.ticks.has(this.selected)) {
      this.selected = snapshot.subscriptions[0] ?? snapshot.ticks[0]?.vtSymbol;
    }
    for (const topic of [
      "ticks",
      "orders",
      "trades",
      "positions",
      "accounts",
      "contracts",
      "logs",
      "statuses",
      "history",
      "subscriptions",
      "settings",
      "selection",
      "strategies",
    ] as const)
      this.touch(topic);
  }

  private touch(topic: Topic): void {
    this.dirty.add(topic);
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const topics = new Set(this.dirty);
      this.dirty.clear();
      for (const listener of this.listeners) listener(topics);
    });
  }
}
