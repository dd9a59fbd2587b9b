/**
 * {@link SqliteJournal}: the durable {@link OrderJournal}, one SQLite file (better-sqlite3) that
 * any number of gateways of one process share.
 *
 * Durability: the file is in WAL mode and every save outside {@link SqliteJournal.transaction} is
 * its own committed transaction, so a save or transaction that returned survives the process being
 * killed (SIGKILL, a crash). With `durability: "power"` each commit is also synced to disk
 * (survives power loss; costs an fsync per commit).
 *
 * Rows are kept per trading day (China Standard Time date by default); `load` only returns the
 * journal's own day, so yesterday's orders never come back as today's. Older days stay in the file
 * for audit until {@link SqliteJournal.prune} removes them.
 *
 * @module
 */
import {
  chinaDayKey,
  type JournalContents,
  type JournalOrder,
  type JournalOrderIds,
  type OrderJournal,
  type RiskCountStore,
  type RiskDayCounts,
  type TradeData,
} from "@tsgate/core";
import Database from "better-sqlite3";
import { orderFromJson, orderToJson, tradeFromJson, tradeToJson } from "./records.js";
import { SCHEMA_SQL, SCHEMA_VERSION } from "./schema.js";

/** How hard a save is pushed to disk. */
export type JournalDurability = "process" | "power";

/** Options of {@link SqliteJournal.open}. */
export interface SqliteJournalOptions {
  /** The trading day the journal records, `YYYYMMDD`; default today in China Standard Time. */
  readonly tradingDay?: string;
  /** `"process"` (default): survives a killed process; `"power"`: also power loss. */
  readonly durability?: JournalDurability;
}

/** Thrown when the journal file cannot be opened or was written by a newer schema. */
export class JournalOpenError extends Error {
  override readonly name = "JournalOpenError";
}

/** Today's date in China Standard Time as `YYYYMMDD` (the same day key as the risk engine's). */
export function chinaTradingDay(now: Date = new Date()): string {
  return chinaDayKey(now.getTime());
}

interface OrderRow {
  orderid: string;
  server_id: string;
  last_seq: number;
  data: string;
}
interface TradeRow {
  tradeid: string;
  data: string;
}
interface RiskCountsRow {
  orders: number;
  cancels: number;
}
interface IdsRow {
  prefix: string;
  counter: number;
}

/**
 * A durable order journal in one SQLite file.
 *
 * @example
 * ```ts
 * const journal = SqliteJournal.open("hft-journal.db");
 * const main = new MainEngine(undefined, { risk: {}, riskStore: journal }); // the day's risk counts too
 * main.addGateway(HftGateway, "HFT", { journal });
 * // ... at exit, after main.close():
 * journal.close();
 * ```
 */
export class SqliteJournal implements OrderJournal, RiskCountStore {
  /** The trading day this journal reads and writes. */
  readonly tradingDay: string;
  /** The file's path. */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements;

  private constructor(db: Database.Database, path: string, tradingDay: string) {
    this.db = db;
    this.path = path;
    this.tradingDay = tradingDay;
    this.statements = {
      orders: db.prepare<[string, string], OrderRow>(
        "SELECT orderid, server_id, last_seq, data FROM orders WHERE gateway = ? AND trading_day = ? ORDER BY rowid",
      ),
      trades: db.prepare<[string, string], TradeRow>(
        "SELECT tradeid, data FROM trades WHERE gateway = ? AND trading_day = ? ORDER BY rowid",
      ),
      ids: db.prepare<[string, string], IdsRow>(
        "SELECT prefix, counter FROM order_ids WHERE gateway = ? AND trading_day = ?",
      ),
      saveIds: db.prepare(
        `INSERT INTO order_ids (gateway, trading_day, prefix, counter) VALUES (?, ?, ?, ?)
         ON CONFLICT (gateway, trading_day) DO UPDATE SET prefix = excluded.prefix, counter = excluded.counter`,
      ),
      saveOrder: db.prepare(
        `INSERT INTO orders (gateway, trading_day, orderid, server_id, last_seq, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (gateway, trading_day, orderid) DO UPDATE SET
           server_id = excluded.server_id, last_seq = excluded.last_seq, data = excluded.data`,
      ),
      saveTrade: db.prepare(
        "INSERT OR IGNORE INTO trades (gateway, trading_day, tradeid, data) VALUES (?, ?, ?, ?)",
      ),
      riskCounts: db.prepare<[string], RiskCountsRow>(
        "SELECT orders, cancels FROM risk_counts WHERE trading_day = ?",
      ),
      saveRiskCounts: db.prepare(
        `INSERT INTO risk_counts (trading_day, orders, cancels) VALUES (?, ?, ?)
         ON CONFLICT (trading_day) DO UPDATE SET orders = excluded.orders, cancels = excluded.cancels`,
      ),
    };
  }

