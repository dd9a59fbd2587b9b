/**
 * The journal's tables. `user_version` holds {@link SCHEMA_VERSION}; a file with a newer version
 * is refused rather than misread.
 *
 * @module
 */

/** Version of the tables below. */
export const SCHEMA_VERSION = 1;

/** Creates the tables when missing. Rows are keyed by gateway name and trading day. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS orders (
  gateway     TEXT NOT NULL,
  trading_day TEXT NOT NULL,
  orderid     TEXT NOT NULL,
  server_id   TEXT NOT NULL,
  last_seq    INTEGER NOT NULL,
  data        TEXT NOT NULL,
  PRIMARY KEY (gateway, trading_day, orderid)
);
CREATE TABLE IF NOT EXISTS trades (
  gateway     TEXT NOT NULL,
  trading_day TEXT NOT NULL,
  tradeid     TEXT NOT NULL,
  data        TEXT NOT NULL,
  PRIMARY KEY (gateway, trading_day, tradeid)
);
CREATE TABLE IF NOT EXISTS order_ids (
  gateway     TEXT NOT NULL,
  trading_day TEXT NOT NULL,
  prefix      TEXT NOT NULL,
  counter     INTEGER NOT NULL,
  PRIMARY KEY (gateway, trading_day)
);
-- The risk engine's per-day order and cancel counts (added without a version bump: older readers
-- never look at it, and CREATE IF NOT EXISTS adds it to older files).
CREATE TABLE IF NOT EXISTS risk_counts (
  trading_day TEXT NOT NULL PRIMARY KEY,
  orders      INTEGER NOT NULL,
  cancels     INTEGER NOT NULL
);
`;
