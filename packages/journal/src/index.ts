/**
 * `@tsgate/journal`: a durable order journal for tsgate gateways, in one SQLite file.
 *
 * A gateway given a journal saves every order id before using it, every order update and every
 * trade before pushing it. After a restart it reloads the day's journal: order ids continue where
 * they stopped, trades already pushed are never pushed again as new, and the OMS is rebuilt from
 * the journal plus the broker's queries.
 *
 * @packageDocumentation
 */
export { JournalRecordError } from "./records.js";
export {
  type JournalDurability,
  JournalOpenError,
  SqliteJournal,
  type SqliteJournalOptions,
} from "./sqlite-journal.js";