  /**
   * Opens (creating if needed) the journal file at `path`.
   *
   * @throws {@link JournalOpenError} when the file cannot be opened, is not a journal, or has a
   *   newer schema
   */
  static open(path: string, options: SqliteJournalOptions = {}): SqliteJournal {
    const tradingDay = options.tradingDay ?? chinaTradingDay();
    if (!/^\d{8}$/.test(tradingDay)) {
      throw new JournalOpenError(`tradingDay: expected YYYYMMDD, got "${tradingDay}"`);
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      db.pragma("journal_mode = WAL");
      db.pragma(`synchronous = ${options.durability === "power" ? "FULL" : "NORMAL"}`);
      db.pragma("busy_timeout = 5000");
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new JournalOpenError(
          `journal ${path} has schema version ${version}; this @tsgate/journal reads up to ${SCHEMA_VERSION}`,
        );
      }
      db.exec(SCHEMA_SQL);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return new SqliteJournal(db, path, tradingDay);
    } catch (error) {
      db?.close();
      if (error instanceof JournalOpenError) throw error;
      throw new JournalOpenError(`cannot open journal ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  load(gatewayName: string): JournalContents {
    const day = this.tradingDay;
    const orders: JournalOrder[] = this.statements.orders.all(gatewayName, day).map((row) => ({
      order: orderFromJson(row.data, row.orderid),
      serverId: row.server_id,
      lastSeq: row.last_seq,
    }));
    const trades = this.statements.trades
      .all(gatewayName, day)
      .map((row) => tradeFromJson(row.data, row.tradeid));
    const ids = this.statements.ids.get(gatewayName, day);
    return {
      orders,
      trades,
      orderIds: ids === undefined ? undefined : { prefix: ids.prefix, counter: ids.counter },
    };
  }

  saveOrderIds(gatewayName: string, ids: JournalOrderIds): void {
    this.statements.saveIds.run(gatewayName, this.tradingDay, ids.prefix, ids.counter);
  }

  saveOrder(gatewayName: string, entry: JournalOrder): void {
    this.statements.saveOrder.run(
      gatewayName,
      this.tradingDay,
      entry.order.orderid,
      entry.serverId,
      entry.lastSeq,
      orderToJson(entry.order),
    );
  }

  saveTrade(gatewayName: string, trade: TradeData): void {
    this.statements.saveTrade.run(gatewayName, this.tradingDay, trade.tradeid, tradeToJson(trade));
  }

  /** The risk engine's counts of `tradingDay` (the risk engine passes its own day). */
  loadRiskCounts(tradingDay: string): RiskDayCounts | undefined {
    const row = this.statements.riskCounts.get(tradingDay);
    return row === undefined ? undefined : { orders: row.orders, cancels: row.cancels };
  }

  /** Saves the risk engine's counts of `tradingDay`. */
  saveRiskCounts(tradingDay: string, counts: RiskDayCounts): void {
    this.statements.saveRiskCounts.run(tradingDay, counts.orders, counts.cancels);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /**
   * Deletes the rows of trading days before `beforeDay` (`YYYYMMDD`).
   *
   * @returns how many orders and trades were removed
   */
  prune(beforeDay: string): { orders: number; trades: number } {
    return this.db.transaction(() => {
      const orders = this.db.prepare("DELETE FROM orders WHERE trading_day < ?").run(beforeDay).changes;
      const trades = this.db.prepare("DELETE FROM trades WHERE trading_day < ?").run(beforeDay).changes;
      this.db.prepare("DELETE FROM order_ids WHERE trading_day < ?").run(beforeDay);
      this.db.prepare("DELETE FROM risk_counts WHERE trading_day < ?").run(beforeDay);
      return { orders, trades };
    })();
  }

  /** True until {@link SqliteJournal.close}. */
  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
